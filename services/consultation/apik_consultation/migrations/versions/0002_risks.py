"""The procurement risk register.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "risk",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("tender_reference", sa.Text),
        sa.Column("likelihood", sa.SmallInteger, nullable=False),
        sa.Column("impact", sa.SmallInteger, nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("mitigation", sa.Text),
        sa.Column("owner", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("review_on", sa.Date, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.CheckConstraint("likelihood BETWEEN 1 AND 5", name="risk_likelihood_range"),
        sa.CheckConstraint("impact BETWEEN 1 AND 5", name="risk_impact_range"),
    )
    # Lists are newest first within an office; reviews are found by date.
    op.create_index("risk_office_created", "risk", ["office", "created_at", "id"])
    op.create_index("risk_office_review", "risk", ["office", "review_on"])


def downgrade() -> None:
    op.drop_table("risk")
