"""The Red Button's escalation level and the timed steps of every case.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "red_button_case",
        sa.Column("escalation_level", sa.Integer, nullable=False, server_default="0"),
    )
    op.add_column("red_button_case", sa.Column("escalated_at", sa.DateTime(timezone=True)))
    # The escalation job looks for raised cases only, oldest first.
    op.create_index(
        "red_button_case_raised_open",
        "red_button_case",
        ["raised_at"],
        postgresql_where=sa.text("status = 'raised'"),
    )
    op.create_table(
        "red_button_step",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "case_id",
            UUID(as_uuid=True),
            sa.ForeignKey("red_button_case.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("level", sa.Integer),
        sa.Column("actor", sa.Text),
        sa.Column(
            "at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
        ),
    )


def downgrade() -> None:
    op.drop_table("red_button_step")
    op.drop_index("red_button_case_raised_open", table_name="red_button_case")
    op.drop_column("red_button_case", "escalated_at")
    op.drop_column("red_button_case", "escalation_level")
