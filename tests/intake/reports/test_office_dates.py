"""An office's dates are its own (WIB, WITA or WIT), never the server's UTC date, and
its zone is the one the office registry gives it, not a setting.

From 00:00 to 07:00 WIB (09:00 WIT) UTC's date is still yesterday: an event of the
office's today must not be "in the future", and a loan must not turn overdue at 07:00
WIB. The server's clock cannot be moved, so the API is driven with dates computed in
the office's zone and with receipt instants chosen on either side of the office's
midnight, and the office checks of `records` run with an injected moment.

The offices come into the service's copy of the registry as in production: the gateway's
`office.registered` on NATS, consumed by the running service (`register_office`).
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import text

from apik_intake.app import create_app
from apik_intake.records import service as records
from apik_intake.records.schemas import LetterCreate, LoanCreate
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.calendar import OfficeCalendar, latest_date_in_indonesia
from apik_shared.vocabulary.indonesian import tanggal
from apik_testing.infra import TestInfra
from apik_testing.pdf import pages_text
from apik_testing.services import RunningService, running
from apik_testing.tokens import TestTokens
from tests.intake.builders import intake_settings, register_office, report_body

V1 = "/api/v1/intake"
REPORTS = f"{V1}/reports"
PUBLIC = f"{V1}/public/reports"
PROBLEM = "application/problem+json"
# BKL (Bengkulu) is registered on WIB, JPR (Jayapura) on WIT; NATA on WIT and NATB on
# WIB for a national reader's list.
WIB, WIT = OfficeCalendar("Asia/Jakarta"), OfficeCalendar("Asia/Jayapura")
ZONES = {"BKL": WIB, "JPR": WIT, "NATA": WIT, "NATB": WIB}


@pytest.fixture(scope="module")
async def intake(
    infra: TestInfra, tokens: TestTokens, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningService]:
    settings = await intake_settings(infra, tmp_path_factory)
    async with running(create_app(settings), tokens) as service:
        for code, calendar in ZONES.items():
            await register_office(service, infra.nats_url, code, calendar.timezone)
        yield service


def at_noon(day: date, calendar: OfficeCalendar) -> datetime:
    """A moment on `day` in the office's zone."""
    return datetime.combine(day, time(12), tzinfo=calendar.zone)


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
        {
            "pointer": "#/body/event_date",
            "detail": "The event is after the report's receipt.",
            "code": "event_after_receipt",
            "params": {},
        }
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
        [page] = pages_text(printed.content)
        assert "TERLAMBAT" in page
        day = tanggal(today_in(calendar))
        assert f"keadaan per {day}" in page
        # Lent today, due yesterday, both on the office's calendar.
        assert f"{day} {tanggal(today_in(calendar) - timedelta(days=1))}" in page
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
                now=at_noon(due + timedelta(days=1), WIB),
            )
    assert refused.value.errors == [
        {
            "pointer": "#/body/due_on",
            "detail": "The due date has passed already.",
            "code": "date_passed",
            "params": {},
        }
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
                now=at_noon(due - timedelta(days=1), WIB),
            )
    assert future.value.errors == [
        {
            "pointer": "#/body/handled_on",
            "detail": "The date is in the future.",
            "code": "date_in_future",
            "params": {},
        }
    ]
    unset = LetterCreate(direction="outgoing", correspondent="Dinas", subject="Klarifikasi")
    async with database.sessions() as session, session.begin():
        written = await records.create_letter(
            session=session, data=unset, actor=principal("BKL"), now=at_noon(due, WIB)
        )
        assert written.handled_on == due
        assert written.agenda_number.startswith(f"BKL/SK/{due.year}/")
    assert (
        await intake.scalar("SELECT count(*) FROM archive_loan WHERE file_id = :f", f=file_id) == 0
    )


