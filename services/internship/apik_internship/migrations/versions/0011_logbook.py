"""The intern's logbook and the reminders its job records.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

NOW = sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "logbook_entry",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column(
            "application_id", sa.Uuid, sa.ForeignKey("application.id"), nullable=False, index=True
        ),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("activities", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("comment", sa.Text),
        sa.Column("reviewed_by", sa.Text),
        sa.Column("reviewed_at", sa.DateTime(timezone=True)),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.UniqueConstraint("application_id", "day"),
    )
    op.create_table(
        "logbook_reminder",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "application_id", sa.Uuid, sa.ForeignKey("application.id"), nullable=False, index=True
        ),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.UniqueConstraint("application_id", "kind", "day"),
    )


def downgrade() -> None:
    op.drop_table("logbook_reminder")
    op.drop_table("logbook_entry")
