"""Data subjects' requests announced overdue once: `subject_request.overdue_announced_at`,
set by the subject-requests job under the row's lock; a partial index keeps the job's
scan of open requests past their deadline cheap.

`community_member.left_on`: the office's day an active member left, which the quarterly
and annual reports print; members who left before it was kept have none (no record of
the day exists to backfill it from).

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
    op.add_column("community_member", sa.Column("left_on", sa.Date(), nullable=True))
    op.add_column(
        "subject_request",
        sa.Column("overdue_announced_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "ix_subject_request_unannounced_due",
        "subject_request",
        ["due_at"],
        postgresql_where=sa.text("status = 'received' AND overdue_announced_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_subject_request_unannounced_due", table_name="subject_request")
    op.drop_column("subject_request", "overdue_announced_at")
    op.drop_column("community_member", "left_on")
