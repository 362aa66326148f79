"""Internship facts: applications (intern.*) and Red Button timings (red_button.*).

Events published before this revision are in the stream: a rebuild
(`python -m apik_reporting.read_model.service.rebuild`) projects them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_AT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "intern_fact",
        sa.Column("application_id", sa.String(64), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("attrs_stage", sa.Integer, nullable=False, server_default="0"),
        sa.Column("institution_kind", sa.String(32)),
        sa.Column("unit", sa.String(64)),
        sa.Column("period_end", sa.Date),
        sa.Column("applied_at", _AT),
        sa.Column("applied_on", sa.Date),
        sa.Column("accepted_at", _AT),
        sa.Column("accepted_on", sa.Date),
        sa.Column("completed_at", _AT),
        sa.Column("completed_on", sa.Date),
    )
    op.create_table(
        "red_button_fact",
        sa.Column("case_id", sa.String(64), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False, index=True),
        sa.Column("severity", sa.String(16)),
        sa.Column("raised_at", _AT),
        sa.Column("raised_on", sa.Date),
        sa.Column("acknowledged_at", _AT),
        sa.Column("escalations", sa.SmallInteger, nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("red_button_fact")
    op.drop_table("intern_fact")
