"""Attendance days (check-in and check-out by the office's rotating code) and absences.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attendance_day",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column(
            "application_id", sa.Uuid, sa.ForeignKey("application.id"), nullable=False, index=True
        ),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_out_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("application_id", "day"),
    )
    op.create_table(
        "absence",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column(
            "application_id", sa.Uuid, sa.ForeignKey("application.id"), nullable=False, index=True
        ),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column(
            "recorded_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("now()"),
        ),
        sa.UniqueConstraint("application_id", "day"),
    )


def downgrade() -> None:
    op.drop_table("absence")
    op.drop_table("attendance_day")
