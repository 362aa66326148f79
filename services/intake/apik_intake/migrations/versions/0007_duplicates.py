"""Duplicate candidates (trigram similarity), links between reports, merges.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TEXT = "lower(summary || ' ' || coalesce(chronology, ''))"


def upgrade() -> None:
    # pg_trgm is a trusted extension: the database's owner may create it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(f"CREATE INDEX report_text_trgm ON report USING gin (({TEXT}) gin_trgm_ops)")
    op.execute(
        "CREATE INDEX report_office_agency ON report (office, lower(reported_agency), created_at)"
    )
    # From a person to their reports (the same-reporter door, the person filter).
    op.create_index("report_reporter_id", "report", ["reporter_id"])
    op.add_column("report", sa.Column("link_type", sa.String(16)))
    op.create_table(
        "duplicate_candidate",
        sa.Column("report_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), primary_key=True),
        sa.Column("candidate_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), primary_key=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reasons", JSONB, nullable=False),
        sa.Column(
            "computed_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("now()"),
        ),
    )


def downgrade() -> None:
    op.drop_table("duplicate_candidate")
    op.drop_column("report", "link_type")
    op.drop_index("report_reporter_id", table_name="report")
    op.execute("DROP INDEX report_office_agency")
    op.execute("DROP INDEX report_text_trgm")
