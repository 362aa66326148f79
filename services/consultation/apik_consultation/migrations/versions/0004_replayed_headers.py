"""Idempotent replays repeat the first answer's Location and ETag.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

from apik_shared.platform.tables import add_idempotency_headers, drop_idempotency_headers

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    add_idempotency_headers()


def downgrade() -> None:
    drop_idempotency_headers()
