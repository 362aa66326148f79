"""Many rows in one statement, sent as one JSON parameter.

SQLAlchemy sends a batch of rows either as a statement per row (executemany) or as a
multi-row VALUES rendered for the batch, and either way it processes every parameter in
Python. Here the batch goes as one JSON array of row objects, written by orjson (in C;
it writes UUIDs, instants and dates itself), and PostgreSQL turns it back into typed rows
(`json_to_recordset` with the table's column types): one cached statement for any number
of rows. Used where a consumer writes a whole batch of events' rows at once.

It replaced one array per column (s36): asyncpg encoded those element by element in
Python-level codecs (an `isinstance` check per element), the largest frame of a drained
event's CPU in examination and reporting, and the rows had to be transposed first.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import Insert as PgInsert
from sqlalchemy.dialects.postgresql import insert as pg_insert

# The parameter every statement of `insert_from_json` takes (`as_json`).
ROWS = "rows"


@functools.lru_cache(maxsize=128)
def insert_from_json(table: sa.Table, columns: tuple[str, ...]) -> PgInsert:
    """INSERT INTO table (columns) SELECT the rows of the JSON parameter `rows`
    (`as_json`), each column read as the table's type. Add ON CONFLICT or RETURNING as
    needed."""
    # The parameter is text to SQLAlchemy (no serializer of its own runs) and json to
    # PostgreSQL; `json`, not `jsonb`: it is read once, straight into the rows.
    rows = sa.cast(sa.bindparam(ROWS, type_=sa.Text), sa.JSON)
    recordset = (
        sa.func.json_to_recordset(rows)
        .table_valued(*(sa.column(name, table.c[name].type) for name in columns))
        .render_derived(name="r", with_types=True)
    )
    return pg_insert(table).from_select(
        list(columns), sa.select(*(recordset.c[name] for name in columns))
    )


def as_json(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """The parameters of an `insert_from_json` statement for `rows` (dicts with its
    columns as keys). A naive instant counts as UTC, as asyncpg takes one."""
    return {ROWS: orjson.dumps(rows, default=_decimal, option=orjson.OPT_NAIVE_UTC).decode()}


def _decimal(value: Any) -> str:
    """Decimals (reporting's scores) as their exact text, which PostgreSQL's numeric reads."""
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
