"""The read model (report, case and visit facts) and the annual targets.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from apik_shared.platform.tables import create_platform_tables, drop_platform_tables

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


# (table, the date that decides the year, the columns its counts read)
COUNTED = (
    ("report_fact", "registered_on", ["kind", "answered_at", "channel"]),
    ("report_fact", "verified_on", ["substance", "agency_type"]),
    ("case_fact", "opened_on", ["closed_on"]),
    ("case_fact", "closed_on", ["sla_state", "working_days", "outcome"]),
    ("visit_fact", "visited_on", ["duration_seconds", "rating"]),
)


def _ts(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True))


def _facts(name: str, key: str, *columns: sa.Column) -> None:
    op.create_table(
        name,
        sa.Column(key, sa.String(64), primary_key=True),
        sa.Column("office", sa.String(32), nullable=False),
        *columns,
    )


def upgrade() -> None:
    create_platform_tables()
    _facts(
        "report_fact",
        "report_id",
        sa.Column("attrs_stage", sa.Integer, nullable=False, server_default="0"),
        sa.Column("registration_number", sa.String),
        sa.Column("kind", sa.String(16)),
        sa.Column("channel", sa.String(32)),
        sa.Column("substance", sa.String(64)),
        sa.Column("agency_type", sa.String(64)),
        sa.Column("track", sa.String(32)),
        *(
            column
            for stage in ("registered", "verified", "rejected", "withdrawn", "answered")
            for column in (_ts(f"{stage}_at"), sa.Column(f"{stage}_on", sa.Date))
        ),
        sa.Column("verified_by", sa.String),
        sa.Column("rejected_by", sa.String),
        sa.Column("answered_by", sa.String),
    )
    _facts(
        "case_fact",
        "case_id",
        sa.Column("attrs_stage", sa.Integer, nullable=False, server_default="0"),
        sa.Column("report_id", sa.String),
        sa.Column("registration_number", sa.String),
        sa.Column("track", sa.String(32)),
        sa.Column("kind", sa.String(16)),
        sa.Column("channel", sa.String(32)),
        sa.Column("substance", sa.String(64)),
        sa.Column("classification", sa.String(16)),
        sa.Column("examiner_id", sa.String),
        _ts("opened_at"),
        sa.Column("opened_on", sa.Date),
        _ts("closed_at"),
        sa.Column("closed_on", sa.Date),
        sa.Column("outcome", sa.String(32)),
        sa.Column("route", sa.String(32)),
        sa.Column("finding", sa.String(32)),
        sa.Column("working_days", sa.Integer),
        sa.Column("calendar_days", sa.Integer),
        sa.Column("sla_state", sa.String(16)),
    )
    _facts(
        "visit_fact",
        "visit_id",
        sa.Column("category", sa.String(32)),
        sa.Column("officer", sa.String),
        sa.Column("duration_seconds", sa.Integer),
        sa.Column("rating", sa.Integer),
        _ts("checked_in_at"),
        sa.Column("visited_on", sa.Date),
        _ts("completed_at"),
    )
    # Each indicator is counted over one year's range of one date: per office, and for
    # every office together. The included columns make those counts index-only scans.
    for table, column, include in COUNTED:
        op.create_index(
            f"{table}_office_{column}", table, ["office", column], postgresql_include=include
        )
        op.create_index(f"{table}_{column}", table, [column], postgresql_include=include)
    op.create_table(
        "kpi_target",
        sa.Column("office", sa.String(32), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("indicator", sa.String(64), primary_key=True),
        sa.Column("value", sa.Numeric(14, 2), nullable=False),
        sa.Column("set_by", sa.String, nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    for table in ("kpi_target", "visit_fact", "case_fact", "report_fact"):
        op.drop_table(table)
    drop_platform_tables()
