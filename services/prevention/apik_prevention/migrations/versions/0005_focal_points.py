"""Focal points: named contacts in agencies (contact details only with consent), the
history of their activation status, discussion groups, and the audit of full reads.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _at(name: str) -> sa.Column:
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def upgrade() -> None:
    op.create_table(
        "focal_point",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("role", sa.String, nullable=False),
        sa.Column("agency", sa.String, nullable=False),
        sa.Column("regency", sa.String, nullable=False, index=True),
        sa.Column("phone", sa.String),
        sa.Column("email", sa.String),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_until", sa.Date),
        sa.Column("consent_on", sa.Date),
        sa.Column("consent_scope", JSONB, nullable=False, server_default="[]"),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("created_by", sa.String, nullable=False),
        _at("created_at"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        # Contact details are never kept without a recorded consent (the API checks the
        # scope too; this is the last wall).
        sa.CheckConstraint(
            "(phone IS NULL AND email IS NULL) OR consent_on IS NOT NULL",
            name="focal_point_contact_needs_consent",
        ),
    )
    op.create_table(
        "focal_point_change",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "focal_point_id",
            UUID(as_uuid=True),
            sa.ForeignKey("focal_point.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("from_status", sa.String(16)),
        sa.Column("to_status", sa.String(16), nullable=False),
        sa.Column("note", sa.String),
        sa.Column("changed_by", sa.String, nullable=False),
        _at("changed_at"),
    )
    op.create_table(
        "discussion_group",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("regency", sa.String),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("members", JSONB, nullable=False, server_default="[]"),
        sa.Column("created_by", sa.String, nullable=False),
        _at("created_at"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "focal_point_read",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("focal_point_ids", JSONB, nullable=False),
        sa.Column("actor", sa.String, nullable=False),
        sa.Column("actor_username", sa.String, nullable=False),
        sa.Column("purpose", sa.String, nullable=False),
        _at("at"),
    )


def downgrade() -> None:
    op.drop_table("focal_point_read")
    op.drop_table("discussion_group")
    op.drop_table("focal_point_change")
    op.drop_table("focal_point")
