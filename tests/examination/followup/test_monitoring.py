"""The move to resolution and monitoring (issue 17): a real status entered by the job
when the corrective-action deadline after the LHP has passed with actions open; on real
PostgreSQL and NATS, with two replicas side by side."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from apik_examination.app import create_app
from apik_examination.jobs import monitoring_once
from apik_testing.services import running
from apik_testing.tokens import TestTokens
from tests.examination.builders import API, concluded_case, move_conclusion, replica_database

LONG_AGO = date(2026, 1, 5)


def jakarta_today() -> date:
    return datetime.now(UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()


async def test_two_replicas_move_a_case_once(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    late = await concluded_case(infra, examination, tokens, "Terbitkan sertifikat", "Tegur")
    done = await concluded_case(infra, examination, tokens, "Terbitkan sertifikat")
    in_time = await concluded_case(infra, examination, tokens, "Terbitkan sertifikat")
    for case in (late, done):
        await move_conclusion(examination, case["id"], days=60, due_on=LONG_AGO)
    # Due today: not passed yet (the agency has the whole day).
    await move_conclusion(examination, in_time["id"], days=0, due_on=jakarta_today())
    first = await examination.client.post(
        f"{API}/cases/{late['id']}/corrective-actions/0",
        json={"done_on": str(jakarta_today())},
        headers=examiner,
    )
    assert first.status_code == 200, first.text
    await examination.client.post(
        f"{API}/cases/{done['id']}/corrective-actions/0",
        json={"done_on": str(jakarta_today())},
        headers=examiner,
    )
    replicas = [replica_database(examination) for _ in range(2)]
    try:
        # Batches of one: the two replicas interleave case by case, twice over.
        for _ in range(2):
            await asyncio.gather(*(monitoring_once(db, batch=1) for db in replicas))
    finally:
        for db in replicas:
            await db.dispose()
    [event] = await examination.outbox_events("case.monitoring_started", subject=late["id"])
    assert event.data["office"] == "BKL" and event.data["open_actions"] == 1
    assert event.data["corrective_due_on"] == str(LONG_AGO)
    for other in (done, in_time):
        assert await examination.outbox_events("case.monitoring_started", subject=other["id"]) == []
    detail = (await examination.client.get(f"{API}/cases/{late['id']}", headers=examiner)).json()
    assert detail["status"] == "monitoring" and detail["conclusion"]["monitoring"] is True
    assert detail["sla"]["state"] == "met"  # the examination clock stopped at the LHP
    assert detail["version"] == first.json()["version"] + 1
    timeline = (
        await examination.client.get(f"{API}/cases/{late['id']}/timeline", headers=examiner)
    ).json()
    moves = [e for e in timeline if e["type"] == "monitoring_started"]
    assert len(moves) == 1 and moves[0]["data"]["open"] == [1]
    listed = await examination.client.get(
        f"{API}/cases", params={"status": "monitoring", "limit": 200}, headers=examiner
    )
    assert late["id"] in {c["id"] for c in listed.json()["items"]}
    for case in (done, in_time):
        still = (await examination.client.get(f"{API}/cases/{case['id']}", headers=examiner)).json()
        assert still["status"] == "concluded", case["id"]


async def test_a_case_in_monitoring_still_closes(infra, examination, tokens: TestTokens):
    """Monitoring ends with the closure; the undone action still needs the head."""
    case = await concluded_case(infra, examination, tokens, "Terbitkan sertifikat")
    await move_conclusion(examination, case["id"], days=60, due_on=LONG_AGO)
    await monitoring_once(examination.app.state.database)
    url = f"{API}/cases/{case['id']}"
    head = tokens.headers("head")
    assert (await examination.client.get(url, headers=head)).json()["status"] == "monitoring"
    again = await examination.client.post(
        f"{url}/conclusion",
        json={"finding": "no_maladministration", "summary": "Lagi"},
        headers=tokens.headers("examiner"),
    )
    assert again.status_code == 409
    refused = await examination.client.post(
        f"{url}/closure",
        json={"outcome": "resolved_by_agency", "route": "written_clarification"},
        headers=head,
    )
    assert refused.status_code == 409
    closed = await examination.client.post(
        f"{url}/closure",
        json={
            "outcome": "resolved_by_agency",
            "route": "written_clarification",
            "head_decision_reason": "Instansi menyelesaikan lewat jalur lain",
        },
        headers=head,
    )
    assert closed.status_code == 200, closed.text
    assert closed.json()["status"] == "closed"


async def test_two_running_apps_move_a_case_once(infra, examination, tokens: TestTokens):
    """The job as the apps start it (`jobs.monitoring_scan`), two replicas side by side,
    each turning every 50 ms: the case moves once, with one event."""
    case = await concluded_case(infra, examination, tokens, "Terbitkan sertifikat")
    await move_conclusion(examination, case["id"], days=60, due_on=LONG_AGO)
    fast = examination.app.state.settings.model_copy(update={"monitoring_scan_seconds": 0.05})
    url = f"{API}/cases/{case['id']}"
    head = tokens.headers("head")
    async with running(create_app(fast), tokens), running(create_app(fast), tokens):
        for _ in range(200):
            if (await examination.client.get(url, headers=head)).json()["status"] == "monitoring":
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # several more turns of both replicas
    assert (await examination.client.get(url, headers=head)).json()["status"] == "monitoring"
    assert len(await examination.outbox_events("case.monitoring_started", subject=case["id"])) == 1
    timeline = (await examination.client.get(f"{url}/timeline", headers=head)).json()
    assert [e["type"] for e in timeline].count("monitoring_started") == 1
