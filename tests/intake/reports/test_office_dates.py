"""An office's dates are its own (WIB, WITA or WIT), never the server's UTC date.

From 00:00 to 07:00 WIB (09:00 WIT) UTC's date is still yesterday: an event of the
office's today must not be "in the future", and a loan must not turn overdue at 07:00
WIB. The server's clock cannot be moved, so the API is driven with dates computed in
the office's zone and with receipt instants chosen on either side of the office's
midnight, and the office checks of `records` run with injected dates.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from apik_intake.app import create_app
from apik_intake.records import service as records
from apik_intake.records.schemas import LetterCreate, LoanCreate
from apik_shared.auth import Principal
from apik_shared.calendar import OfficeCalendar, latest_date_in_indonesia
from apik_shared.problems import InvalidInput
from apik_shared.testing.infra import TestInfra
from apik_shared.testing.services import RunningService, running
from apik_shared.testing.tokens import TestTokens
from tests.intake.builders import intake_settings, report_body

V1 = "/api/v1/intake"
REPORTS = f"{V1}/reports"
PUBLIC = f"{V1}/public/reports"
PROBLEM = "application/problem+json"
# BKL (Bengkulu) has the default zone, WIB; JPR (Jayapura) is configured on WIT.
WIB, WIT = OfficeCalendar("Asia/Jakarta"), OfficeCalendar("Asia/Jayapura")


@pytest.fixture(scope="module")
async def intake(
    infra: TestInfra, tokens: TestTokens, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningService]:
    settings = await intake_settings(
        infra, tmp_path_factory, office_timezones={"JPR": "Asia/Jayapura"}
    )
    async with running(create_app(settings), tokens) as service:
        yield service


def today_in(calendar: OfficeCalendar) -> date:
    return calendar.local_date(datetime.now(UTC))


def staff(tokens: TestTokens, office: str) -> dict[str, str]:
    return tokens.headers("intake_officer", office=office, username="petugas")


async def register(intake: RunningService, headers: dict, **overrides: object):
    return await intake.client.post(REPORTS, json=report_body(**overrides), headers=headers)


async def test_an_event_of_the_office_today_is_accepted_at_any_hour(intake, tokens):
    for office, calendar in (("BKL", WIB), ("JPR", WIT)):
        today = today_in(calendar).isoformat()
        response = await register(intake, staff(tokens, office), event_date=today)
        assert response.status_code == 201, (office, response.text)
        assert response.json()["event_date"] == today
    public = report_body(office="BKL", event_date=today_in(WIB).isoformat())
    del public["kind"], public["channel"]
    filed = await intake.client.post(PUBLIC, json=public)
    assert filed.status_code == 201, filed.text


async def test_an_event_after_every_indonesian_today_is_refused(intake, tokens):
    tomorrow = (latest_date_in_indonesia() + timedelta(days=1)).isoformat()
    before = await intake.scalar("SELECT count(*) FROM report")
    for office in ("BKL", "JPR"):
        response = await register(intake, staff(tokens, office), event_date=tomorrow)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["errors"][0]["pointer"] == "#/body/event_date"
    public = report_body(office="BKL", event_date=tomorrow)
    del public["kind"], public["channel"]
    refused = await intake.client.post(PUBLIC, json=public)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "#/body/event_date"
    assert await intake.scalar("SELECT count(*) FROM report") == before


async def test_the_day_of_receipt_is_the_office_s(intake, tokens):
    # 16:30 UTC on 1 March: 23:30 WIB on 1 March, 01:30 WIT on 2 March.
    evening = "2026-03-01T16:30:00+00:00"
    too_early = await register(
        intake, staff(tokens, "BKL"), received_at=evening, event_date="2026-03-02"
    )
    assert too_early.status_code == 422
    assert too_early.json()["errors"] == [
        {"pointer": "#/body/event_date", "detail": "The event is after the report's receipt."}
    ]
    in_papua = await register(
        intake, staff(tokens, "JPR"), received_at=evening, event_date="2026-03-02"
    )
    assert in_papua.status_code == 201, in_papua.text
    # 23:30 UTC on 1 March is 06:30 WIB on 2 March: the UTC date would have refused it.
    morning = "2026-03-01T23:30:00+00:00"
    in_java = await register(
        intake, staff(tokens, "BKL"), received_at=morning, event_date="2026-03-02"
    )
    assert in_java.status_code == 201, in_java.text


async def test_the_registration_year_is_the_office_s(intake, tokens):
    # 17:30 UTC on 31 December 2025 is 00:30 WIB on 1 January 2026.
    new_year = await register(
        intake,
        staff(tokens, "BKL"),
        received_at="2025-12-31T17:30:00+00:00",
        event_date="2025-12-20",
    )
    assert new_year.status_code == 201, new_year.text
    assert new_year.json()["registration_number"].startswith("BKL-2026-")
    # 14:30 UTC is 23:30 WIT: still 2025 in Jayapura; 15:30 UTC is 2026 there.
    for received_at, year in (("2025-12-31T14:30:00+00:00", 2025), ("2025-12-31T15:30:00Z", 2026)):
        response = await register(
            intake, staff(tokens, "JPR"), received_at=received_at, event_date="2025-12-20"
        )
        assert response.status_code == 201, response.text
        assert response.json()["registration_number"].startswith(f"JPR-{year}-")


async def test_a_loan_due_on_the_office_today_is_not_overdue_until_its_midnight(intake, tokens):
    for office, calendar in (("BKL", WIB), ("JPR", WIT)):
        headers = staff(tokens, office)
        created = await intake.client.post(
            f"{V1}/archive/files",
            json={"code": f"{office}-001", "title": "Berkas pengaduan"},
            headers=headers,
        )
        assert created.status_code == 201, created.text
        today = today_in(calendar)
        loan = await intake.client.post(
            f"{V1}/archive/files/{created.json()['id']}/loans",
            json={"borrower": "Asisten Riksa", "due_on": today.isoformat()},
            headers=headers,
        )
        assert loan.status_code == 201, loan.text
        assert loan.json()["overdue"] is False
        listed = await intake.client.get(
            f"{V1}/archive/loans", params={"state": "overdue"}, headers=headers
        )
        assert listed.json()["items"] == []
        # Due on the office's yesterday: overdue now, whatever UTC's date is.
        async with intake.app.state.database.sessions() as session, session.begin():
            await session.execute(
                text("UPDATE archive_loan SET due_on = due_on - 1 WHERE id = :id"),
                {"id": uuid.UUID(loan.json()["id"])},
            )
        [late] = (
            await intake.client.get(
                f"{V1}/archive/loans", params={"state": "overdue"}, headers=headers
            )
        ).json()["items"]
        assert late["id"] == loan.json()["id"] and late["overdue"] is True
        printed = await intake.client.get(f"{V1}/archive/loans/print", headers=headers)
        assert "TERLAMBAT" in printed.text
        assert f"Per {today_in(calendar).isoformat()}" in printed.text
        assert f"<td>{today_in(calendar).isoformat()}</td>" in printed.text  # lent today
        back = await intake.client.post(f"{V1}/archive/loans/{late['id']}/return", headers=headers)
        assert back.status_code == 200 and back.json()["overdue"] is False


def principal(office: str, *roles: str) -> Principal:
    return Principal(
        subject=f"sub-{office}",
        username="petugas",
        office=office,
        roles=frozenset(roles or ("intake_officer",)),
    )


async def new_file(intake: RunningService, tokens: TestTokens, office: str) -> uuid.UUID:
    created = await intake.client.post(
        f"{V1}/archive/files",
        json={"code": "F-" + uuid.uuid4().hex[:8], "title": "Berkas"},
        headers=staff(tokens, office),
    )
    assert created.status_code == 201, created.text
    return uuid.UUID(created.json()["id"])


async def test_the_office_checks_hold_dates_to_the_office_day(intake, tokens):
    """A body passes the bounds of all Indonesia; the office's own day decides after."""
    due = latest_date_in_indonesia()
    file_id = await new_file(intake, tokens, "BKL")
    database = intake.app.state.database
    # In the office it is already the day after the due date (an office east of the bound).
    with pytest.raises(InvalidInput) as refused:
        async with database.sessions() as session, session.begin():
            await records.lend(
                session=session,
                file_id=file_id,
                data=LoanCreate(borrower="Asisten", due_on=due),
                actor=principal("BKL"),
                today_of=lambda office: due + timedelta(days=1),
            )
    assert refused.value.errors == [
        {"pointer": "#/body/due_on", "detail": "The due date has passed already."}
    ]
    letter = LetterCreate(
        direction="incoming", correspondent="Warga", subject="Surat", handled_on=due
    )
    with pytest.raises(InvalidInput) as future:
        async with database.sessions() as session, session.begin():
            await records.create_letter(
                session=session,
                data=letter,
                actor=principal("BKL"),
                today_of=lambda office: due - timedelta(days=1),
            )
    assert future.value.errors == [
        {"pointer": "#/body/handled_on", "detail": "The date is in the future."}
    ]
    unset = LetterCreate(direction="outgoing", correspondent="Dinas", subject="Klarifikasi")
    async with database.sessions() as session, session.begin():
        written = await records.create_letter(
            session=session, data=unset, actor=principal("BKL"), today_of=lambda office: due
        )
        assert written.handled_on == due
        assert written.agenda_number.startswith(f"BKL/SK/{due.year}/")
    assert (
        await intake.scalar("SELECT count(*) FROM archive_loan WHERE file_id = :f", f=file_id) == 0
    )


