"""Issue 16, item 10: reporters' personal data is kept no longer than its retention period.

A reporter's person links (blind indexes, person id) and then their identity expire a
set number of days after the report is finished. The job anonymises what expired, once,
however many replicas run it at the same moment, and leaves the reports, and so every
count made of them, as they were.
"""

from __future__ import annotations

import asyncio
import csv
import io
import uuid
from collections import Counter
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from apik_intake.app import create_app
from apik_intake.jobs import anonymise_expired_once
from apik_intake.reporters.service import anonymise_expired
from apik_intake.settings import Settings
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import REPORTS, report_body

DAY = 86400


def office() -> str:
    return "R" + uuid.uuid4().hex[:5].upper()


def settings_of(intake: RunningService, **changes: object) -> Settings:
    settings: Settings = intake.app.state.settings
    return settings.model_copy(update=changes)


async def drain(intake: RunningService) -> None:
    """Whatever earlier tests of the module left expired, anonymised now."""
    await anonymise_expired_once(intake.app.state.database, settings_of(intake))


async def copy_letter(
    intake: RunningService, headers: dict[str, str], nik: str, **reporter: object
) -> dict:
    """A copy of a letter (TEMBUSAN): filed, finished, as soon as it is registered."""
    body = report_body(
        kind="TEMBUSAN",
        addressed_to="Bupati Bengkulu Utara",
        reporter={"name": "Rahmat Hidayat", "nik": nik, "phone": "0813 1111 2222", **reporter},
    )
    response = await intake.client.post(REPORTS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def open_report(intake: RunningService, headers: dict[str, str], nik: str) -> dict:
    body = report_body(reporter={"name": "Rahmat Hidayat", "nik": nik, "phone": "0813 1111 2222"})
    response = await intake.client.post(REPORTS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def age(intake: RunningService, report_ids: list[str], days: int) -> None:
    """As if everything that happened to the reports happened `days` days ago."""
    ids = [uuid.UUID(i) for i in report_ids]
    shift = {"ids": ids, "days": days}
    async with intake.app.state.database.sessions() as session, session.begin():
        for statement in (
            "UPDATE report SET updated_at = updated_at - make_interval(days => :days),"
            " created_at = created_at - make_interval(days => :days),"
            " received_at = received_at - make_interval(days => :days) WHERE id = ANY(:ids)",
            "UPDATE report_step SET at = at - make_interval(days => :days)"
            " WHERE report_id = ANY(:ids)",
        ):
            await session.execute(text(statement), shift)


async def reporter_row(intake: RunningService, report_id: str) -> dict:
    async with intake.app.state.database.sessions() as session:
        row = (
            await session.execute(
                text(
                    "SELECT rp.* FROM reporter rp JOIN report r ON r.reporter_id = rp.id"
                    " WHERE r.id = :id"
                ),
                {"id": uuid.UUID(report_id)},
            )
        ).one()
    return dict(row._mapping)


async def identity(intake: RunningService, report_id: str, headers: dict[str, str]) -> dict:
    response = await intake.client.get(
        f"{REPORTS}/{report_id}/reporter", params={"purpose": "retention test"}, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_expired_identities_are_anonymised_and_the_rest_is_kept(
    intake: RunningService, tokens: TestTokens
):
    """One person, four reports: finished six years ago (identity expired), finished three
    years ago (links expired, identity kept), finished today, and open for six years (not
    finished: nothing expires)."""
    await drain(intake)
    where = office()
    officer = tokens.headers("intake_officer", office=where)
    head = tokens.headers("head", office=where)
    nik = "1771010101900" + str(uuid.uuid4().int)[:3]
    long_ago = await copy_letter(intake, officer, nik, email="rahmat@example.id")
    a_while_ago = await copy_letter(intake, officer, nik)
    today = await copy_letter(intake, officer, nik)
    still_open = await open_report(intake, officer, nik)
    person = (await reporter_row(intake, today["id"]))["person_id"]
    assert {(await reporter_row(intake, r["id"]))["person_id"] for r in (long_ago, still_open)} == {
        person
    }
    await age(intake, [long_ago["id"], still_open["id"]], 6 * 365)
    await age(intake, [a_while_ago["id"]], 3 * 365)

    done = await anonymise_expired_once(intake.app.state.database, settings_of(intake))

    assert (done.identities, done.links) == (1, 1)
    gone = await reporter_row(intake, long_ago["id"])
    assert gone["identity"] is None and gone["anonymised_at"] is not None
    assert gone["nik_index"] is gone["phone_index"] is gone["email_index"] is None
    assert gone["matched_on"] == [] and gone["person_id"] != person
    unlinked = await reporter_row(intake, a_while_ago["id"])
    assert unlinked["identity"] is not None and unlinked["anonymised_at"] is None
    assert unlinked["nik_index"] is None and unlinked["person_id"] != person
    for kept in (today, still_open):
        row = await reporter_row(intake, kept["id"])
        assert row["identity"] is not None and row["nik_index"] is not None
        assert row["person_id"] == person
    # The person's reports are the ones whose links are still within their period.
    listed = await intake.client.get(REPORTS, params={"person_id": str(person)}, headers=head)
    assert {r["id"] for r in listed.json()["items"]} == {today["id"], still_open["id"]}
    # Read after anonymisation, the identity says so, for every role: no 500, no person.
    for reader in (officer, head):
        answer = await identity(intake, long_ago["id"], reader)
        assert answer["disclosure"] == "anonymised" and answer["identity"] is None
        assert answer["person_id"] is None and answer["anonymised_at"] is not None
    assert (await identity(intake, a_while_ago["id"], officer))["identity"]["nik"] == nik
    # The read of a tombstone is audited like any other.
    audited = await intake.scalar(
        "SELECT count(*) FROM identity_read WHERE report_id = :id AND disclosure = 'anonymised'",
        id=uuid.UUID(long_ago["id"]),
    )
    assert audited == 2
    # Done is done: the next run finds nothing.
    again = await anonymise_expired_once(intake.app.state.database, settings_of(intake))
    assert (again.identities, again.links) == (0, 0)


async def test_a_new_report_by_an_anonymised_reporter_is_not_recognised(
    intake: RunningService, tokens: TestTokens
):
    await drain(intake)
    officer = tokens.headers("intake_officer", office=office())
    nik = "1771010101901" + str(uuid.uuid4().int)[:3]
    old = await copy_letter(intake, officer, nik)
    await age(intake, [old["id"]], 6 * 365)
    await anonymise_expired_once(intake.app.state.database, settings_of(intake))
    new = await copy_letter(intake, officer, nik)
    assert new["reporter"]["matched_on"] == []
    assert new["reporter"]["person_id"] != (await reporter_row(intake, old["id"]))["person_id"]


async def test_a_duplicate_candidate_no_longer_says_same_reporter(
    intake: RunningService, tokens: TestTokens
):
    await drain(intake)
    officer = tokens.headers("intake_officer", office=office())
    nik = "1771010101902" + str(uuid.uuid4().int)[:3]
    old = await copy_letter(intake, officer, nik)
    new = await open_report(intake, officer, nik)
    pairs = "SELECT count(*) FROM duplicate_candidate WHERE reasons @> '[\"same_reporter\"]'"
    mine = " AND :id IN (report_id, candidate_id)"
    assert await intake.scalar(pairs + mine, id=uuid.UUID(old["id"])) == 1  # one row a pair
    await age(intake, [old["id"]], 6 * 365)
    await anonymise_expired_once(intake.app.state.database, settings_of(intake))
    assert await intake.scalar(pairs + mine, id=uuid.UUID(old["id"])) == 0
    still = "SELECT count(*) FROM duplicate_candidate WHERE :id IN (report_id, candidate_id)"
    assert await intake.scalar(still, id=uuid.UUID(new["id"])) == 1  # the candidate stays


async def test_two_runners_side_by_side_anonymise_each_reporter_once(
    intake: RunningService, tokens: TestTokens
):
    """Two replicas' jobs at the same moment, in small batches: every expired reporter is
    anonymised by exactly one of them, and neither waits for nor fails on the other."""
    await drain(intake)
    officer = tokens.headers("intake_officer", office=office())
    expired = [
        await copy_letter(intake, officer, "17710101019" + str(uuid.uuid4().int)[:5])
        for _ in range(12)
    ]
    await age(intake, [r["id"] for r in expired], 6 * 365)
    settings = settings_of(intake, retention_batch_size=2)
    database = intake.app.state.database

    first, second = await asyncio.wait_for(
        asyncio.gather(
            anonymise_expired_once(database, settings), anonymise_expired_once(database, settings)
        ),
        timeout=60,
    )

    assert first.identities + second.identities == 12
    for report in expired:
        assert (await reporter_row(intake, report["id"]))["identity"] is None
    assert (await anonymise_expired_once(database, settings)).identities == 0


async def test_a_reporter_held_by_another_runner_is_skipped_and_taken_later(
    intake: RunningService, tokens: TestTokens
):
    await drain(intake)
    officer = tokens.headers("intake_officer", office=office())
    held, free = [
        await copy_letter(intake, officer, "17710101019" + str(uuid.uuid4().int)[:5])
        for _ in range(2)
    ]
    await age(intake, [held["id"], free["id"]], 6 * 365)
    database = intake.app.state.database
    held_id = (await reporter_row(intake, held["id"]))["id"]
    async with database.sessions() as other, other.begin():
        # Another replica's batch, in the middle of its transaction.
        await other.execute(
            text("SELECT 1 FROM reporter WHERE id = :id FOR UPDATE"), {"id": held_id}
        )
        done = await asyncio.wait_for(anonymise_expired_once(database, settings_of(intake)), 30)
        assert done.identities == 1
        assert (await reporter_row(intake, free["id"]))["identity"] is None
    assert (await reporter_row(intake, held["id"]))["identity"] is not None
    assert (await anonymise_expired_once(database, settings_of(intake))).identities == 1
    assert (await reporter_row(intake, held["id"]))["identity"] is None


async def test_a_batch_that_crashes_loses_nothing(intake: RunningService, tokens: TestTokens):
    await drain(intake)
    officer = tokens.headers("intake_officer", office=office())
    report = await copy_letter(intake, officer, "17710101019" + str(uuid.uuid4().int)[:5])
    await age(intake, [report["id"]], 6 * 365)
    database = intake.app.state.database
    settings = settings_of(intake)
    with pytest.raises(RuntimeError):
        async with database.sessions() as session, session.begin():
            batch = await anonymise_expired(
                session=session,
                now=datetime.now(UTC),
                identity_days=settings.retention_reporter_identity_days,
                link_days=settings.retention_person_link_days,
                batch=settings.retention_batch_size,
            )
            assert batch.identities == 1
            raise RuntimeError("the replica dies before its commit")
    assert (await reporter_row(intake, report["id"]))["identity"] is not None
    assert (await anonymise_expired_once(database, settings)).identities == 1


async def test_the_counts_stay_the_same(intake: RunningService, tokens: TestTokens):
    """Intake's lists and exports count the same reports before and after, and the job
    publishes nothing: reporting's KPIs, fed by intake's events, cannot move either."""
    await drain(intake)
    where = office()
    officer = tokens.headers("intake_officer", office=where)
    nik = "1771010101903" + str(uuid.uuid4().int)[:3]
    reports = [await copy_letter(intake, officer, nik) for _ in range(3)]
    reports.append(await open_report(intake, officer, nik))
    await age(intake, [r["id"] for r in reports], 6 * 365)

    async def counts() -> tuple[Counter[tuple[str, str]], int, int]:
        export = await intake.client.get(REPORTS, params={"format": "csv"}, headers=officer)
        assert export.status_code == 200
        rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
        page = await intake.client.get(REPORTS, params={"limit": 100}, headers=officer)
        outbox = await intake.scalar("SELECT count(*) FROM outbox")
        by_status = Counter((row["Jenis laporan"], row["Status"]) for row in rows)
        return by_status, len(page.json()["items"]), outbox

    before = await counts()
    done = await anonymise_expired_once(intake.app.state.database, settings_of(intake))
    assert done.identities == 3
    assert await counts() == before
    assert before[0] == Counter(
        {("Tembusan", "Dicatat (tembusan)"): 3, ("Laporan Masyarakat", "Teregistrasi"): 1}
    )


@pytest.mark.parametrize(
    "variable", ["APIK_RETENTION_REPORTER_IDENTITY_DAYS", "APIK_RETENTION_PERSON_LINK_DAYS"]
)
@pytest.mark.parametrize("value", ["0", "-30"])
def test_a_retention_period_of_zero_or_less_is_refused_at_start_up(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
):
    monkeypatch.setenv("APIK_ENV", "development")
    monkeypatch.setenv(variable, value)
    with pytest.raises(ValidationError) as refused:
        create_app()
    assert variable.removeprefix("APIK_").lower() in str(refused.value)
