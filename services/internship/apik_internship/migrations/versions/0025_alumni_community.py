"""When an alumnus asked to join the office's Sahabat Ombudsman community (once).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("alumnus", sa.Column("community_joined_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    op.drop_column("alumnus", "community_joined_at")
