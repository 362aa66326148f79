"""Login sessions with rotating refresh tokens, and the failed sign-ins' throttle.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-12
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels = None
depends_on = None


def _at(name: str, *, nullable: bool = False) -> sa.Column[datetime]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "login_session",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("subject", sa.String(60), nullable=False),
        _at("created_at"),
        _at("expires_at"),
        _at("access_until"),
        _at("revoked_at", nullable=True),
        sa.Column("revoked_reason", sa.String(20)),
    )
    op.create_index("ix_login_session_subject", "login_session", ["subject"])
    op.create_table(
        "refresh_token",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "session_id",
            sa.String(36),
            sa.ForeignKey("login_session.id", ondelete="CASCADE"),
            nullable=False,
        ),
        _at("issued_at"),
        _at("expires_at"),
        _at("used_at", nullable=True),
    )
    op.create_index("ix_refresh_token_session_id", "refresh_token", ["session_id"])
    op.create_table(
        "login_throttle",
        sa.Column("scope", sa.String(10), primary_key=True),
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed_since_success", sa.Integer, nullable=False, server_default="0"),
        _at("last_failure_at", nullable=True),
        _at("locked_until", nullable=True),
    )


def downgrade() -> None:
    op.drop_table("login_throttle")
    op.drop_table("refresh_token")
    op.drop_table("login_session")
