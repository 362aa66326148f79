"""The service's copy of the office registry (kept from the gateway's office events).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

from apik_shared.platform.offices import create_office_registry, drop_office_registry

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_office_registry()


def downgrade() -> None:
    drop_office_registry()
