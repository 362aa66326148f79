"""Cases opened from intake's handoff.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

from apik_shared.platform.tables import create_platform_tables, drop_platform_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_platform_tables()
    op.create_table(
        "examination_case",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("report_id", UUID(as_uuid=True), nullable=False, unique=True),
        sa.Column("registration_number", sa.String(64), nullable=False),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("track", sa.String(32), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("substance", sa.String(64)),
        sa.Column("reported_agency", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("event_date", sa.Date),
        sa.Column("reporter_id", UUID(as_uuid=True), nullable=False),
        sa.Column("confidential", sa.Boolean, nullable=False),
        sa.Column("handed_over_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("case_office_opened", "examination_case", ["office", "opened_at", "id"])


def downgrade() -> None:
    op.drop_table("examination_case")
    drop_platform_tables()
