"""The registration's one write, sent on the session's asyncpg connection.

The reporter, the report (with its near-copy signature), the reporter's first message
(when a channel applies), the `report.registered` event's outbox row and the first step
are each a data-modifying CTE of ONE statement, which also runs the duplicate search and
stores the candidates it scores (`duplicates.service.CANDIDATE_CTES`): the search cannot
see the rows the statement writes, and the foreign keys between them are checked at the
statement's end, when all exist. One round trip instead of four, prepared once per
connection by asyncpg and sent without SQLAlchemy's per-execution work (a cache key
walked over some 70 parameters, type processing, a result object), which cost intake
more CPU than the statement itself (issue 22). The column lists come from the tables'
definitions, so the statement follows the models.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import JSON, Table

from apik_intake.duplicates.service import CANDIDATE_CTES, CANDIDATE_SELECT
from apik_intake.models import Notification, Report, Reporter, ReportStep

# `:name` (not `::`, a cast, which these statements write as CAST(... AS ...)).
_NAMED = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


def positional(sql: str) -> tuple[str, list[str]]:
    """`sql` with its `:name` parameters as asyncpg's `$n`, and the names in order (a
    name used twice is one parameter, as it was one value)."""
    if "::" in sql:
        raise ValueError("write casts as CAST(... AS ...): `::` reads as a parameter")
    names: list[str] = []

    def number(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    return _NAMED.sub(number, sql), names


def _columns(table: Table) -> list[str]:
    return [column.key for column in table.columns if column.identity is None]


def _insert(table: Table, prefix: str) -> str:
    columns = _columns(table)
    # Quoted: a column may be named as a keyword (`notification.values`).
    names = ", ".join('"' + column + '"' for column in columns)
    values = ", ".join(f":{prefix}{column}" for column in columns)
    return f"INSERT INTO {table.name} ({names}) VALUES ({values})"


def _json_columns(table: Table, prefix: str) -> set[str]:
    return {f"{prefix}{c.key}" for c in table.columns if isinstance(c.type, JSON)}


_TABLES: list[tuple[str, Table, str]] = [
    ("new_reporter", Reporter.__table__, "rp_"),  # type: ignore[attr-defined]
    ("new_report", Report.__table__, "r_"),  # type: ignore[attr-defined]
    ("new_notification", Notification.__table__, "n_"),  # type: ignore[attr-defined]
    ("new_step", ReportStep.__table__, "s_"),  # type: ignore[attr-defined]
]
# The asyncpg codec SQLAlchemy installs for JSON takes the JSON text.
_JSON = set().union(*(_json_columns(table, prefix) for _, table, prefix in _TABLES))
_EVENT = (
    "INSERT INTO outbox (id, subject, payload, created_at)"
    " VALUES (:e_id, :e_subject, :e_payload, :e_created_at)"
)


def _statement(*, notified: bool, searched: bool) -> tuple[str, list[str]]:
    ctes = [
        f"{name} AS ({_insert(table, prefix)})"
        for name, table, prefix in _TABLES
        if notified or name != "new_notification"
    ]
    ctes.append(f"new_event AS ({_EVENT})")
    if searched:
        ctes.append(CANDIDATE_CTES)
        query = CANDIDATE_SELECT
    else:
        query = "SELECT NULL WHERE false"
    return positional(f"WITH {', '.join(ctes)} {query}")


_WRITES = {
    (notified, searched): _statement(notified=notified, searched=searched)
    for notified in (False, True)
    for searched in (False, True)
}


def _named(prefix: str, row: Mapping[str, Any]) -> dict[str, Any]:
    return {f"{prefix}{name}": value for name, value in row.items()}


async def write_registration(
    connection: Any,
    *,
    reporter: Mapping[str, Any],
    report: Mapping[str, Any],
    step: Mapping[str, Any],
    notification: Mapping[str, Any] | None,
    event: Mapping[str, Any],
    search: Mapping[str, Any] | None,
) -> int:
    """Writes the rows (each a table's every column but its identity) and the duplicate
    candidates the search finds (`search`: its parameters; None: no search); returns
    how many candidates were stored. `connection`: the session's asyncpg connection, in
    its transaction."""
    sql, names = _WRITES[notification is not None, search is not None]
    values = {
        **_named("rp_", reporter),
        **_named("r_", report),
        **_named("s_", step),
        **_named("n_", notification or {}),
        **_named("e_", event),
        **(search or {}),
    }
    arguments = [json.dumps(values[name]) if name in _JSON else values[name] for name in names]
    stored = await connection.fetchval(sql, *arguments)
    return int(stored or 0)
