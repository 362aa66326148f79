"""The final report (LHP) and the closure of a case, with the public loss.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _case_key() -> sa.Column:
    return sa.Column(
        "case_id", UUID(as_uuid=True), sa.ForeignKey("examination_case.id"), primary_key=True
    )


def upgrade() -> None:
    op.create_table(
        "case_conclusion",
        _case_key(),
        sa.Column("finding", sa.String(32), nullable=False),
        sa.Column("forms", JSONB, nullable=False, server_default="[]"),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("corrective_actions", JSONB, nullable=False, server_default="[]"),
        sa.Column("corrective_due_on", sa.Date),
        sa.Column("reporter_response_until", sa.Date, nullable=False),
        sa.Column("recommendation", sa.Text),
        sa.Column("concluded_by", sa.Text, nullable=False),
        sa.Column("concluded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "case_closure",
        _case_key(),
        sa.Column("outcome", sa.String(32), nullable=False),
        sa.Column("route", sa.String(32), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("public_loss_kind", sa.String(16)),
        sa.Column("public_loss_idr", sa.BigInteger),
        sa.Column("public_loss_people", sa.Integer),
        sa.Column("public_loss_description", sa.Text),
        sa.Column("closed_by", sa.Text, nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("case_closure_outcome", "case_closure", ["outcome", "closed_at"])


def downgrade() -> None:
    op.drop_table("case_closure")
    op.drop_table("case_conclusion")