async def test_a_national_reader_sees_each_loan_late_by_its_own_office(intake, tokens):
    due = latest_date_in_indonesia()
    database = intake.app.state.database
    loans = {}
    for office in ("NATA", "NATB"):
        file_id = await new_file(intake, tokens, office)
        async with database.sessions() as session, session.begin():
            loan = await records.lend(
                session=session,
                file_id=file_id,
                data=LoanCreate(borrower="Asisten", due_on=due),
                actor=principal(office),
                today_of=lambda office: due,
            )
            loans[office] = loan.id
    # NATA's day is already past the due date, NATB's is still the due date.
    days = {"NATA": due + timedelta(days=1), "NATB": due}

    def today_of(office: str) -> date:
        return days.get(office, due)

    async with database.sessions() as session:
        national = await records.list_loans(
            session=session,
            actor=principal("NATB", "intake_officer", "national"),
            state="overdue",
            today_of=today_of,
        )
        late = {loan.id for loan, _ in national}
        assert loans["NATA"] in late and loans["NATB"] not in late
        for office, expected in (("NATA", [loans["NATA"]]), ("NATB", [])):
            scoped = await records.list_loans(
                session=session, actor=principal(office), state="overdue", today_of=today_of
            )
            assert [loan.id for loan, _ in scoped] == expected
