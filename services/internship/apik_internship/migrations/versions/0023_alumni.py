"""The alumni register (sealed records, consent per field, visibility), magic links
(keyed hashes), alumni requests and the audit of reads.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def _at(name: str, *, nullable: bool = False) -> sa.Column:
    if nullable:
        return sa.Column(name, sa.DateTime(timezone=True))
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def upgrade() -> None:
    op.create_table(
        "alumnus",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column(
            "application_id", UUID(as_uuid=True), sa.ForeignKey("application.id"), unique=True
        ),
        sa.Column("record", sa.Text),
        sa.Column("consent", JSONB, nullable=False),
        sa.Column("visibility", sa.String(16), nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        _at("created_at"),
        _at("updated_at"),
        _at("erased_at", nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.CheckConstraint(
            "visibility IN ('hidden', 'office', 'public')", name="alumnus_visibility"
        ),
    )
    op.create_table(
        "alumnus_link",
        sa.Column("token_hash", sa.String(64), primary_key=True),
        sa.Column(
            "alumnus_id",
            UUID(as_uuid=True),
            sa.ForeignKey("alumnus.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        _at("used_at", nullable=True),
        sa.Column("created_by", sa.Text, nullable=False),
        _at("created_at"),
    )
    op.create_table(
        "alumnus_request",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column(
            "alumnus_id",
            UUID(as_uuid=True),
            sa.ForeignKey("alumnus.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        _at("received_at"),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.Text),
        sa.Column("answered_by", sa.Text),
        _at("answered_at", nullable=True),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "alumnus_read",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("alumnus_id", UUID(as_uuid=True), nullable=False, index=True),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("actor_username", sa.Text, nullable=False),
        sa.Column("actor_roles", JSONB, nullable=False),
        sa.Column("purpose", sa.Text, nullable=False),
        _at("at"),
    )


def downgrade() -> None:
    for table in ("alumnus_read", "alumnus_request", "alumnus_link", "alumnus"):
        op.drop_table(table)
