"""Cross-office duplicate candidates: the same letter held by two offices.

Kept apart from `duplicate_candidate`, whose rows are shown in full (summary, score,
reasons) to the office's staff: a pair across offices may only ever show the other
office's code and name, its registration number and status (see `docs/security.md`).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cross_office_candidate",
        sa.Column("report_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), primary_key=True),
        sa.Column("candidate_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), primary_key=True),
        sa.Column("similarity", sa.Float, nullable=False),
        sa.Column(
            "computed_at",
            sa.DateTime(timezone=True),
            nullable=False,
            server_default=sa.text("now()"),
        ),
    )


def downgrade() -> None:
    op.drop_table("cross_office_candidate")
