"""Agreements (MoU and PKS), their signed documents, activities and reminders.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _now() -> sa.Column:
    return sa.Column(
        "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
    )


def upgrade() -> None:
    op.create_table(
        "agreement",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("parent_id", UUID(as_uuid=True), sa.ForeignKey("agreement.id"), index=True),
        sa.Column("previous_id", UUID(as_uuid=True), sa.ForeignKey("agreement.id"), unique=True),
        sa.Column("renewal", sa.Integer, nullable=False, server_default="0"),
        sa.Column("number", sa.String(100)),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("parties", JSONB, nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("created_by", sa.String, nullable=False),
        _now(),
        sa.Column("history", JSONB, nullable=False, server_default="[]"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "agreement_document",
        sa.Column(
            "agreement_id", UUID(as_uuid=True), sa.ForeignKey("agreement.id"), primary_key=True
        ),
        sa.Column("filename", sa.String, nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("uploaded_by", sa.String, nullable=False),
        sa.Column(
            "uploaded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_table(
        "agreement_activity",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "agreement_id",
            UUID(as_uuid=True),
            sa.ForeignKey("agreement.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("held_on", sa.Date),
        sa.Column("reference", sa.String(100)),
        sa.Column("created_by", sa.String, nullable=False),
        _now(),
    )
    op.create_table(
        "agreement_reminder",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "agreement_id",
            UUID(as_uuid=True),
            sa.ForeignKey("agreement.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("threshold", sa.Integer, nullable=False),
        sa.Column("days_left", sa.Integer, nullable=False),
        sa.Column("announced", sa.Boolean, nullable=False),
        sa.Column(
            "recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("agreement_id", "threshold"),
    )
    op.create_table(
        "agreement_document_read",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "agreement_id",
            UUID(as_uuid=True),
            sa.ForeignKey("agreement.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("read_by", sa.String, nullable=False),
        sa.Column(
            "read_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )


def downgrade() -> None:
    op.drop_table("agreement_document_read")
    op.drop_table("agreement_reminder")
    op.drop_table("agreement_activity")
    op.drop_table("agreement_document")
    op.drop_table("agreement")
