"""Monthly counts of the facts, kept by triggers, for the KPI queries at national scale.

Counting a year's facts row by row costs ~100 ms for every office together at a million
reports; the same numbers summed from monthly counts cost a few. `fact_month` holds, per
office and month (of the `*_on` date that decides it) and family, how many facts have
each combination of the raw values that family is about (`k1`, `k2`), with the sums the
averages need. The indicators' families have few values (kind, SLA state), each
breakdown has a family of its own, so an indicator reads few rows. What counts as what
stays in Python (`rules.py`, `monthly.py`): the table only counts.

Triggers on the fact tables keep it equal to the facts whatever writes them (the
projection, a rebuild, an operator's UPDATE): each row change subtracts the old row's
cells and adds the new row's; a TRUNCATE (the rebuild's) empties the table's families.
Each database session writes its own rows (`shard`, its backend's pid), so transactions
applying events side by side never wait for, or deadlock on, one another's counts;
readers add the shards up.

The facts' date indexes that counted the indicators go (every event updated them and
nothing reads them any more); staff activity gets the indexes it lacked.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

KEY = "office, month, family, k1, k2"
COLUMNS = f"{KEY}, shard, n, sum1, n1, sum2, n2"
ADD = (
    "n = fact_month.n + excluded.n, sum1 = fact_month.sum1 + excluded.sum1, "
    "n1 = fact_month.n1 + excluded.n1, sum2 = fact_month.sum2 + excluded.sum2, "
    "n2 = fact_month.n2 + excluded.n2"
)
NO_SUMS = "0::bigint, 0::bigint, 0::bigint, 0::bigint"


def _cell(
    family: str, date: str, k1: str = "''", k2: str = "''", sums: str = NO_SUMS, when: str = ""
) -> tuple[str, str]:
    """One cell of a fact row: office, month (its first day), family, the raw values,
    the count (`sign`: +1 for the new row, -1 for the old one) and two (sum, how many
    summed) pairs. A missing value is '' (never a real value: the projection stores empty
    texts as NULL)."""
    month = f"date_trunc('month', ({date})::timestamp)::date"
    return family, (
        f"SELECT r.office, {month}, '{family}', {k1}, {k2}, sign, {sums} "
        f"WHERE ({date}) IS NOT NULL {when}"
    )


def _value(column: str) -> str:
    return f"coalesce(r.{column}, '')"


def _sums(*columns: str) -> str:
    pairs = [f"sign * coalesce(r.{c}, 0), sign * (r.{c} IS NOT NULL)::int" for c in columns]
    return ", ".join([*pairs, *(["0::bigint, 0::bigint"] * (2 - len(columns)))])


CELLS = {
    "report_fact": [
        _cell(
            "registered",
            "r.registered_on",
            _value("kind"),
            "CASE WHEN r.answered_at IS NULL THEN '' ELSE 'answered' END",
        ),
        _cell("channel", "r.registered_on", _value("channel")),
        _cell("verified", "r.verified_on"),
        _cell("substance", "r.verified_on", _value("substance")),
        _cell("agency_type", "r.verified_on", _value("agency_type")),
    ],
    "case_fact": [
        _cell("closed", "r.closed_on", _value("sla_state"), sums=_sums("working_days")),
        _cell("outcome", "r.closed_on", _value("outcome")),
        _cell("opened", "r.opened_on"),
        # Opened and closed by the end of this month: what `reports_in_process` subtracts.
        _cell(
            "settled",
            "greatest(r.opened_on, r.closed_on)",
            when="AND r.opened_on IS NOT NULL AND r.closed_on IS NOT NULL",
        ),
    ],
    "visit_fact": [
        _cell("visited", "r.visited_on", sums=_sums("duration_seconds", "rating")),
    ],
}
# The facts are now read by date only for staff activity (per person, per office; every
# office together walks the office column with a skip scan). The indexes that counted
# the indicators go: every event updates them, and nothing reads them any more.
OLD_INDEXES = {
    "report_fact_office_registered_on": (
        "report_fact",
        ["office", "registered_on"],
        ["kind", "answered_at", "channel"],
    ),
    "report_fact_registered_on": (
        "report_fact",
        ["registered_on"],
        ["kind", "answered_at", "channel"],
    ),
    "report_fact_office_verified_on": (
        "report_fact",
        ["office", "verified_on"],
        ["substance", "agency_type"],
    ),
    "report_fact_verified_on": ("report_fact", ["verified_on"], ["substance", "agency_type"]),
    "case_fact_office_opened_on": ("case_fact", ["office", "opened_on"], ["closed_on"]),
    "case_fact_opened_on": ("case_fact", ["opened_on"], ["closed_on"]),
    "case_fact_office_closed_on": (
        "case_fact",
        ["office", "closed_on"],
        ["sla_state", "working_days", "outcome"],
    ),
    "case_fact_closed_on": ("case_fact", ["closed_on"], ["sla_state", "working_days", "outcome"]),
    "visit_fact_office_visited_on": (
        "visit_fact",
        ["office", "visited_on"],
        ["duration_seconds", "rating"],
    ),
    "visit_fact_visited_on": ("visit_fact", ["visited_on"], ["duration_seconds", "rating"]),
}
STAFF_INDEXES = {
    "report_fact_staff_verified": (
        "report_fact",
        "verified_on",
        ["verified_by", "verified_by_subject"],
    ),
    "report_fact_staff_rejected": (
        "report_fact",
        "rejected_on",
        ["rejected_by", "rejected_by_subject"],
    ),
    "report_fact_staff_answered": (
        "report_fact",
        "answered_on",
        ["answered_by", "answered_by_subject"],
    ),
    "case_fact_staff_closed": ("case_fact", "closed_on", ["examiner_id"]),
    "visit_fact_staff_visited": (
        "visit_fact",
        "visited_on",
        ["officer", "officer_subject", "rating"],
    ),
}


def upgrade() -> None:
    op.create_table(
        "fact_month",
        sa.Column("office", sa.String(32), nullable=False),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("family", sa.String(16), nullable=False),
        sa.Column("k1", sa.String(64), nullable=False),
        sa.Column("k2", sa.String(16), nullable=False),
        sa.Column("shard", sa.Integer, nullable=False),
        sa.Column("n", sa.BigInteger, nullable=False),
        sa.Column("sum1", sa.BigInteger, nullable=False),
        sa.Column("n1", sa.BigInteger, nullable=False),
        sa.Column("sum2", sa.BigInteger, nullable=False),
        sa.Column("n2", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("office", "month", "family", "k1", "k2", "shard"),
    )
    # Every office together reads a family's range of months (a year's, or all up to the
    # year's end); one office reads its own through the primary key.
    op.create_index("fact_month_family_month", "fact_month", ["family", "month"])
    for name in OLD_INDEXES:
        op.drop_index(name)
    for name, (table, column, include) in STAFF_INDEXES.items():
        op.create_index(name, table, ["office", column], postgresql_include=include)
    for table, cells in CELLS.items():
        op.execute(
            f"""
            CREATE FUNCTION {table}_cells(r {table}, sign bigint)
            RETURNS TABLE (office text, month date, family text, k1 text, k2 text,
                           n bigint, sum1 bigint, n1 bigint, sum2 bigint, n2 bigint)
            LANGUAGE sql IMMUTABLE AS $$ {" UNION ALL ".join(sql for _, sql in cells)} $$
            """
        )
        op.execute(
            f"""
            CREATE FUNCTION {table}_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO fact_month ({COLUMNS})
                SELECT c.office, c.month, c.family, c.k1, c.k2, pg_backend_pid(),
                       sum(c.n), sum(c.sum1), sum(c.n1), sum(c.sum2), sum(c.n2)
                FROM (SELECT * FROM {table}_cells(OLD, -1)
                      UNION ALL SELECT * FROM {table}_cells(NEW, 1)) AS c
                GROUP BY c.office, c.month, c.family, c.k1, c.k2
                HAVING sum(c.n) <> 0 OR sum(c.sum1) <> 0 OR sum(c.n1) <> 0
                    OR sum(c.sum2) <> 0 OR sum(c.n2) <> 0
                ON CONFLICT ({KEY}, shard) DO UPDATE SET {ADD};
                RETURN NULL;
            END $$
            """
        )
        op.execute(
            f"CREATE TRIGGER {table}_count AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_count()"
        )
        # TRUNCATE fires no row trigger (the rebuild truncates the facts).
        families = ", ".join(f"'{family}'" for family, _ in cells)
        op.execute(
            f"""
            CREATE FUNCTION {table}_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM fact_month WHERE family IN ({families});
                RETURN NULL;
            END $$
            """
        )
        op.execute(
            f"CREATE TRIGGER {table}_truncated AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_truncated()"
        )
        # The facts already there, in shard 0 (no session has pid 0).
        op.execute(
            f"""
            INSERT INTO fact_month ({COLUMNS})
            SELECT c.office, c.month, c.family, c.k1, c.k2, 0,
                   sum(c.n), sum(c.sum1), sum(c.n1), sum(c.sum2), sum(c.n2)
            FROM {table} AS t, LATERAL {table}_cells(t, 1) AS c
            GROUP BY c.office, c.month, c.family, c.k1, c.k2
            ON CONFLICT ({KEY}, shard) DO UPDATE SET {ADD}
            """
        )


def downgrade() -> None:
    for table in CELLS:
        op.execute(f"DROP TRIGGER {table}_truncated ON {table}")
        op.execute(f"DROP FUNCTION {table}_truncated()")
        op.execute(f"DROP TRIGGER {table}_count ON {table}")
        op.execute(f"DROP FUNCTION {table}_count()")
        op.execute(f"DROP FUNCTION {table}_cells({table}, bigint)")
    op.drop_table("fact_month")
    for name in STAFF_INDEXES:
        op.drop_index(name)
    for name, (table, columns, include) in OLD_INDEXES.items():
        op.create_index(name, table, columns, postgresql_include=include)