async def test_a_national_reader_sees_each_loan_late_by_its_own_office(intake, tokens):
    due = latest_date_in_indonesia()  # WIT's today: no office has passed it yet
    database = intake.app.state.database
    loans = {}
    for office in ("NATA", "NATB"):
        file_id = await new_file(intake, tokens, office)
        async with database.sessions() as session, session.begin():
            loan, today = await records.lend(
                session=session,
                file_id=file_id,
                data=LoanCreate(borrower="Asisten", due_on=due),
                actor=principal(office),
            )
            assert today <= due
            loans[office] = loan.id
    # 16:30 UTC on the due day: 23:30 WIB, still the due day in NATB (WIB), but already
    # 01:30 WIT on the day after in NATA (WIT), whose loan is late from its own midnight.
    evening = datetime.combine(due, time(16, 30), tzinfo=UTC)
    async with database.sessions() as session:
        national = await records.list_loans(
            session=session,
            actor=principal("NATB", "intake_officer", "national"),
            state="overdue",
            now=evening,
        )
        late = {loan.id for loan, _ in national.rows}
        assert loans["NATA"] in late and loans["NATB"] not in late
        assert national.today("NATA") == due + timedelta(days=1)
        assert national.today("NATB") == due
        for office, expected in (("NATA", [loans["NATA"]]), ("NATB", [])):
            scoped = await records.list_loans(
                session=session, actor=principal(office), state="overdue", now=evening
            )
            assert [loan.id for loan, _ in scoped.rows] == expected


