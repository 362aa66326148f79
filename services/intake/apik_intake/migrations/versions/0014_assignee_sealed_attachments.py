"""The report's assignee, and attachments sealed at rest.

`attachment.storage_key` is where a sealed file lives (a keyed hash of its checksum);
rows written before this revision have none: their file is plain, under its SHA-256.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("report", sa.Column("assignee", sa.String(128)))
    op.add_column("report", sa.Column("assigned_at", sa.DateTime(timezone=True)))
    op.create_index("report_office_assignee", "report", ["office", "assignee"])
    op.add_column("attachment", sa.Column("storage_key", sa.String(64)))


def downgrade() -> None:
    op.drop_column("attachment", "storage_key")
    op.drop_index("report_office_assignee", table_name="report")
    op.drop_column("report", "assigned_at")
    op.drop_column("report", "assignee")
