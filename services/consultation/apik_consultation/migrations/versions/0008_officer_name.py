"""The serving officer's full name on a visit, for the printed form (it showed the
username).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("officer_name", sa.String(200)))


def downgrade() -> None:
    op.drop_column("visit", "officer_name")
