"""Examination opens exactly one case per handed-over report."""

from __future__ import annotations

import asyncio
import uuid

from sqlmodel import select

from apik_examination.cases.service import Handoff, open_cases
from apik_examination.models import Case
from apik_examination.sla.service import clock_of
from apik_shared.platform.events.payloads import ReportVerified
from apik_testing.tokens import TestTokens
from tests.examination.builders import find_cases, handoff, publish, put_examiner, wait_for_case


async def test_a_handoff_opens_a_case(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    event = handoff(track="rapid_response")
    await publish(infra.nats_url, event)
    case = await wait_for_case(examination, examiner, event.data["report_id"])
    assert case["track"] == "rapid_response" and case["status"] == "open"
    assert case["registration_number"] == event.data["registration_number"]
    assert case["confidential"] is True
    detail = await examination.client.get(
        f"/api/v1/examination/cases/{case['id']}", headers=examiner
    )
    assert detail.status_code == 200 and detail.headers["etag"] == '"1"'
    [opened] = await examination.outbox_events("case.opened", subject=case["id"])
    assert opened.data["report_id"] == event.data["report_id"]


async def test_the_same_handoff_twice_opens_one_case(infra, examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    event = handoff()
    await publish(infra.nats_url, event, msg_id="one")
    await publish(infra.nats_url, event, msg_id="two")  # past the stream's deduplication
    await wait_for_case(examination, examiner, event.data["report_id"])
    for _ in range(40):
        applied = await examination.scalar(
            "SELECT count(*) FROM inbox WHERE event_id = :e", e=event.id
        )
        deliveries_done = await examination.scalar(
            "SELECT count(*) FROM examination_case WHERE report_id = :r",
            r=uuid.UUID(event.data["report_id"]),
        )
        assert deliveries_done == 1 and applied == 1
        await asyncio.sleep(0.025)


async def test_cases_are_scoped_to_the_office(infra, examination, tokens: TestTokens):
    event = handoff(office="MKS")
    await publish(infra.nats_url, event)
    case = await wait_for_case(
        examination, tokens.headers("examiner", office="MKS"), event.data["report_id"]
    )
    elsewhere = tokens.headers("examiner", office="BKL")
    assert await find_cases(examination, elsewhere, event.data["report_id"]) == []
    hidden = await examination.client.get(
        f"/api/v1/examination/cases/{case['id']}", headers=elsewhere
    )
    assert hidden.status_code == 404
    national = tokens.headers("analyst", "national", office="PUSAT")
    assert len(await find_cases(examination, national, event.data["report_id"])) == 1


async def test_cases_need_an_examination_role(examination, tokens: TestTokens):
    response = await examination.client.get(
        "/api/v1/examination/cases", headers=tokens.headers("desk_officer")
    )
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    bad = await examination.client.get(
        "/api/v1/examination/cases/not-a-uuid", headers=tokens.headers("examiner")
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "#/path/case_id"


async def test_the_case_opened_event_continues_the_handoffs_trace(infra, examination, tokens):
    event = handoff().model_copy(
        update={"traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}
    )
    await publish(infra.nats_url, event)
    case = await wait_for_case(examination, tokens.headers("examiner"), event.data["report_id"])
    [opened] = await examination.outbox_events("case.opened", subject=case["id"])
    assert opened.traceparent is not None
    assert opened.traceparent.split("-")[1] == "4bf92f3577b34da6a3ce929d0e0e4736"


async def test_handoffs_opened_together_get_what_each_would_get_alone(
    infra, examination, tokens: TestTokens
):
    """The consumer opens a backlog's cases in one go (`open_cases`): each still gets its
    SLA clock (as the event log computes it), its round-robin turn and its trace, and a
    report handed over twice still has one case."""
    office = "BTG"
    supervisor = tokens.headers("examination_supervisor", office=office)
    for examiner in ("user:a", "user:b"):
        await put_examiner(examination, supervisor, office, examiner)
    rotation = await examination.client.put(
        f"/api/v1/examination/offices/{office}/rotation",
        json={"enabled": True},
        headers=supervisor,
    )
    assert rotation.status_code == 200
    events = [handoff(office=office, track=t) for t in ("regular", "rapid_response", "regular")]
    events += [handoff(office="BKL")]
    traces = [f"00-{n:032x}-00f067aa0ba902b7-01" for n in range(1, len(events) + 1)]
    handoffs = [
        Handoff(ReportVerified.model_validate(e.data), trace)
        for e, trace in zip(events, traces, strict=True)
    ]
    async with examination.app.state.database.sessions() as session, session.begin():
        opened = await open_cases(session=session, handoffs=handoffs)
        again = await open_cases(session=session, handoffs=handoffs[:1])
    assert len(opened) == 4 and again == []
    async with examination.app.state.database.sessions() as session:
        cases = {c.id: c for c in (await session.execute(select(Case))).scalars()}
        for case_id in opened:
            case = cases[case_id]
            clock, policy = await clock_of(session=session, case=case, now=case.opened_at)
            assert (case.sla_policy_id, case.sla_phase) == (
                uuid.UUID(policy.id),
                clock.phase.value,
            )
            assert (case.sla_warn_at, case.sla_breach_at) == (clock.warn_at, clock.breach_at)
    examiners = [cases[case_id].examiner_id for case_id in opened]
    assert examiners == ["user:a", "user:b", "user:a", None]  # BKL has no round-robin
    for case_id, trace in zip(opened, traces, strict=True):
        [event] = await examination.outbox_events("case.opened", subject=str(case_id))
        assert event.traceparent is not None
        assert event.traceparent.split("-")[1] == trace.split("-")[1]
