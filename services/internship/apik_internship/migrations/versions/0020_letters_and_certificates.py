"""Acceptance letters (the hash of the code their QR carries) and certificates of
completion with the recap they were issued on.

Revision ID: 0020
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0020"
down_revision = "0012"
branch_labels = None
depends_on = None


def _now() -> sa.Column:
    return sa.Column(
        "issued_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def upgrade() -> None:
    op.create_table(
        "acceptance_letter",
        sa.Column(
            "application_id", UUID(as_uuid=True), sa.ForeignKey("application.id"), primary_key=True
        ),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("verify_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("issued_by", sa.Text, nullable=False),
        _now(),
    )
    op.create_table(
        "certificate",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "application_id",
            UUID(as_uuid=True),
            sa.ForeignKey("application.id"),
            nullable=False,
            unique=True,
        ),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("verify_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("working_days", sa.Integer, nullable=False),
        sa.Column("days_present", sa.Integer, nullable=False),
        sa.Column("logbook_approved", sa.Integer, nullable=False),
        sa.Column("evaluation_score", sa.Integer, nullable=False),
        sa.Column("issued_by", sa.Text, nullable=False),
        _now(),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.CheckConstraint("evaluation_score BETWEEN 0 AND 100", name="certificate_score"),
        sa.CheckConstraint(
            "days_present BETWEEN 0 AND working_days", name="certificate_days_present"
        ),
    )


def downgrade() -> None:
    op.drop_table("certificate")
    op.drop_table("acceptance_letter")
