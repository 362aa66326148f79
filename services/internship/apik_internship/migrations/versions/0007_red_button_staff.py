"""The register of protection officers' names (keyed hashes) and units, for the
conflict-of-interest rule.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "red_button_staff",
        sa.Column("username", sa.String(200), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("name_hash", sa.String(64), nullable=False),
        sa.Column("unit", sa.String(64)),
        sa.Column("unit_hash", sa.String(64)),
        sa.Column("set_by", sa.Text, nullable=False),
        sa.Column(
            "set_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
        ),
    )


def downgrade() -> None:
    op.drop_table("red_button_staff")
