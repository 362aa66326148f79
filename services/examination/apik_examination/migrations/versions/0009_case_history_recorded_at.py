"""When a step dated in the past (an office's history) was last recorded on each case.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Null for every existing case: until now each step was recorded as it happened.
    op.add_column(
        "examination_case",
        sa.Column("history_recorded_at", sa.DateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_column("examination_case", "history_recorded_at")
