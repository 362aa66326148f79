"""Prevention facts: assessments published, suggestions followed up, clinics completed,
focal points' activations, agreements in force (the prevention service's events).

Events published before this revision are in the stream: a rebuild
(`python -m apik_reporting.read_model.service.rebuild`) projects them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_AT = sa.DateTime(timezone=True)


def _office() -> sa.Column:
    return sa.Column("office", sa.String(32), nullable=False, index=True)


def upgrade() -> None:
    op.create_table(
        "assessment_fact",
        sa.Column("assessment_id", sa.String(64), primary_key=True),
        _office(),
        sa.Column("year", sa.Integer),
        sa.Column("unit_type", sa.String(32)),
        sa.Column("region", sa.String),
        sa.Column("regency", sa.String),
        sa.Column("scheme_code", sa.String(40)),
        sa.Column("total", sa.Float),
        sa.Column("label", sa.String),
        sa.Column("zone", sa.String(16)),
        sa.Column("grade", sa.String(1)),
        sa.Column("opinion", sa.Boolean),
        sa.Column("published_at", _AT),
        sa.Column("published_on", sa.Date),
    )
    op.create_table(
        "suggestion_fact",
        sa.Column("suggestion_id", sa.String(64), primary_key=True),
        _office(),
        sa.Column("study_id", sa.String(64)),
        sa.Column("due_on", sa.Date),
        sa.Column("followed_up_on", sa.Date),
        sa.Column("late", sa.Boolean),
    )
    op.create_table(
        "clinic_fact",
        sa.Column("clinic_id", sa.String(64), primary_key=True),
        _office(),
        sa.Column("held_on", sa.Date),
        sa.Column("participants", sa.Integer),
        sa.Column("attended", sa.Integer),
        sa.Column("tested", sa.Integer),
        sa.Column("class_gain", sa.Float),
        sa.Column("mean_gain", sa.Float),
        sa.Column("completed_at", _AT),
        sa.Column("completed_on", sa.Date),
    )
    op.create_table(
        "focal_point_change_fact",
        sa.Column("focal_point_id", sa.String(64), primary_key=True),
        sa.Column("changed_at", _AT, primary_key=True),
        sa.Column("change", sa.String(16), primary_key=True),
        _office(),
        sa.Column("regency", sa.String),
        sa.Column("reactivated", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("changed_on", sa.Date),
    )
    op.create_table(
        "agreement_fact",
        sa.Column("agreement_id", sa.String(64), primary_key=True),
        _office(),
        sa.Column("kind", sa.String(8)),
        sa.Column("renewal", sa.Integer),
        sa.Column("starts_on", sa.Date),
        sa.Column("ends_on", sa.Date),
        sa.Column("activated_at", _AT),
        sa.Column("activated_on", sa.Date),
        sa.Column("ended_on", sa.Date),
        sa.Column("end_status", sa.String(16)),
    )


def downgrade() -> None:
    for table in (
        "agreement_fact",
        "focal_point_change_fact",
        "clinic_fact",
        "suggestion_fact",
        "assessment_fact",
    ):
        op.drop_table(table)
