"""Each service's copy of the office registry, kept from the gateway's events.

The gateway owns the offices (`office.registered`, `office.updated`); every service keeps
the latest state of each in its own `office_registry` table, so that every date,
deadline and working day is computed in the office's own zone and calendar, for an
office opened at run time too, without a restart or a per-service setting.

An office the copy does not know yet (its event still on the way) is counted in WIB with
the national calendar, the zone of most offices, and a warning is logged: a deadline a
few hours off for a moment is better than a refused report.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from apik_shared.platform.events.consumer import ConsumerSpec
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.handlers import On, consumer
from apik_shared.platform.events.payloads.gateway import (
    OfficeRegistered,
    OfficeState,
    OfficeUpdated,
)
from apik_shared.platform.refcache import ReferenceCache
from apik_shared.vocabulary.calendar import DEFAULT_TIMEZONE, OfficeCalendar

log = logging.getLogger("apik.offices")

metadata = sa.MetaData()
office_registry = sa.Table(
    "office_registry",
    metadata,
    sa.Column("code", sa.String(20), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("timezone", sa.String(40), nullable=False),
    sa.Column("observes_cuti_bersama", sa.Boolean, nullable=False),
    sa.Column("closure_days", sa.ARRAY(sa.Date), nullable=False),
    # The rest of the office as the gateway sent it (letterhead, head of office, address).
    sa.Column("state", JSONB, nullable=False),
)


def create_office_registry() -> None:
    """Called from each service's revision that came with the registry."""
    from alembic import op

    metadata.create_all(op.get_bind())


def drop_office_registry() -> None:
    from alembic import op

    metadata.drop_all(op.get_bind())


# The offices read per request (the registration's day of receipt, its own
# investigation's name). Dropped in this process when `remember` commits a change; a
# replica that did not consume the event reads the row again within a minute, as an
# office not heard of yet is counted in WIB until its event arrives.
_KEPT: ReferenceCache[tuple[OfficeState | None, OfficeCalendar]] = ReferenceCache(
    "office_registry", ttl=60
)


async def remember(session: AsyncSession, office: OfficeState) -> None:
    """Keeps `office` unless a later version is kept already (events may come twice or
    out of order after a redelivery)."""
    _KEPT.drop_after_transaction(session, office.code)
    row = {
        "code": office.code,
        "version": office.version,
        "name": office.name,
        "timezone": office.timezone,
        "observes_cuti_bersama": office.observes_cuti_bersama,
        "closure_days": office.closure_days,
        "state": office.model_dump(mode="json"),
    }
    insert = pg_insert(office_registry).values(**row)
    await session.execute(
        insert.on_conflict_do_update(
            index_elements=[office_registry.c.code],
            set_={k: insert.excluded[k] for k in row if k != "code"},
            where=office_registry.c.version < insert.excluded.version,
        )
    )


async def _one(session: AsyncSession, office: OfficeState, _: CloudEvent) -> None:
    await remember(session, office)


def office_consumer(service: str) -> ConsumerSpec:
    """The consumer every service runs (`create_service_app` adds it)."""
    return consumer(f"{service}-offices", On(OfficeRegistered, _one), On(OfficeUpdated, _one))


_STATE = sa.select(office_registry.c.state).where(office_registry.c.code == sa.bindparam("code"))


async def _kept(session: AsyncSession, code: str) -> tuple[OfficeState | None, OfficeCalendar]:
    found, kept = _KEPT.get(session, code)
    if found and kept is not None:
        return kept
    ticket = _KEPT.ticket(session)
    state = await session.scalar(_STATE, {"code": code})
    held = None if state is None else OfficeUpdated.model_validate(state)
    kept = (held, calendar_of(held, code=code))
    _KEPT.put(session, code, kept, ticket=ticket)
    return kept


async def office(session: AsyncSession, code: str) -> OfficeState | None:
    """The office as this service last heard of it (kept in the process: `_KEPT`)."""
    return (await _kept(session, code))[0]


def calendar_of(state: OfficeState | None, *, code: str = "?") -> OfficeCalendar:
    if state is None:
        log.warning("office %s is not in the registry yet: counting in WIB", code)
        return OfficeCalendar(timezone=DEFAULT_TIMEZONE)
    return OfficeCalendar(
        timezone=state.timezone,
        national_collective_leave=state.observes_cuti_bersama,
        closures=frozenset(state.closure_days),
    )


async def office_calendar(session: AsyncSession, code: str) -> OfficeCalendar:
    """The working-day calendar of office `code`, in its own zone."""
    return (await _kept(session, code))[1]


async def office_calendars(
    session: AsyncSession, codes: Sequence[str]
) -> dict[str, OfficeCalendar]:
    """The calendars of several offices in one query (a batch of events)."""
    wanted = sorted(set(codes))
    rows = await session.execute(
        sa.select(office_registry.c.code, office_registry.c.state).where(
            office_registry.c.code.in_(wanted)
        )
    )
    known = {code: OfficeUpdated.model_validate(state) for code, state in rows}
    return {code: calendar_of(known.get(code), code=code) for code in wanted}


async def office_names(session: AsyncSession) -> dict[str, str]:
    """Every office this service has heard of, code to name (what documents print)."""
    rows = await session.execute(sa.select(office_registry.c.code, office_registry.c.name))
    return {code: name for code, name in rows}


def local_date_sql(office: Any, instant: Any) -> ColumnElement[date]:
    """SQL: the date of `instant` (a column, or a moment) in the zone of the row's
    `office` (a column), for a query across offices; WIB for an office not heard of yet,
    as `calendar_of` counts it."""
    if isinstance(instant, datetime):
        instant = sa.literal(instant, sa.DateTime(timezone=True))
    zone = (
        sa.select(office_registry.c.timezone)
        .where(office_registry.c.code == office)
        .scalar_subquery()
    )
    return sa.cast(sa.func.timezone(sa.func.coalesce(zone, DEFAULT_TIMEZONE), instant), sa.Date)
