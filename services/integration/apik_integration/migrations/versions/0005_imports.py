"""Imports of an office's old records: the upload and its rows, each row's state kept
so that a run resumes where it stopped.

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


def upgrade() -> None:
    op.create_table(
        "import_job",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("mapping", JSONB, nullable=False),
        sa.Column("raw", sa.Text),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("total_rows", sa.Integer, nullable=False),
        sa.Column("invalid_rows", sa.Integer, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("status IN ('checked', 'running', 'done')", name="import_job_status"),
    )
    op.create_table(
        "import_row",
        sa.Column(
            "import_id",
            UUID(as_uuid=True),
            sa.ForeignKey("import_job.id"),
            primary_key=True,
        ),
        sa.Column("row", sa.Integer, primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("registration_number", sa.Text),
        sa.Column("errors", JSONB, nullable=False),
        sa.Column("record", sa.Text),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("status IN ('invalid', 'valid', 'sent')", name="import_row_status"),
    )
    # The job's claim: the rows of a running import still to hand over.
    op.create_index(
        "import_row_waiting",
        "import_row",
        ["import_id", "row"],
        postgresql_where=sa.text("status = 'valid'"),
    )


def downgrade() -> None:
    op.drop_table("import_row")
    op.drop_table("import_job")
