"""Examination's cases as the suffix needs them, and the cases named per assessment.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
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
        "case_follow_up",
        sa.Column("case_id", sa.String(64), primary_key=True),
        sa.Column("registration_number", sa.String(64), nullable=False, index=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("corrective", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("corrective_due_on", sa.Date),
        sa.Column("monitoring", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("closed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("recommendation", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("implementation", sa.String(32)),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_table(
        "assessment_case",
        sa.Column(
            "assessment_id", UUID(as_uuid=True), sa.ForeignKey("assessment.id"), primary_key=True
        ),
        sa.Column("registration_number", sa.String(64), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("assessment_case")
    op.drop_table("case_follow_up")
