"""Idempotent replays repeat the first answer's Location and ETag.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

from apik_shared.platform.tables import add_idempotency_headers, drop_idempotency_headers

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_idempotency_headers()


def downgrade() -> None:
    drop_idempotency_headers()
