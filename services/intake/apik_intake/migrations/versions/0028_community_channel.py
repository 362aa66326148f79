"""The `community` channel: a report brought by a Sahabat Ombudsman member names them,
checked against intake's copy of prevention's members (ids and statuses only).

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "community_member_copy",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
    )
    # No foreign key: the member is the prevention service's, another database.
    op.add_column("report", sa.Column("community_member_id", UUID(as_uuid=True)))
    op.create_index("ix_report_community_member_id", "report", ["community_member_id"])
    # The channel's own rule, as a wall: a member only on it, and it always names one.
    op.create_check_constraint(
        "report_community_names_its_member",
        "report",
        "(channel = 'community') = (community_member_id IS NOT NULL)",
    )


def downgrade() -> None:
    op.drop_constraint("report_community_names_its_member", "report", type_="check")
    op.drop_index("ix_report_community_member_id", table_name="report")
    op.drop_column("report", "community_member_id")
    op.drop_table("community_member_copy")
