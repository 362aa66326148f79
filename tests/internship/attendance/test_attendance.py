"""Check-in and out with the office screen's rotating code, absences with a sealed
note, and the monthly recap as JSON, CSV and XLSX (the clock set by a dependency)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from apik_internship.deps import _now
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import INTERN, PROBLEM, V1, accepted, link_account

# Wednesday 3 February 2027, 09:00 WIB.
MORNING = datetime(2027, 2, 3, 2, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = MORNING

    async def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(internship: RunningService) -> Iterator[Clock]:
    clock = Clock()
    internship.app.dependency_overrides[_now] = clock
    try:
        yield clock
    finally:
        internship.app.dependency_overrides.pop(_now, None)


async def screen(internship: RunningService, supervisor: dict[str, str]) -> str:
    shown = await internship.client.get(f"{V1}/attendance/code", headers=supervisor)
    assert shown.status_code == 200, shown.text
    assert shown.headers["cache-control"] == "no-store"
    assert shown.json()["qr_text"] == f"MORI-ATT:KAB:{shown.json()['code']}"
    code: str = shown.json()["code"]
    return code


async def test_a_day_checked_in_and_out_with_the_screen_code_and_a_sick_day(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens, clock: Clock
):
    filed = await accepted(internship, supervisor)
    await link_account(internship, supervisor, filed["id"], "rina.hadir")
    rina = tokens.headers("intern", office="KAB", username="rina.hadir")
    check_in, check_out = f"{INTERN}/attendance/check-in", f"{INTERN}/attendance/check-out"

    code = await screen(internship, supervisor)
    typed = f"{code[:3]} {code[3:]}"  # typed from the screen's digits
    came = await internship.client.post(check_in, json={"code": typed}, headers=rina)
    assert came.status_code == 200, came.text
    assert came.json()["day"] == "2027-02-03" and came.json()["checked_out_at"] is None
    twice = await internship.client.post(check_in, json={"code": code}, headers=rina)
    assert twice.status_code == 409 and twice.headers["content-type"] == PROBLEM
    assert twice.json()["code"] == "checked_in"
    assert twice.json()["params"] == {"day": "2027-02-03"}

    clock.now = MORNING + timedelta(hours=7, minutes=30)  # 16:30 WIB
    stale = await internship.client.post(check_out, json={"code": code}, headers=rina)
    assert stale.status_code == 422 and stale.json()["errors"][0]["pointer"] == "#/body/code"
    went = await internship.client.post(
        check_out, json={"code": await screen(internship, supervisor)}, headers=rina
    )
    assert went.status_code == 200 and went.json()["hours"] == 7.5

    clock.now = datetime(2027, 2, 6, 2, 0, tzinfo=UTC)  # a Saturday
    closed = await internship.client.post(
        check_in, json={"code": await screen(internship, supervisor)}, headers=rina
    )
    assert closed.status_code == 409 and "day off" in closed.json()["detail"]
    assert closed.json()["code"] == "day_off"
    assert closed.json()["params"]["day"] == "2027-02-06"

    absences = f"{INTERN}/absences"
    sick = await internship.client.post(
        absences,
        json={"day": "2027-02-04", "kind": "sick", "note": "Demam, surat dokter menyusul."},
        headers=rina,
    )
    assert sick.status_code == 201, sick.text
    stored = await internship.scalar("SELECT note FROM absence WHERE id = :i", i=sick.json()["id"])
    assert "Demam" not in stored  # sealed at rest
    on_a_day_present = await internship.client.post(
        absences, json={"day": "2027-02-03", "kind": "leave", "note": "Keperluan"}, headers=rina
    )
    assert on_a_day_present.status_code == 409
    assert on_a_day_present.json()["code"] == "was_present"
    on_sunday = await internship.client.post(
        absences, json={"day": "2027-02-07", "kind": "leave", "note": "Keperluan"}, headers=rina
    )
    assert on_sunday.status_code == 409

    clock.now = datetime(2027, 2, 10, 2, 0, tzinfo=UTC)  # Wednesday 10 February
    mine = await internship.client.get(f"{INTERN}/attendance?month=2027-02", headers=rina)
    assert mine.status_code == 200, mine.text
    recap = mine.json()["recap"]
    calendar = OfficeCalendar()
    expected = [date(2027, 2, d) for d in range(1, 11) if calendar.is_working_day(date(2027, 2, d))]
    assert recap["expected_days"] == len(expected)
    assert (recap["present_days"], recap["sick_days"], recap["hours"]) == (1, 1, 7.5)
    # Every expected day before today without attendance or excuse is an absence.
    assert recap["absent_days"] == len(expected) - 1 - 1 - 1
    assert mine.json()["absences"][0]["note"] == "Demam, surat dokter menyusul."
    assert ["2027-02-06", "weekend"] in mine.json()["days_off"]


async def test_the_recap_exports_as_csv_and_xlsx_and_notes_are_read_audited(
    internship: RunningService,
    supervisor: dict[str, str],
    head: dict[str, str],
    tokens: TestTokens,
    clock: Clock,
):
    filed = await accepted(internship, supervisor, period_start="2027-03-01")
    await link_account(internship, supervisor, filed["id"], "rina.rekap")
    rina = tokens.headers("intern", office="KAB", username="rina.rekap")
    clock.now = datetime(2027, 3, 2, 1, 0, tzinfo=UTC)  # Tuesday 2 March, 08:00 WIB
    code = await screen(internship, supervisor)
    await internship.client.post(f"{INTERN}/attendance/check-in", json={"code": code}, headers=rina)
    clock.now += timedelta(hours=8)
    code = await screen(internship, supervisor)
    await internship.client.post(
        f"{INTERN}/attendance/check-out", json={"code": code}, headers=rina
    )
    await internship.client.post(
        f"{INTERN}/absences",
        json={"day": "2027-03-03", "kind": "leave", "note": "Ujian di kampus"},
        headers=rina,
    )
    recap = f"{V1}/attendance/recap?month=2027-03"
    as_json = await internship.client.get(recap, headers=supervisor)
    [row] = [r for r in as_json.json()["rows"] if r["application_id"] == filed["id"]]
    assert (row["name"], row["intern_username"], row["hours"]) == ("Rina Kartika", "rina.rekap", 8)
    assert row["leave_days"] == 1
    as_csv = await internship.client.get(
        f"{recap}&delimiter=semicolon", headers={**supervisor, "Accept": "text/csv"}
    )
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert 'filename="rekap-kehadiran-2027-03.csv"' in as_csv.headers["content-disposition"]
    lines = as_csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Nama;Akun;Unit;Hari kerja;Hadir")
    assert any(line.startswith("Rina Kartika;rina.rekap;intake;") for line in lines)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    as_xlsx = await internship.client.get(recap, headers={**supervisor, "Accept": xlsx})
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Nama" and ["Rina Kartika", "rina.rekap"] in [r[:2] for r in rows]
    masked = await internship.client.get(recap, headers=head)
    [row] = [r for r in masked.json()["rows"] if r["application_id"] == filed["id"]]
    assert (row["name"], row["intern_username"]) == ("R*** K******", "r*********")

    before = await internship.scalar(
        "SELECT count(*) FROM applicant_read WHERE purpose = 'read absence notes'"
    )
    notes = await internship.client.get(
        f"{V1}/attendance/absences?month=2027-03", headers=supervisor
    )
    assert [a["note"] for a in notes.json() if a["application_id"] == filed["id"]] == [
        "Ujian di kampus"
    ]
    after = await internship.scalar(
        "SELECT count(*) FROM applicant_read WHERE purpose = 'read absence notes'"
    )
    assert after == before + 1
    assert (await internship.client.get(f"{V1}/attendance/code", headers=rina)).status_code == 403
