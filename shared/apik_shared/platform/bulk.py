"""Many rows in one statement, as one array per column.

SQLAlchemy sends a batch of rows either as a statement per row (executemany) or as a
multi-row VALUES rendered for the batch, and either way it processes every parameter in
Python. Here each column's values go as one array, which asyncpg encodes in C, and
PostgreSQL unnests the arrays into rows: one cached statement for any number of rows.
Used where a consumer writes a whole batch of events' rows at once.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.dialects.postgresql import Insert as PgInsert
from sqlalchemy.dialects.postgresql import insert as pg_insert


@functools.lru_cache(maxsize=128)
def insert_from_arrays(table: sa.Table, columns: tuple[str, ...]) -> PgInsert:
    """INSERT INTO table (columns) SELECT the unnested arrays; its parameters are named
    after the columns (`as_arrays`). Add ON CONFLICT or RETURNING as needed."""
    # Cast in SQL rather than typed in SQLAlchemy, whose ARRAY type would convert every
    # element in Python; asyncpg encodes each list as the cast says.
    arrays = [sa.cast(sa.bindparam(name), ARRAY(table.c[name].type)) for name in columns]
    return pg_insert(table).from_select(list(columns), sa.select(*map(sa.func.unnest, arrays)))


def as_arrays(table: sa.TableClause, rows: Sequence[dict[str, Any]]) -> dict[str, list[Any]]:
    """Rows with the same keys as one list per column. JSON goes as text: the cast skips
    SQLAlchemy's serializer."""
    arrays = {name: [row[name] for row in rows] for name in rows[0]}
    for name, values in arrays.items():
        if isinstance(table.c[name].type, sa.JSON):
            arrays[name] = [None if v is None else json.dumps(v) for v in values]
    return arrays
