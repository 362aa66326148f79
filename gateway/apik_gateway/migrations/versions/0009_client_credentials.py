"""Each API client's current credential: the `sid` of the tokens it is issued, so that
switching the client off or rotating its secret ends exactly those tokens.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "api_client",
        sa.Column(
            "credential_id",
            sa.String(36),
            nullable=False,
            server_default=sa.text("gen_random_uuid()::text"),
        ),
    )


def downgrade() -> None:
    op.drop_column("api_client", "credential_id")
