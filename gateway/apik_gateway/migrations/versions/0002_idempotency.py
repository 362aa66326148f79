"""Idempotency keys for the gateway's creating POSTs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

from alembic import op

from apik_shared.platform.tables import idempotency_key

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    idempotency_key.create(op.get_bind())


def downgrade() -> None:
    idempotency_key.drop(op.get_bind())
