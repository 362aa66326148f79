"""The public rate limit's state, shared by every replica of the gateway.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # UNLOGGED: seconds-deep state, worthless after a crash; its writes skip the WAL.
    op.create_table(
        "public_rate_limit",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("tat", sa.Double, nullable=False),
        sa.Column("allowed", sa.Boolean, nullable=False),
        prefixes=["UNLOGGED"],
    )


def downgrade() -> None:
    op.drop_table("public_rate_limit")
