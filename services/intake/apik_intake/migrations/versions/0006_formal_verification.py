"""Formal verification: flags, representation, the completion deadline, notices.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
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
    op.add_column(
        "report", sa.Column("represented", sa.Boolean, nullable=False, server_default=sa.false())
    )
    op.add_column("report", sa.Column("flags", JSONB, nullable=False, server_default="[]"))
    op.add_column("report", sa.Column("completion_due", sa.DateTime(timezone=True)))
    # The deadline job looks only at reports waiting for their reporter.
    op.create_index(
        "report_completion_due",
        "report",
        ["completion_due"],
        postgresql_where=sa.text("status = 'awaiting_completion'"),
    )
    op.create_table(
        "notice",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column(
            "report_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), nullable=False, index=True
        ),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("sent_by", sa.Text, nullable=False),
        sa.Column(
            "sent_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
        ),
    )


def downgrade() -> None:
    op.drop_table("notice")
    op.drop_index("report_completion_due", table_name="report")
    for column in ("completion_due", "flags", "represented"):
        op.drop_column("report", column)
