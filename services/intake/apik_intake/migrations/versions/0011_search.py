"""Full-text search over reports (Indonesian stemming) and list filters.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX report_fts ON report USING gin "
        "(to_tsvector('indonesian', summary || ' ' || coalesce(chronology, '')))"
    )
    op.create_index("report_office_status", "report", ["office", "status", "created_at"])


def downgrade() -> None:
    op.drop_index("report_office_status", table_name="report")
    op.execute("DROP INDEX report_fts")