async def incomplete(intake: RunningService, headers: dict, report_id: str, at: str) -> dict:
    """Formal verification found it incomplete at `at` and told the reporter then: the
    completion deadline starts (it runs from the notice)."""
    notice = {"channel": "phone", "message": "Mohon lengkapi fotokopi KTP."}
    response = await intake.client.post(
        f"{REPORTS}/{report_id}/formal-verification",
        json={"complete": False, "missing": ["ktp"], "decided_at": at, "notification": notice},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    body: dict = response.json()
    return body


async def test_an_office_opened_at_run_time_in_papua_gets_its_deadlines_in_wit(
    intake, tokens, infra
):
    """The defect of issue 15: a WIT office got WIB deadlines, 22 hours lost by the
    reporter. The office exists only from its `office.registered`, sent while the service
    runs; nothing is configured for it."""
    assert await intake.scalar("SELECT count(*) FROM office_registry WHERE code = 'PAPUA'") == 0
    await register_office(intake, infra.nats_url, "PAPUA", "Asia/Jayapura")
    headers = staff(tokens, "PAPUA")
    # 16:30 UTC on 1 March 2026 is 23:30 WIB on 1 March but 01:30 WIT on 2 March.
    evening = "2026-03-01T16:30:00+00:00"
    # The day of receipt is Papua's: an event of 2 March is no event after the receipt.
    registered = await register(intake, headers, received_at=evening, event_date="2026-03-02")
    assert registered.status_code == 201, registered.text
    report = registered.json()
    assert report["registration_number"].startswith("PAPUA-2026-")
    body = await incomplete(intake, headers, report["id"], evening)
    due = datetime.fromisoformat(body["completion_due"])
    # Day 30 after 2 March (WIT) is 1 April, over at 00:00 WIT on 2 April = 15:00 UTC on
    # 1 April. Counted in WIB it would have ended at 17:00 UTC on 31 March: 22 h earlier.
    assert due == datetime(2026, 4, 1, 15, 0, tzinfo=UTC)
    assert due.astimezone(WIT.zone) == datetime(2026, 4, 2, tzinfo=WIT.zone)
    assert due - datetime(2026, 3, 31, 17, 0, tzinfo=UTC) == timedelta(hours=22)
    stored = await intake.scalar(
        "SELECT completion_due FROM report WHERE id = :id", id=uuid.UUID(report["id"])
    )
    assert stored == due


async def test_an_office_update_changes_later_dates_without_a_restart(intake, tokens, infra):
    await register_office(intake, infra.nats_url, "PINDAH", "Asia/Jakarta")
    headers = staff(tokens, "PINDAH")
    evening = "2026-03-01T16:30:00+00:00"  # 23:30 WIB on 1 March, 01:30 WIT on 2 March

    async def deadline() -> datetime:
        registered = await register(intake, headers, received_at=evening, event_date="2026-02-20")
        assert registered.status_code == 201, registered.text
        body = await incomplete(intake, headers, registered.json()["id"], evening)
        return datetime.fromisoformat(body["completion_due"])

    assert await deadline() == datetime(2026, 3, 31, 17, 0, tzinfo=UTC)  # 00:00 WIB, 1 April
    # The gateway moves the office to WIT (and closes it one day, which the calendar days
    # of the completion deadline do not skip): later counts follow, without a restart.
    await register_office(
        intake,
        infra.nats_url,
        "PINDAH",
        "Asia/Jayapura",
        version=2,
        closure_days=["2026-03-02"],
    )
    assert await deadline() == datetime(2026, 4, 1, 15, 0, tzinfo=UTC)  # 00:00 WIT, 2 April
    moved = await register(intake, headers, received_at=evening, event_date="2026-03-02")
    assert moved.status_code == 201, moved.text  # 2 March is now the day of receipt


async def test_an_office_not_heard_of_yet_counts_in_wib(intake, tokens):
    headers = staff(tokens, "BARU")
    registered = await register(
        intake, headers, received_at="2026-03-01T16:30:00+00:00", event_date="2026-02-20"
    )
    assert registered.status_code == 201, registered.text
    body = await incomplete(intake, headers, registered.json()["id"], "2026-03-01T16:30:00Z")
    assert datetime.fromisoformat(body["completion_due"]) == datetime(
        2026, 3, 31, 17, 0, tzinfo=UTC
    )


async def test_the_list_s_days_of_receipt_and_the_csv_are_the_office_s(intake, tokens):
    # 16:30 UTC on 3 March: 3 March in Bengkulu (WIB), 4 March in Jayapura (WIT).
    evening = "2026-03-03T16:30:00+00:00"
    ids = {}
    for office in ("BKL", "JPR"):
        registered = await register(
            intake,
            staff(tokens, office),
            received_at=evening,
            event_date="2026-02-20",
            summary=f"Penerimaan malam {office}",
        )
        assert registered.status_code == 201, registered.text
        ids[office] = registered.json()["id"]

    async def found(headers: dict, day: str, **params: str) -> set[str]:
        response = await intake.client.get(
            REPORTS,
            params={"received_from": day, "received_to": day, "limit": 100, **params},
            headers=headers,
        )
        assert response.status_code == 200, response.text
        return {item["id"] for item in response.json()["items"]} & set(ids.values())

    assert await found(staff(tokens, "JPR"), "2026-03-04") == {ids["JPR"]}
    assert await found(staff(tokens, "JPR"), "2026-03-03") == set()
    assert await found(staff(tokens, "BKL"), "2026-03-03") == {ids["BKL"]}
    national = tokens.headers("intake_officer", "national", office="BKL", username="pusat")
    assert await found(national, "2026-03-04") == {ids["JPR"]}
    assert await found(national, "2026-03-03") == {ids["BKL"]}
    assert await found(national, "2026-03-04", office="JPR") == {ids["JPR"]}
    exported = await intake.client.get(
        REPORTS,
        params={"received_from": "2026-03-03", "received_to": "2026-03-04", "format": "csv"},
        headers=national,
    )
    assert exported.status_code == 200, exported.text
    printed = {
        row["Kantor"]: row["Diterima"]
        for row in csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig")))
        if row["Ringkasan"].startswith("Penerimaan malam")
    }
    assert printed == {
        "BKL": "2026-03-03T23:30:00+07:00",
        "JPR": "2026-03-04T01:30:00+09:00",
    }
