"""Substances of an office's own beside the national catalogue.

Every existing substance was edited by any office's head for every office; they all
become the national catalogue (`office` NULL), which only the national role edits. An
office's own additions carry its code and are offered to that office alone.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("substance", sa.Column("office", sa.String(32), nullable=True))
    op.create_index("ix_substance_office", "substance", ["office"])


def downgrade() -> None:
    # Offices' additions join the catalogue again: reports refer to their codes.
    op.drop_index("ix_substance_office", table_name="substance")
    op.drop_column("substance", "office")
