"""A service's copy of the office registry (real PostgreSQL): the latest version wins
whatever order the events come in, and calendars follow the office's zone and days."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import pytest

from apik_shared.platform.db import Database
from apik_shared.platform.events.payloads.gateway import OfficeRegistered, OfficeUpdated
from apik_shared.platform.offices import (
    metadata,
    office,
    office_calendar,
    office_calendars,
    remember,
)
from apik_testing.databases import platform_database
from apik_testing.infra import TestInfra


@pytest.fixture(scope="module")
async def database(infra: TestInfra) -> AsyncIterator[Database]:
    async with platform_database(infra, "office_copies", metadata) as db:
        yield db


def papua(version: int, **changes: object) -> OfficeUpdated:
    values: dict[str, object] = {
        "code": "PAPUA",
        "name": "Perwakilan Papua",
        "timezone": "Asia/Jayapura",
        "version": version,
        "letterhead": ["OMBUDSMAN REPUBLIK INDONESIA"],
        **changes,
    }
    return OfficeUpdated.model_validate(values)


async def test_the_latest_version_wins_in_any_order(database: Database) -> None:
    async with database.sessions() as session, session.begin():
        registered = OfficeRegistered.model_validate(papua(1).model_dump())
        await remember(session, registered)
        await remember(session, papua(3, head_name="Maria"))
        await remember(session, papua(2, timezone="Asia/Makassar"))  # late, older
        await remember(session, registered)  # redelivered
    async with database.sessions() as session:
        kept = await office(session, "PAPUA")
    assert kept is not None
    assert (kept.version, kept.timezone, kept.head_name) == (3, "Asia/Jayapura", "Maria")
    assert kept.letterhead == ["OMBUDSMAN REPUBLIK INDONESIA"]


async def test_calendars_are_the_offices_own(database: Database) -> None:
    closed = date(2026, 12, 7)  # a Monday
    async with database.sessions() as session, session.begin():
        await remember(
            session,
            papua(10, observes_cuti_bersama=False, closure_days=[closed], code="WIT1"),
        )
    async with database.sessions() as session:
        wit = await office_calendar(session, "WIT1")
        unknown = await office_calendar(session, "NOWHERE")
        both = await office_calendars(session, ["WIT1", "NOWHERE", "WIT1"])
    # 23:30 WIB on the 6th is already the 7th in Jayapura.
    late = datetime(2026, 12, 6, 16, 30, tzinfo=UTC)
    assert wit.local_date(late) == date(2026, 12, 7)
    assert unknown.local_date(late) == date(2026, 12, 6)  # WIB until the office is known
    assert not wit.is_working_day(closed) and not wit.national_collective_leave
    assert set(both) == {"WIT1", "NOWHERE"} and both["WIT1"] == wit


async def test_a_read_that_raced_the_registration_is_not_kept(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The attack on the kept copy: a request reads the registry just before an office's
    registration commits, and keeps its answer just after. Kept, "not heard of yet" (WIB)
    would stand for the cache's minute in the very process that took the event."""
    async with database.sessions() as reader:
        read = reader.scalar

        async def read_then_wait_for_the_commit(*args: Any, **kwargs: Any) -> Any:
            answer = await read(*args, **kwargs)  # before the registration commits
            async with database.sessions() as writer, writer.begin():
                await remember(writer, papua(1, code="RACE"))
            return answer

        monkeypatch.setattr(reader, "scalar", read_then_wait_for_the_commit)
        assert await office(reader, "RACE") is None  # true when it read
    async with database.sessions() as later:
        found = await office(later, "RACE")
        calendar = await office_calendar(later, "RACE")
    assert found is not None and found.code == "RACE"
    assert calendar.timezone == "Asia/Jayapura"


async def test_a_read_after_the_change_is_kept(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the cache is for: after a change, one read, then none until the next."""
    async with database.sessions() as session, session.begin():
        await remember(session, papua(1, code="KEPT"))
    reads = 0
    async with database.sessions() as session:
        read = session.scalar

        async def counted(*args: Any, **kwargs: Any) -> Any:
            nonlocal reads
            reads += 1
            return await read(*args, **kwargs)

        monkeypatch.setattr(session, "scalar", counted)
        for _ in range(3):
            assert (await office(session, "KEPT")) is not None
    assert reads == 1


async def test_a_change_rolled_back_is_not_kept(database: Database) -> None:
    """A transaction that changes an office, reads it (its own change) and rolls back
    leaves nothing of the change in the kept copy: the next request reads what is."""
    async with database.sessions() as session, session.begin():
        await remember(session, papua(1, code="UNDONE"))
    async with database.sessions() as session:
        await session.begin()
        await remember(session, papua(2, code="UNDONE", timezone="Asia/Makassar"))
        seen = await office(session, "UNDONE")  # its own change, not committed
        assert seen is not None and seen.version == 2
        await session.rollback()
    async with database.sessions() as later:
        kept = await office(later, "UNDONE")
    assert kept is not None and (kept.version, kept.timezone) == (1, "Asia/Jayapura")
