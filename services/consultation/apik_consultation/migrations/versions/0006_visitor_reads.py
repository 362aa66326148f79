"""The audit of reads of desk visitors' identity (`visitor_read`).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visitor_read",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("visit_id", UUID(as_uuid=True), nullable=False, index=True),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("actor_username", sa.Text, nullable=False),
        sa.Column("actor_roles", JSONB, nullable=False, server_default="[]"),
        sa.Column("purpose", sa.Text, nullable=False),
        sa.Column("disclosure", sa.String(16), nullable=False),
        sa.Column(
            "at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
        ),
    )
    # The data protection officer reads one office's trail, newest first.
    op.create_index("visitor_read_office_at", "visitor_read", ["office", "at", "id"])


def downgrade() -> None:
    op.drop_table("visitor_read")
