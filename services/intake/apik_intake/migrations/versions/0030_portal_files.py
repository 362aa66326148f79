"""A pulled complaint's files, fetched from the portal once and kept with the report's
attachments (`portal_file`); a letter's own number (`report.letter_number`).

Revision ID: 0030
Revises: 0028
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0030"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portal_file",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("report_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), nullable=False),
        sa.Column("file_id", sa.String(200), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("error", sa.Text),
        sa.Column("attachment_id", UUID(as_uuid=True), sa.ForeignKey("attachment.id")),
        sa.UniqueConstraint("report_id", "file_id"),
    )
    op.create_index("ix_portal_file_report_id", "portal_file", ["report_id"])
    # The fetch job's queue: the waiting files by when they are due.
    op.create_index(
        "portal_file_due",
        "portal_file",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'waiting'"),
    )
    op.add_column("report", sa.Column("letter_number", sa.String(100)))


def downgrade() -> None:
    op.drop_column("report", "letter_number")
    op.drop_table("portal_file")
