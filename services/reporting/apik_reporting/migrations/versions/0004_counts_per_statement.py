"""The monthly counts kept per statement, not per row.

0003's triggers ran once for each fact row: a batch of 256 events ran the counting
function 256 times, each an upsert of up to five cells (measured: about 80 µs of
PostgreSQL per handed-over report, the largest part of the database's time in the outbox
drain). Statement triggers with transition tables count every row a statement changed at
once, and the projection writes a batch's rows of one shape in one statement
(`writes.py`), so a batch costs one upsert per cell it touches. What is counted is 0003's,
unchanged (`<table>_cells`). A transition table belongs to one kind of change, hence a
trigger for each of insert, update and delete.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

import importlib

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_0003 = importlib.import_module("apik_reporting.migrations.versions.0003_monthly_counts")
KEY, COLUMNS, ADD, TABLES = _0003.KEY, _0003.COLUMNS, _0003.ADD, list(_0003.CELLS)

# name, the change, its transition tables, and the sign each one's cells count with
CHANGES = (
    ("new", "INSERT", "NEW TABLE AS new_rows", (("new_rows", 1),)),
    (
        "changed",
        "UPDATE",
        "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        (("old_rows", -1), ("new_rows", 1)),
    ),
    ("gone", "DELETE", "OLD TABLE AS old_rows", (("old_rows", -1),)),
)


def _count(table: str, cells: str) -> str:
    """Adds `cells` (rows of office, month, family, k1, k2, n and sums) to this session's
    shard of the monthly counts, leaving out cells whose changes cancel."""
    return f"""
        INSERT INTO fact_month ({COLUMNS})
        SELECT c.office, c.month, c.family, c.k1, c.k2, pg_backend_pid(),
               sum(c.n), sum(c.sum1), sum(c.n1), sum(c.sum2), sum(c.n2)
        FROM ({cells}) AS c
        GROUP BY c.office, c.month, c.family, c.k1, c.k2
        HAVING sum(c.n) <> 0 OR sum(c.sum1) <> 0 OR sum(c.n1) <> 0
            OR sum(c.sum2) <> 0 OR sum(c.n2) <> 0
        ON CONFLICT ({KEY}, shard) DO UPDATE SET {ADD};
    """


def _function(name: str, body: str) -> str:
    return f"""
        CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {body} RETURN NULL; END $$
    """


def upgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_count ON {table}")
        op.execute(f"DROP FUNCTION {table}_count()")
        for name, change, referencing, sources in CHANGES:
            cells = " UNION ALL ".join(
                f"SELECT c.* FROM {rows} AS r, LATERAL {table}_cells(r, {sign}) AS c"
                for rows, sign in sources
            )
            op.execute(_function(f"{table}_count_{name}", _count(table, cells)))
            op.execute(
                f"CREATE TRIGGER {table}_count_{name} AFTER {change} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT "
                f"EXECUTE FUNCTION {table}_count_{name}()"
            )


def downgrade() -> None:
    for table in TABLES:
        for name, *_ in CHANGES:
            op.execute(f"DROP TRIGGER {table}_count_{name} ON {table}")
            op.execute(f"DROP FUNCTION {table}_count_{name}()")
        cells = (
            f"SELECT * FROM {table}_cells(OLD, -1) UNION ALL SELECT * FROM {table}_cells(NEW, 1)"
        )
        op.execute(_function(f"{table}_count", _count(table, cells)))
        op.execute(
            f"CREATE TRIGGER {table}_count AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_count()"
        )
