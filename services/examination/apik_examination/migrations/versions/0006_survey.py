"""The reporter's satisfaction survey (IKM) per closed case.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "case_survey",
        sa.Column(
            "case_id", UUID(as_uuid=True), sa.ForeignKey("examination_case.id"), primary_key=True
        ),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("examiner_id", sa.String(128)),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answers", JSONB),
        sa.Column("comment", sa.Text),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("case_survey_answered", "case_survey", ["office", "answered_at"])


def downgrade() -> None:
    op.drop_table("case_survey")
