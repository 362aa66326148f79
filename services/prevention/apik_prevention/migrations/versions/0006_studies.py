"""Studies (kajian) and their suggestions (saran perbaikan): stages, suggestions to
agencies with their status and history, the agency's evidence, reminders once per
suggestion and offset.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _at(name: str) -> sa.Column:
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def upgrade() -> None:
    op.create_table(
        "study",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("title", sa.String, nullable=False),
        sa.Column("topic", sa.String, nullable=False),
        sa.Column("year", sa.Integer, nullable=False, index=True),
        sa.Column("stage", sa.String(16), nullable=False, index=True),
        sa.Column("created_by", sa.String, nullable=False),
        _at("created_at"),
        sa.Column("history", JSONB, nullable=False, server_default="[]"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "suggestion",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "study_id", UUID(as_uuid=True), sa.ForeignKey("study.id"), nullable=False, index=True
        ),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("agency", sa.String, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("due_on", sa.Date, nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("closed_on", sa.Date),
        sa.Column("created_by", sa.String, nullable=False),
        _at("created_at"),
        sa.Column("history", JSONB, nullable=False, server_default="[]"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "suggestion_evidence",
        sa.Column(
            "suggestion_id",
            UUID(as_uuid=True),
            sa.ForeignKey("suggestion.id"),
            primary_key=True,
        ),
        sa.Column("filename", sa.String, nullable=False),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("uploaded_by", sa.String, nullable=False),
        _at("uploaded_at"),
    )
    op.create_table(
        "suggestion_reminder",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "suggestion_id",
            UUID(as_uuid=True),
            sa.ForeignKey("suggestion.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("offset_days", sa.Integer, nullable=False),
        sa.Column("days_left", sa.Integer, nullable=False),
        sa.Column("announced", sa.Boolean, nullable=False),
        _at("recorded_at"),
        sa.UniqueConstraint("suggestion_id", "offset_days"),
    )


def downgrade() -> None:
    op.drop_table("suggestion_reminder")
    op.drop_table("suggestion_evidence")
    op.drop_table("suggestion")
    op.drop_table("study")
