"""Offices, users, API clients and signing keys.

Revision ID: 0001
Revises:
Create Date: 2025-11-24
"""

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _now() -> sa.Column[datetime]:
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )


def upgrade() -> None:
    op.create_table(
        "office",
        sa.Column("code", sa.String(20), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(40), nullable=False),
        _now(),
        sa.CheckConstraint(
            "timezone IN ('Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura')",
            name="office_timezone_known",
        ),
    )
    op.create_table(
        "app_user",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("username", sa.String(80), nullable=False, unique=True),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("office", sa.String(20), sa.ForeignKey("office.code"), nullable=False),
        sa.Column("roles", ARRAY(sa.String(40)), nullable=False, server_default="{}"),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        _now(),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_index("ix_app_user_office", "app_user", ["office"])
    op.create_table(
        "api_client",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("office", sa.String(20), sa.ForeignKey("office.code"), nullable=False),
        sa.Column("roles", ARRAY(sa.String(40)), nullable=False, server_default="{}"),
        sa.Column("secret_hash", sa.Text, nullable=False),
        sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
        _now(),
    )
    op.create_index("ix_api_client_office", "api_client", ["office"])
    op.create_index("ix_api_client_name_id", "api_client", ["name", "id"])
    op.create_table(
        "signing_key",
        sa.Column("kid", sa.String(64), primary_key=True),
        sa.Column("private_pem", sa.Text, nullable=False),
        sa.Column("public_jwk", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.false()),
        _now(),
        sa.Column("deactivated_at", sa.DateTime(timezone=True)),
        sa.Column("retired_at", sa.DateTime(timezone=True)),
    )
    # At most one key signs at a time, whatever several replicas do at once.
    op.create_index(
        "signing_key_one_active",
        "signing_key",
        ["active"],
        unique=True,
        postgresql_where=sa.text("active"),
    )


def downgrade() -> None:
    op.drop_table("signing_key")
    op.drop_table("api_client")
    op.drop_table("app_user")
    op.drop_table("office")
