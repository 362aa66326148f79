"""Letters with agenda numbers; physical archive files and their lending.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import UUID

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def _now() -> sa.TextClause:
    return sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "letter",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("direction", sa.String(16), nullable=False),
        sa.Column("agenda_number", sa.String(64), nullable=False, unique=True),
        sa.Column("letter_number", sa.String(100)),
        sa.Column("letter_date", sa.Date),
        sa.Column("correspondent", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("report_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), index=True),
        sa.Column("handled_on", sa.Date, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
    )
    op.create_index("letter_office_created", "letter", ["office", "created_at", "id"])
    op.create_table(
        "letter_counter",
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("direction", sa.String(16), primary_key=True),
        sa.Column("last", sa.Integer, nullable=False),
    )
    op.create_table(
        "archive_file",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("code", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("location", sa.Text),
        sa.Column("report_id", UUID(as_uuid=True), sa.ForeignKey("report.id"), index=True),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.UniqueConstraint("office", "code", name="archive_file_office_code"),
    )
    op.create_table(
        "archive_loan",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("file_id", UUID(as_uuid=True), sa.ForeignKey("archive_file.id"), nullable=False),
        sa.Column("borrower", sa.Text, nullable=False),
        sa.Column("purpose", sa.Text),
        sa.Column("due_on", sa.Date, nullable=False),
        sa.Column("borrowed_at", sa.DateTime(timezone=True), nullable=False, server_default=_now()),
        sa.Column("lent_by", sa.Text, nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True)),
        sa.Column("received_by", sa.Text),
    )
    # A file is with one borrower at a time.
    op.create_index(
        "archive_loan_open",
        "archive_loan",
        ["file_id"],
        unique=True,
        postgresql_where=sa.text("returned_at IS NULL"),
    )
    op.create_index("archive_loan_office_due", "archive_loan", ["office", "due_on"])


def downgrade() -> None:
    for table in ("archive_loan", "archive_file", "letter_counter", "letter"):
        op.drop_table(table)
