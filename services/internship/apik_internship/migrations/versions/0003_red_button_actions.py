"""Protective actions on Red Button cases, and the time protection began.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("red_button_case", sa.Column("protected_at", sa.DateTime(timezone=True)))
    op.create_table(
        "red_button_action",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "case_id",
            UUID(as_uuid=True),
            sa.ForeignKey("red_button_case.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("consent", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("taken_by", sa.Text, nullable=False),
        sa.Column(
            "taken_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
        ),
        # Referring to the intern's university needs their consent, whatever the code says.
        sa.CheckConstraint(
            "kind <> 'refer_task_force' OR consent", name="red_button_referral_with_consent"
        ),
    )


def downgrade() -> None:
    op.drop_table("red_button_action")
    op.drop_column("red_button_case", "protected_at")
