"""What every projector of the read model shares: forgiving access to an event's data
(`Fields`), the converging upsert of one fact row (`upsert`, see `projection.py`'s doc) and
the office's calendar date of an instant (`on`)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from apik_reporting.read_model.service.writes import Writes
from apik_shared.platform.bulk import insert_from_json
from apik_shared.vocabulary.calendar import OfficeCalendar


class Fields:
    """Typed, forgiving access to an event's data."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data

    def text(self, name: str) -> str | None:
        value = self.data.get(name)
        if isinstance(value, bool) or not isinstance(value, str | int):
            return None
        return str(value) or None

    def number(self, name: str) -> int | None:
        value = self.data.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return int(value)

    def instant(self, name: str) -> datetime | None:
        value = self.data.get(name)
        if not isinstance(value, str):
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return None
        return parsed if parsed.tzinfo is not None else None

    def nested(self, name: str) -> Fields:
        value = self.data.get(name)
        return Fields(value if isinstance(value, Mapping) else {})


@functools.lru_cache(maxsize=64)
def _upsert_statement(
    table: sa.Table, names: tuple[str, ...], attrs: tuple[str, ...], latest_by: str | None
) -> sa.Insert:
    """The upsert for one shape of row, built once: building SQLAlchemy expressions costs
    more than executing them, which the rebuild does a million times. It takes its rows
    as one JSON parameter (`apik_shared.platform.bulk`), so one statement writes many rows."""
    key = next(iter(table.primary_key.columns)).name
    columns = [*names, *attrs, *(["attrs_stage"] if attrs else [])]
    stmt = insert_from_json(table, tuple(columns))
    new, old = stmt.excluded, table.c
    changes: dict[str, Any] = {}
    for name in names:
        if name == key:
            continue
        if latest_by is None:
            changes[name] = sa.func.coalesce(new[name], old[name])
        else:
            newer = sa.or_(old[latest_by].is_(None), new[latest_by] >= old[latest_by])
            changes[name] = sa.case((newer, new[name]), else_=old[name])
    if attrs:
        later = new["attrs_stage"] >= old["attrs_stage"]
        for name in attrs:
            changes[name] = sa.case(
                (later, sa.func.coalesce(new[name], old[name])),
                else_=sa.func.coalesce(old[name], new[name]),
            )
        changes["attrs_stage"] = sa.func.greatest(old["attrs_stage"], new["attrs_stage"])
    return stmt.on_conflict_do_update(index_elements=[key], set_=changes)


async def upsert(
    writes: Writes,
    table: sa.Table,
    values: dict[str, Any],
    *,
    attrs: Mapping[str, Any] = {},
    stage: int = 0,
    latest_by: str | None = None,
) -> None:
    """Inserts the row or merges `values` and `attrs` into it (see the module's doc)."""
    stmt = _upsert_statement(table, tuple(values), tuple(attrs), latest_by)
    params = {**values, **attrs, **({"attrs_stage": stage} if attrs else {})}
    await writes.execute(stmt, params)


Calendars = Mapping[str, OfficeCalendar]
# An office not in the registry yet (nor named by its event) counts in WIB.
_UNKNOWN_OFFICE = OfficeCalendar()


def on(calendars: Calendars, office: str, at: datetime | None) -> date | None:
    """The office's calendar date of `at`, in its own zone."""
    return calendars.get(office, _UNKNOWN_OFFICE).local_date(at) if at else None
