"""Cohorts, their units' places and supervisors, placements per phase and their history.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

NOW = sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "cohort",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("phases", sa.Integer, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_table(
        "cohort_member",
        sa.Column("application_id", sa.Uuid, sa.ForeignKey("application.id"), primary_key=True),
        sa.Column("cohort_id", sa.Uuid, sa.ForeignKey("cohort.id"), nullable=False, index=True),
        sa.Column("preferences", JSONB, nullable=False),
    )
    op.create_table(
        "cohort_unit",
        sa.Column("cohort_id", sa.Uuid, sa.ForeignKey("cohort.id"), primary_key=True),
        sa.Column("unit", sa.String(64), primary_key=True),
        sa.Column("capacity", sa.Integer, nullable=False),
        sa.Column("supervisor", sa.String(80)),
    )
    op.create_table(
        "placement",
        sa.Column("id", sa.Uuid, primary_key=True),
        sa.Column("cohort_id", sa.Uuid, sa.ForeignKey("cohort.id"), nullable=False, index=True),
        sa.Column("application_id", sa.Uuid, sa.ForeignKey("application.id"), nullable=False),
        sa.Column("phase", sa.Integer, nullable=False),
        sa.Column("starts_on", sa.Date, nullable=False),
        sa.Column("ends_on", sa.Date, nullable=False),
        sa.Column("unit", sa.String(64)),
        sa.Column("rank", sa.Integer),
        sa.Column("source", sa.String(16), nullable=False),
        sa.UniqueConstraint("application_id", "phase"),
    )
    op.create_table(
        "placement_change",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("cohort_id", sa.Uuid, sa.ForeignKey("cohort.id"), nullable=False, index=True),
        sa.Column("application_id", sa.Uuid, nullable=False),
        sa.Column("phase", sa.Integer, nullable=False),
        sa.Column("from_unit", sa.String(64)),
        sa.Column("to_unit", sa.String(64)),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("changed_by", sa.Text, nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    )


def downgrade() -> None:
    for table in ("placement_change", "placement", "cohort_unit", "cohort_member", "cohort"):
        op.drop_table(table)
