"""The public channel: a hash of each report's tracking PIN, and wrong-PIN counters.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("report", sa.Column("tracking_pin_hash", sa.String(64)))
    op.create_table(
        "tracking_attempt",
        sa.Column("report_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column(
            "window_started_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("now()"),
        ),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("tracking_attempt")
    op.drop_column("report", "tracking_pin_hash")
