"""The examination outcome, shown on the reporter's tracking page once the case closes.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

COLUMNS = ("case_id", "case_outcome", "case_route", "case_closed_at", "survey_token")


def upgrade() -> None:
    op.add_column("report", sa.Column("case_id", sa.String(64)))
    op.add_column("report", sa.Column("case_outcome", sa.String(64)))
    op.add_column("report", sa.Column("case_route", sa.String(64)))
    op.add_column("report", sa.Column("case_closed_at", sa.DateTime(timezone=True)))
    op.add_column("report", sa.Column("survey_token", sa.String(128)))


def downgrade() -> None:
    for column in COLUMNS:
        op.drop_column("report", column)
