"""The examination unit the plenary sends an accepted report to.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("report", sa.Column("examination_unit", sa.String(100)))


def downgrade() -> None:
    op.drop_column("report", "examination_unit")
