"""The intern's daily entries, the supervisor's bulk review (all or none), and the
reminder job, run twice at once as two replicas would."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest

from apik_internship.deps import _now
from apik_internship.jobs import remind_once
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import INTERN, PROBLEM, V1, accepted, link_account

LOGBOOK = f"{V1}/logbook"
# Wednesday 3 February 2027, 16:00 WIB.
AFTERNOON = datetime(2027, 2, 3, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = AFTERNOON

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


def entry(text: str = "Membantu verifikasi formil laporan masyarakat.") -> dict[str, str]:
    return {"activities": text}


async def an_intern(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens, username: str
) -> tuple[str, dict[str, str]]:
    filed = await accepted(internship, supervisor, period_start="2027-02-01")
    await link_account(internship, supervisor, filed["id"], username)
    return filed["id"], tokens.headers("intern", office="KAB", username=username)


async def test_entries_are_reviewed_in_bulk_all_or_none_and_an_approved_one_is_final(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens, clock: Clock
):
    application, rina = await an_intern(internship, supervisor, tokens, "rina.logbook")
    ids = {}
    for day in ("2027-02-01", "2027-02-02", "2027-02-03"):
        written = await internship.client.put(f"{INTERN}/logbook/{day}", json=entry(), headers=rina)
        assert written.status_code == 200, written.text
        assert written.json()["status"] == "submitted" and written.headers["etag"] == '"1"'
        ids[day] = written.json()["id"]
    for day in ("2027-02-04", "2027-01-29"):  # tomorrow; before the period
        refused = await internship.client.put(f"{INTERN}/logbook/{day}", json=entry(), headers=rina)
        assert refused.status_code == 422 and refused.json()["errors"][0]["pointer"] == "#/path/day"

    queue = await internship.client.get(
        LOGBOOK, params={"status": "submitted", "application_id": application}, headers=supervisor
    )
    assert [e["day"] for e in queue.json()] == ["2027-02-01", "2027-02-02", "2027-02-03"]

    review = f"{LOGBOOK}/review"
    batch = [
        {"entry_id": ids["2027-02-01"], "decision": "approve"},
        {"entry_id": ids["2027-02-02"], "decision": "return", "comment": "Tambahkan nomor berkas."},
        {"entry_id": ids["2027-02-03"], "decision": "approve", "version": 2},
    ]
    stale = await internship.client.post(review, json={"decisions": batch}, headers=supervisor)
    assert stale.status_code == 412
    assert stale.json()["errors"][0]["pointer"] == "#/body/decisions/2/version"
    untouched = await internship.client.get(
        LOGBOOK, params={"status": "submitted", "application_id": application}, headers=supervisor
    )
    assert len(untouched.json()) == 3  # nothing applied
    no_why = await internship.client.post(
        review,
        json={"decisions": [{"entry_id": ids["2027-02-02"], "decision": "return"}]},
        headers=supervisor,
    )
    assert no_why.status_code == 422 and no_why.headers["content-type"] == PROBLEM
    elsewhere = tokens.headers("intern_supervisor", office="BKL", username="pembimbing.bkl")
    foreign = await internship.client.post(review, json={"decisions": batch[:1]}, headers=elsewhere)
    assert foreign.status_code == 404
    assert foreign.json()["errors"][0]["pointer"] == "#/body/decisions/0/entry_id"

    batch[2].pop("version")
    done = await internship.client.post(review, json={"decisions": batch}, headers=supervisor)
    assert done.status_code == 200, done.text
    assert [(e["status"], e["reviewed_by"]) for e in done.json()] == [
        ("approved", "pembimbing"),
        ("returned", "pembimbing"),
        ("approved", "pembimbing"),
    ]
    again = await internship.client.post(review, json={"decisions": batch[:1]}, headers=supervisor)
    assert again.status_code == 409  # no longer waiting

    final = await internship.client.put(
        f"{INTERN}/logbook/2027-02-01", json=entry("Diubah setelah disetujui."), headers=rina
    )
    assert final.status_code == 409 and final.json()["type"].endswith("entry-approved")
    returned = f"{INTERN}/logbook/2027-02-02"
    mismatch = await internship.client.put(
        returned, json=entry(), headers={**rina, "If-Match": '"1"'}
    )
    assert mismatch.status_code == 412  # the review made it version 2
    rewritten = await internship.client.put(
        returned,
        json=entry("Verifikasi formil berkas 0123/LM/2027 dan 0124/LM/2027."),
        headers={**rina, "If-Match": '"2"'},
    )
    assert rewritten.status_code == 200
    assert (rewritten.json()["status"], rewritten.json()["version"]) == ("submitted", 3)
    mine = await internship.client.get(f"{INTERN}/logbook?month=2027-02", headers=rina)
    assert [e["status"] for e in mine.json()] == ["approved", "submitted", "approved"]
    other = tokens.headers("intern", office="KAB", username="bukan.pemilik")
    assert (
        await internship.client.get(f"{INTERN}/logbook?month=2027-02", headers=other)
    ).status_code == 403


async def test_the_reminder_job_records_missing_days_and_waiting_entries_once(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens, clock: Clock
):
    application, dewi = await an_intern(internship, supervisor, tokens, "dewi.logbook")
    for day in ("2027-02-01", "2027-02-02"):
        await internship.client.put(f"{INTERN}/logbook/{day}", json=entry(), headers=dewi)
    settings = internship.app.state.settings
    database = internship.app.state.database
    # Wednesday 10 February 2027, 09:00 WIB: a week later, two replicas at once.
    later = datetime(2027, 2, 10, 2, 0, tzinfo=UTC)
    await asyncio.gather(*(remind_once(database, settings, later) for _ in range(2)))
    assert await remind_once(database, settings, later) == 0  # nothing new the third time

    calendar = OfficeCalendar()
    days = [date(2027, 2, 1) + timedelta(days=n) for n in range(9)]  # 1 to 9 February
    missing = [d for d in days[2:] if calendar.is_working_day(d)]
    rows = await internship.client.get(
        f"{LOGBOOK}/reminders", params={"application_id": application}, headers=supervisor
    )
    found = {(r["kind"], r["day"]) for r in rows.json()}
    # Both entries were submitted on the 3rd: by the 10th more than 2 working days.
    assert found == {("missing_day", d.isoformat()) for d in missing} | {
        ("awaiting_approval", "2027-02-01"),
        ("awaiting_approval", "2027-02-02"),
    }
    count = await internship.scalar(
        "SELECT count(*) FROM logbook_reminder WHERE application_id = :a", a=application
    )
    assert count == len(found)
    own = await internship.client.get(f"{INTERN}/reminders", headers=dewi)
    assert {r["day"] for r in own.json()} == {d.isoformat() for d in missing}
