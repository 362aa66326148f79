"""SLA clocks on real PostgreSQL and NATS: classification, pauses, filters, breaches."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime, timedelta

from apik_examination.app import create_app
from apik_examination.jobs import scan_once
from apik_testing.services import RunningService, running
from tests.examination.builders import (
    days_ago,
    find_cases,
    new_case,
    replica_database,
)

CASES = "/api/v1/examination/cases"
# These cases are handed over with a decision days back: the scan reports a breach their
# past already held once they have settled; here, at once.
NOW = timedelta(0)


async def ids(service: RunningService, headers: dict[str, str], **params: str) -> set[str]:
    response = await service.client.get(CASES, params=params, headers=headers)
    assert response.status_code == 200, response.text
    return {c["id"] for c in response.json()["items"]}


async def test_a_new_case_runs_on_the_unclassified_default(infra, examination, tokens):
    case = await new_case(infra, examination, tokens)
    assert case["sla_state"] == "on_track" and case["classification"] is None
    detail = (
        await examination.client.get(f"{CASES}/{case['id']}", headers=tokens.headers("head"))
    ).json()
    assert detail["sla"]["target"] == 30 and detail["sla"]["unit"] == "working_days"
    assert detail["sla"]["elapsed"] == 0 and detail["sla"]["due_on"] is not None


async def test_classification_switches_the_policy(infra, examination, tokens):
    case = await new_case(infra, examination, tokens)
    examiner = tokens.headers("examiner")
    response = await examination.client.post(
        f"{CASES}/{case['id']}/classification",
        json={"classification": "berat"},
        headers={**examiner, "If-Match": '"1"'},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["classification"] == "berat" and response.headers["etag"] == '"2"'
    assert body["sla"]["target"] == 180 and body["sla"]["unit"] == "calendar_days"
    assert case["id"] in await ids(examination, examiner, classification="berat")


async def test_bad_classification_input_changes_nothing(infra, examination, tokens):
    case = await new_case(infra, examination, tokens)
    url = f"{CASES}/{case['id']}/classification"
    examiner = tokens.headers("examiner")
    bad = await examination.client.post(url, json={"classification": "ringan"}, headers=examiner)
    assert bad.status_code == 422
    assert bad.headers["content-type"] == "application/problem+json"
    assert bad.json()["errors"][0]["pointer"] == "#/body/classification"
    stale = await examination.client.post(
        url, json={"classification": "sedang"}, headers={**examiner, "If-Match": '"7"'}
    )
    assert stale.status_code == 412 and stale.json()["current_etag"] == '"1"'
    analyst = await examination.client.post(
        url, json={"classification": "sedang"}, headers=tokens.headers("analyst")
    )
    assert analyst.status_code == 403
    elsewhere = await examination.client.post(
        url, json={"classification": "sedang"}, headers=tokens.headers("examiner", office="MKS")
    )
    assert elsewhere.status_code == 404
    after = (await examination.client.get(f"{CASES}/{case['id']}", headers=examiner)).json()
    assert after["classification"] is None and after["version"] == 1
    events = await examination.scalar(
        "SELECT count(*) FROM case_event WHERE case_id = :c", c=uuid.UUID(case["id"])
    )
    assert events == 1  # only the opening


async def test_waiting_for_the_agency_pauses_the_clock(infra, examination, tokens):
    case = await new_case(infra, examination, tokens)
    examiner = tokens.headers("examiner")
    url = f"{CASES}/{case['id']}/status"
    paused = await examination.client.post(
        url,
        json={"status": "waiting_agency", "note": "Surat klarifikasi dikirim"},
        headers=examiner,
    )
    assert paused.status_code == 200, paused.text
    assert paused.json()["sla"]["state"] == "paused" and paused.json()["sla"]["due_on"] is None
    assert case["id"] in await ids(examination, examiner, sla_state="paused")
    assert case["id"] not in await ids(examination, examiner, sla_state="on_track")
    again = await examination.client.post(url, json={"status": "waiting_agency"}, headers=examiner)
    assert again.status_code == 409
    resumed = await examination.client.post(url, json={"status": "open"}, headers=examiner)
    assert resumed.json()["sla"]["state"] == "on_track"
    assert case["id"] in await ids(examination, examiner, sla_state="on_track")
    closing = await examination.client.post(url, json={"status": "closed"}, headers=examiner)
    assert closing.status_code == 422 and closing.json()["errors"][0]["pointer"] == "#/body/status"


async def test_the_list_counts_the_days_left_as_the_detail_does(infra, examination, tokens):
    case = await new_case(infra, examination, tokens, decided_at=days_ago(3))
    examiner = tokens.headers("examiner")
    listed = (
        await examination.client.get(
            CASES, params={"report_id": case["report_id"]}, headers=examiner
        )
    ).json()["items"][0]
    detail = (await examination.client.get(f"{CASES}/{case['id']}", headers=examiner)).json()
    assert listed["sla_unit"] == detail["sla_unit"] == "working_days"
    assert listed["sla_days_left"] == detail["sla_days_left"] == detail["sla"]["remaining"]
    assert 0 < listed["sla_days_left"] <= 30
    paused = await examination.client.post(
        f"{CASES}/{case['id']}/status", json={"status": "waiting_agency"}, headers=examiner
    )
    assert paused.status_code == 200 and paused.json()["sla_days_left"] is None
    listed = (
        await examination.client.get(
            CASES, params={"report_id": case["report_id"]}, headers=examiner
        )
    ).json()["items"][0]
    assert listed["sla_state"] == "paused" and listed["sla_days_left"] is None


async def test_list_filters_are_validated(examination, tokens):
    response = await examination.client.get(
        CASES, params={"sla_state": "late"}, headers=tokens.headers("head")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/query/sla_state"


async def test_a_breach_is_published_once_with_several_replicas(infra, examination, tokens):
    # Handed over 90 days ago: 30 working days are long gone.
    late = [await new_case(infra, examination, tokens, decided_at=days_ago(90)) for _ in range(3)]
    replicas = [replica_database(examination) for _ in range(3)]
    try:
        # Batches of one: the replicas interleave case by case.
        await asyncio.gather(*(scan_once(db, batch=1, settle=NOW) for db in replicas))
        await asyncio.gather(*(scan_once(db, batch=1, settle=NOW) for db in replicas))
    finally:
        for db in replicas:
            await db.dispose()
    for other in late[1:]:
        assert len(await examination.outbox_events("case.sla_breached", subject=other["id"])) == 1
    case = late[0]
    [breach] = await examination.outbox_events("case.sla_breached", subject=case["id"])
    assert breach.data["office"] == "BKL" and breach.data["target"] == 30
    assert breach.data["policy_version"] == 1 and breach.data["unit"] == "working_days"
    head = tokens.headers("head")
    assert case["id"] in await ids(examination, head, sla_state="breached")
    assert case["id"] not in await ids(examination, head, sla_state="on_track")
    detail = (await examination.client.get(f"{CASES}/{case['id']}", headers=head)).json()
    assert detail["sla"]["state"] == "breached" and detail["sla_state"] == "breached"


async def test_a_new_policy_version_recomputes_live_clocks(infra, examination, tokens):
    case = await new_case(
        infra, examination, tokens, track="rapid_response", decided_at=days_ago(3)
    )
    head = tokens.headers("head")
    assert case["id"] in await ids(examination, head, sla_state="on_track")
    national = tokens.headers("examination_supervisor", "national", office="PUSAT")
    created = await examination.client.post(
        "/api/v1/examination/sla-policies",
        json={
            "track": "rapid_response",
            "target": 2,
            "unit": "calendar_days",
            "effective_from": "2000-01-01T00:00:00+07:00",
            "note": "RCO dipercepat",
        },
        headers=national,
    )
    assert created.status_code == 201, created.text
    assert created.json()["version"] == 2 and created.json()["classification"] is None
    assert case["id"] in await ids(examination, head, sla_state="breached")
    detail = (await examination.client.get(f"{CASES}/{case['id']}", headers=head)).json()
    assert detail["sla"]["policy_version"] == 2 and detail["sla"]["target"] == 2


async def test_policy_versions_need_a_national_role_and_valid_terms(examination, tokens):
    url = "/api/v1/examination/sla-policies"
    body = {"track": "regular", "classification": "sedang", "target": 90, "unit": "calendar_days"}
    local = await examination.client.post(url, json=body, headers=tokens.headers("head"))
    assert local.status_code == 403
    national = tokens.headers("head", "national", office="PUSAT")
    for field, value in [
        ("target", 0),
        ("unit", "weeks"),
        ("warning_ratio", 1.5),
        ("effective_from", "9999-12-31T23:00:00-14:00"),
        ("pause_statuses", ["closed"]),
    ]:
        bad = await examination.client.post(url, json={**body, field: value}, headers=national)
        assert bad.status_code == 422, field
        assert bad.json()["errors"][0]["pointer"].startswith(f"#/body/{field}")
    naive = await examination.client.post(
        url, json={**body, "effective_from": "2026-01-01T00:00:00"}, headers=national
    )
    assert naive.status_code == 422
    listed = await examination.client.get(url, headers=tokens.headers("examiner"))
    assert {(p["track"], p["classification"]) for p in listed.json()} >= {
        ("regular", None),
        ("regular", "sederhana"),
        ("regular", "sedang"),
        ("regular", "berat"),
        ("rapid_response", None),
    }


async def test_offices_only_list_their_own_cases_by_sla_state(infra, examination, tokens):
    case = await new_case(infra, examination, tokens, office="MKS")
    assert case["id"] not in await ids(examination, tokens.headers("head"), sla_state="on_track")
    assert case["id"] in await ids(
        examination, tokens.headers("head", office="MKS"), sla_state="on_track"
    )
    assert await find_cases(examination, tokens.headers("head"), case["report_id"]) == []


async def test_a_running_replica_scans_on_its_own(infra, examination, tokens):
    case = await new_case(infra, examination, tokens, decided_at=days_ago(90))
    fast = examination.app.state.settings.model_copy(
        update={"sla_scan_seconds": 0.05, "sla_history_settle_hours": 0}
    )
    async with running(create_app(fast), tokens):
        for _ in range(200):
            if await examination.outbox_events("case.sla_breached", subject=case["id"]):
                break
            await asyncio.sleep(0.05)
    assert len(await examination.outbox_events("case.sla_breached", subject=case["id"])) == 1


async def test_a_case_closed_late_before_any_scan_still_reports_its_breach(
    infra, examination, tokens
):
    case = await new_case(infra, examination, tokens, decided_at=days_ago(90))
    closed = await examination.client.post(
        f"{CASES}/{case['id']}/closure",
        json={"outcome": "withdrawn", "route": "reporter_request"},
        headers=tokens.headers("examiner"),
    )
    assert closed.status_code == 200 and closed.json()["sla"]["state"] == "breached"
    assert await examination.outbox_events("case.sla_breached", subject=case["id"]) == []
    await scan_once(examination.app.state.database, settle=NOW)
    await scan_once(examination.app.state.database, settle=NOW)
    [breach] = await examination.outbox_events("case.sla_breached", subject=case["id"])
    [event] = await examination.outbox_events("case.closed", subject=case["id"])
    assert event.data["durations"]["sla_state"] == "breached"
    breached_at = datetime.fromisoformat(breach.data["breached_at"])
    assert breached_at < datetime.fromisoformat(event.data["closed_at"])
