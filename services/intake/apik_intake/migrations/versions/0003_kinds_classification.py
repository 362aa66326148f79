"""Consultations (KNL) and copies (TEMBUSAN); the agency's type and region; classification.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A consultation has no agency, substance or chronology of its own.
    for column in ("reported_agency", "substance", "chronology"):
        op.alter_column("report", column, nullable=True)
    op.add_column("report", sa.Column("agency_type", sa.String(32)))
    op.add_column("report", sa.Column("agency_province", sa.String(2)))
    op.add_column("report", sa.Column("agency_regency", sa.String(4)))
    op.add_column(
        "report", sa.Column("maladministration", JSONB, nullable=False, server_default="[]")
    )
    op.add_column("report", sa.Column("location_province", sa.String(2)))
    op.add_column("report", sa.Column("location_regency", sa.String(4)))
    op.add_column("report", sa.Column("question", sa.Text))
    op.add_column("report", sa.Column("answer", sa.Text))
    op.add_column("report", sa.Column("answered_at", sa.DateTime(timezone=True)))
    op.add_column("report", sa.Column("addressed_to", sa.Text))
    op.add_column(
        "report",
        sa.Column("linked_report_id", UUID(as_uuid=True), sa.ForeignKey("report.id")),
    )
    op.create_index(
        "report_linked_report_id",
        "report",
        ["linked_report_id"],
        postgresql_where=sa.text("linked_report_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("report_linked_report_id", table_name="report")
    for column in (
        "linked_report_id",
        "addressed_to",
        "answered_at",
        "answer",
        "question",
        "location_regency",
        "location_province",
        "maladministration",
        "agency_regency",
        "agency_province",
        "agency_type",
    ):
        op.drop_column("report", column)
    for column in ("chronology", "substance", "reported_agency"):
        op.alter_column("report", column, nullable=False)
