"""When the office received a report (letters received earlier, an office's history).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("report", sa.Column("received_at", sa.DateTime(timezone=True)))
    op.execute("UPDATE report SET received_at = created_at")
    op.alter_column("report", "received_at", nullable=False, server_default=sa.text("now()"))
    # The KPIs count reports by the year they were received.
    op.create_index("report_office_received", "report", ["office", "received_at"])


def downgrade() -> None:
    op.drop_index("report_office_received", table_name="report")
    op.drop_column("report", "received_at")
