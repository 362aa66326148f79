"""Reports pulled from a portal (integration's phase 2): the portal and its tracking id,
the report's external id, unique, so a complaint announced twice is registered once.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portal_origin",
        sa.Column("portal", sa.String(64), primary_key=True),
        sa.Column("external_id", sa.String(200), primary_key=True),
        sa.Column("report_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), unique=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("pulled_id", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("portal_origin")
