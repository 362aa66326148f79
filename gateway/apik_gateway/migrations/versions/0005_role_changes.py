"""Role changes: the audit of every grant, and grants waiting for a second admin.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def _roles(name: str) -> sa.Column[list[str]]:
    return sa.Column(name, ARRAY(sa.String(40)), nullable=False, server_default="{}")


def upgrade() -> None:
    op.create_table(
        "role_change",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("account_kind", sa.String(10), nullable=False),
        sa.Column("account_id", sa.String(36), nullable=False),
        sa.Column("account_name", sa.String(200), nullable=False),
        sa.Column("office", sa.String(20), nullable=False),
        _roles("roles_before"),
        _roles("roles_after"),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("authority", sa.String(12)),
        sa.Column("proposed_by", sa.String(60), nullable=False),
        sa.Column("proposed_by_name", sa.String(200), nullable=False),
        sa.Column("approved_by", sa.String(60)),
        sa.Column("approved_by_name", sa.String(200)),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_role_change_account_id", "role_change", ["account_id"])
    op.create_index("ix_role_change_office", "role_change", ["office"])
    op.create_index("ix_role_change_status", "role_change", ["status"])
    # The audit pages newest first, keyed by (proposed_at, id).
    op.create_index("ix_role_change_proposed_at_id", "role_change", ["proposed_at", "id"])


def downgrade() -> None:
    op.drop_table("role_change")
