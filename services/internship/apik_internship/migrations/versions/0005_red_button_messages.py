"""Messages between a Red Button's intern and the protection officers.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "red_button_message",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "case_id",
            UUID(as_uuid=True),
            sa.ForeignKey("red_button_case.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("author", sa.String(16), nullable=False),
        sa.Column("officer", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column(
            "sent_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
        ),
        # An officer's message names the officer; the intern's names nobody.
        sa.CheckConstraint(
            "(author = 'officer') = (officer IS NOT NULL) AND author IN ('intern', 'officer')",
            name="red_button_message_author",
        ),
    )


def downgrade() -> None:
    op.drop_table("red_button_message")
