"""Coaching clinics (CCHC): clinics and their participants (name, agency, attendance,
pre- and post-test, the certificate's keyed code hash) and the audit of reads of
their names.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _at(name: str, *, nullable: bool = True) -> sa.Column:
    if nullable:
        return sa.Column(name, sa.DateTime(timezone=True))
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def upgrade() -> None:
    op.create_table(
        "clinic",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("held_on", sa.Date, nullable=False, index=True),
        sa.Column("place", sa.String, nullable=False),
        sa.Column("agencies", JSONB, nullable=False, server_default="[]"),
        sa.Column("max_score", sa.Integer, nullable=False, server_default="100"),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("created_by", sa.String, nullable=False),
        _at("created_at", nullable=False),
        _at("completed_at"),
        sa.Column("completed_by", sa.String),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "clinic_participant",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "clinic_id", UUID(as_uuid=True), sa.ForeignKey("clinic.id"), nullable=False, index=True
        ),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("agency", sa.String, nullable=False),
        sa.Column("attended", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("pre_score", sa.Integer),
        sa.Column("post_score", sa.Integer),
        sa.Column("verify_hash", sa.String(64), unique=True),
        sa.Column("registered_by", sa.String, nullable=False),
        _at("registered_at", nullable=False),
    )
    op.create_table(
        "clinic_participant_read",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("clinic_id", UUID(as_uuid=True), nullable=False, index=True),
        sa.Column("participant_ids", JSONB, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("actor_username", sa.String, nullable=False),
        sa.Column("purpose", sa.String, nullable=False),
        _at("at", nullable=False),
    )


def downgrade() -> None:
    op.drop_table("clinic_participant_read")
    op.drop_table("clinic_participant")
    op.drop_table("clinic")
