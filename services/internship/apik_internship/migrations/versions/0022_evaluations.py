"""Rubric evaluations (of the intern by supervisors, of the unit and the programme by
the intern; comments sealed) and interns' final reports (sealed).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def _at(name: str) -> sa.Column:
    return sa.Column(
        name, sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")
    )


def upgrade() -> None:
    op.create_table(
        "evaluation",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column(
            "application_id",
            UUID(as_uuid=True),
            sa.ForeignKey("application.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("subject", sa.String(16), nullable=False),
        sa.Column("target", sa.String(64), nullable=False),
        sa.Column("evaluator", sa.Text, nullable=False),
        sa.Column("scores", JSONB, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("comment", sa.Text),
        _at("submitted_at"),
        sa.UniqueConstraint("application_id", "subject", "evaluator"),
    )
    op.create_index("evaluation_office_subject", "evaluation", ["office", "subject", "target"])
    op.create_table(
        "final_report",
        sa.Column(
            "application_id", UUID(as_uuid=True), sa.ForeignKey("application.id"), primary_key=True
        ),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("media_type", sa.String(128), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        _at("uploaded_at"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )


def downgrade() -> None:
    op.drop_table("final_report")
    op.drop_table("evaluation")
