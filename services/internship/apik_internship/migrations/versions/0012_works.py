"""The interns' works, their files (sealed) and the case material shared (masked).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

NOW = sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "work",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column(
            "application_id", sa.Uuid, sa.ForeignKey("application.id"), nullable=False, index=True
        ),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("case_reference", sa.String(100)),
        sa.Column("shared_material", sa.Text),
        sa.Column("shared_by", sa.Text),
        sa.Column("shared_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "work_file",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("work_id", sa.Uuid, sa.ForeignKey("work.id"), nullable=False, index=True),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("media_type", sa.String(128), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    )


def downgrade() -> None:
    op.drop_table("work_file")
    op.drop_table("work")
