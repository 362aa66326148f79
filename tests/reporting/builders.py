"""Builders for reporting's tests: one office's activity as events on the real NATS.

Each test takes an office code of its own (`office()`), so the stream the whole suite
shares never mixes its numbers with another test's.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import nats
from pydantic import BaseModel

from apik_reporting.consumers import inbox_name
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of, subject_for
from apik_shared.platform.events.payloads import (
    CaseClosed,
    CaseOpened,
    CaseSurveyed,
    ReportRegistered,
    ReportVerified,
    VisitCompleted,
    VisitEnded,
)
from apik_shared.platform.events.payloads.examination import CaseDurations, PublicLoss
from apik_shared.platform.events.payloads.gateway import OfficeRegistered, OfficeUpdated
from apik_shared.platform.events.payloads.intake import ConsultationRecorded
from apik_shared.platform.events.payloads.internship import (
    InternAccepted,
    InternApplied,
    InternCompleted,
    InternPlaced,
    RedButtonAcknowledged,
    RedButtonEscalated,
    RedButtonRaised,
)
from apik_shared.vocabulary.ikm import ELEMENTS
from apik_testing.polling import eventually
from apik_testing.services import RunningService

PRODUCERS = {
    "report.registered": "intake",
    "report.verified": "intake",
    "report.rejected": "intake",
    "report.imported": "intake",
    "consultation.recorded": "intake",
    "case.opened": "examination",
    "case.closed": "examination",
    "case.surveyed": "examination",
    "visit.ended": "consultation",
    "visit.completed": "consultation",
    **dict.fromkeys(
        (
            "intern.applied",
            "intern.accepted",
            "intern.placed",
            "intern.completed",
            "red_button.raised",
            "red_button.acknowledged",
            "red_button.escalated",
        ),
        "internship",
    ),
}


def office() -> str:
    return "T" + secrets.token_hex(4).upper()


def at(year: int, month: int = 6, day: int = 15, hour: int = 3) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def event(event_type: str, payload: BaseModel | dict[str, Any], subject: str) -> CloudEvent:
    data = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else payload
    return CloudEvent(
        source=source_of(PRODUCERS[event_type]), type=event_type, subject=subject, data=data
    )


def _ref(office: str, kind: str, **kw: Any) -> dict[str, Any]:
    return {
        "report_id": str(uuid.uuid4()),
        "registration_number": f"{office}-{uuid.uuid4().int % 99999:05d}",
        "office": office,
        "kind": kind,
        "channel": kw.pop("channel", "web"),
        "substance": kw.pop("substance", "education"),
        **kw,
    }


def registered(office: str, when: datetime, kind: str = "LM", **kw: Any) -> CloudEvent:
    payload = ReportRegistered(**_ref(office, kind, **kw), registered_at=when)
    return event("report.registered", payload, payload.report_id)


def consultation(
    office: str, when: datetime, by: str = "pvl1", subject: str | None = None
) -> list[CloudEvent]:
    ref = _ref(office, "KNL")
    payload = ConsultationRecorded(
        **ref,
        reporter_id=str(uuid.uuid4()),
        registered_at=when,
        answered_at=when + timedelta(minutes=20),
        answered_by=by,
        answered_by_subject=subject,
    )
    return [
        event("report.registered", ReportRegistered(**ref, registered_at=when), ref["report_id"]),
        event("consultation.recorded", payload, ref["report_id"]),
    ]


def verified(registration: CloudEvent, when: datetime, **kw: Any) -> CloudEvent:
    data = registration.data
    payload = ReportVerified(
        **{k: data[k] for k in ("report_id", "registration_number", "office", "kind", "channel")},
        substance=kw.pop("substance", data.get("substance")),
        track=kw.pop("track", "regular"),
        reported_agency="Dinas Pendidikan",
        summary="Ijazah ditahan",
        reporter_id=str(uuid.uuid4()),
        confidential=False,
        registered_at=datetime.fromisoformat(data["registered_at"]),
        verified_at=when,
        decided_by=kw.pop("decided_by", "kepala"),
        **kw,
    )
    return event("report.verified", payload, payload.report_id)


def opened(handoff: CloudEvent, when: datetime) -> CloudEvent:
    data = handoff.data
    payload = CaseOpened(
        case_id=str(uuid.uuid5(uuid.NAMESPACE_URL, data["report_id"])),
        report_id=data["report_id"],
        registration_number=data["registration_number"],
        office=data["office"],
        track=data["track"],
        substance=data.get("substance"),
        opened_at=when,
    )
    return event("case.opened", payload, payload.case_id)


def closed(
    case: CloudEvent,
    when: datetime,
    *,
    outcome: str = "no_maladministration",
    working_days: int = 40,
    sla_state: str = "met",
    examiner: str = "riksa1",
    loss: tuple[str, int, int] | None = None,
) -> CloudEvent:
    """`loss`: the public loss the closure records, (kind, rupiah, people affected)."""
    data = case.data
    payload = CaseClosed(
        case_id=data["case_id"],
        report_id=data["report_id"],
        registration_number=data["registration_number"],
        office=data["office"],
        track=data["track"],
        kind="LM",
        channel="web",
        substance=data.get("substance"),
        examiner_id=examiner,
        outcome=outcome,
        route="written_clarification",
        opened_at=datetime.fromisoformat(data["opened_at"]),
        closed_at=when,
        durations=CaseDurations(
            calendar_days=working_days + working_days // 2,
            working_days=working_days,
            sla_elapsed=working_days,
            sla_unit="working_days",
            sla_target=60,
            sla_state=sla_state,
        ),
        public_loss=(
            PublicLoss(
                kind=loss[0],
                amount_idr=loss[1],
                people_affected=loss[2],
                description="Pungutan liar dikembalikan",
            )
            if loss
            else None
        ),
    )
    return event("case.closed", payload, payload.case_id)


def surveyed(case: CloudEvent, when: datetime, *scores: int, **overrides: Any) -> CloudEvent:
    """The reporter's answers to a case's survey: nine `scores` (one each: all the same)."""
    data = case.data
    values = scores * 9 if len(scores) == 1 else scores
    payload = CaseSurveyed(
        case_id=data["case_id"],
        report_id=data["report_id"],
        registration_number=data["registration_number"],
        office=overrides.pop("office", data["office"]),
        examiner_id=data.get("examiner_id"),
        answers={e.value: v for e, v in zip(ELEMENTS, values, strict=True)},
        answered_at=when,
    )
    return event("case.surveyed", payload.model_dump(mode="json") | overrides, payload.case_id)


def visit(
    office: str,
    when: datetime,
    *,
    minutes: int = 30,
    rating: int = 5,
    officer: str = "amer1",
    officer_subject: str | None = None,
) -> CloudEvent:
    """A `visit.completed` alone: a visit served and rated, as the stream held it before
    `visit.ended` existed (the rating's event was all there was of a visit)."""
    end = served(office, when, minutes=minutes, officer=officer)
    return rated(end, rating, officer_subject=officer_subject)


def served(
    office: str,
    when: datetime,
    *,
    minutes: int = 30,
    officer: str = "amer1",
    officer_subject: str | None = None,
) -> CloudEvent:
    """A `visit.ended`: the officer ended the service, before any rating."""
    visit_id = str(uuid.uuid4())
    payload = VisitEnded(
        visit_id=visit_id,
        office=office,
        category="consultation",
        requested_category="consultation",
        officer=officer,
        duration_seconds=minutes * 60,
        checked_in_at=when,
        ended_at=when + timedelta(minutes=minutes),
        officer_subject=officer_subject,
    )
    return event("visit.ended", payload, visit_id)


def rated(end: CloudEvent, rating: int, *, officer_subject: str | None = None) -> CloudEvent:
    """The `visit.completed` of a served visit (its `visit.ended`): the visitor rated it,
    a minute after its end."""
    ended = VisitEnded.model_validate(end.data)
    payload = VisitCompleted(
        **ended.model_dump(exclude={"officer_subject"}),
        rating=rating,
        completed_at=ended.ended_at + timedelta(minutes=1),
        officer_subject=officer_subject,
    )
    return event("visit.completed", payload, payload.visit_id)


async def publish(nats_url: str, *events: CloudEvent, msg_id: str | None = None) -> None:
    nc = await nats.connect(nats_url)
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        for e in events:
            subject = subject_for(e.producer, e.type)
            await js.publish(subject, e.to_json(), headers={"Nats-Msg-Id": msg_id or e.id})
    finally:
        await nc.close()


async def register_office(
    service: RunningService,
    nats_url: str,
    code: str,
    *,
    timezone: str = "Asia/Jakarta",
    closure_days: list[date] | None = None,
    version: int = 1,
    **printed: str,
) -> CloudEvent:
    """The gateway registers office `code` (`office.registered`, or `office.updated` for a
    version after the first) on the suite's NATS, as in production; returns once the
    service's copy of the registry has that version and the read model has applied the
    event (restated the office's dates). `printed`: the head of office and the address
    its documents print (head_name, head_title, address)."""
    kind = OfficeRegistered if version == 1 else OfficeUpdated
    state = kind(
        code=code,
        name=f"Perwakilan {code}",
        timezone=timezone,
        version=version,
        letterhead=["OMBUDSMAN REPUBLIK INDONESIA", f"PERWAKILAN {code}"],
        closure_days=closure_days or [],
        **printed,
    )
    registration = CloudEvent(
        source=source_of("gateway"),
        type=kind.event_type,
        subject=code,
        data=state.model_dump(mode="json"),
    )
    await publish(nats_url, registration)
    await eventually(
        lambda: service.scalar("SELECT version FROM office_registry WHERE code = :c", c=code),
        lambda kept: kept is not None and kept >= version,
    )
    await applied(service, registration)
    return registration


async def applied(service: RunningService, *events: CloudEvent) -> None:
    """Waits until the read model's inbox holds every one of `events`."""
    ids = [e.id for e in events]
    await eventually(
        lambda: _count_applied(service, ids),
        lambda n: n == len(set(ids)),
    )


async def _count_applied(service: RunningService, ids: list[str]) -> int:
    # The read model's rows only: the office registry's consumer keeps its own.
    count = await service.scalar(
        "SELECT count(*) FROM inbox WHERE event_id = ANY(:ids) AND consumer = :consumer",
        ids=list(set(ids)),
        consumer=inbox_name(service.app.state.settings),
    )
    return int(count)


async def kpis(service: RunningService, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    response = await service.client.get("/api/v1/reporting/kpis", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return {item["indicator"]: item for item in response.json()["items"]}


def year_of_activity(office: str, year: int) -> list[CloudEvent]:
    """A small year at one office (WIB, UTC+7), with edges of the calendar year.

    Expected for `year`: knl_recorded 3, lm_registered 5, reports_handed_over 3,
    reports_closed 2 (1 within SLA, 30 working days on average), reports_in_process 1,
    desk_visits 2 (20 minutes and a rating of 4.5 on average), ikm 87.50 (two
    surveys answered, all 4s and all 3s; a third at the year's end counts in the next),
    public loss recovered Rp 12.500.000 (one case, 25 people; education, school), none
    prevented.
    The desk's visits come as today's pairs (visit.ended, then visit.completed with the
    rating) and as an older visit.completed alone.
    """
    events: list[CloudEvent] = []
    for month in (1, 5):
        events += consultation(office, at(year, month))
    # 31 Dec 20:00 UTC is 1 January 03:00 in Jakarta: the next year's.
    events += consultation(office, at(year - 1, 12, 31, 20))
    events += consultation(office, at(year, 12, 31, 20))  # next year's, in Jakarta
    lms = [registered(office, at(year, m), channel="walk_in") for m in (2, 3, 4)]
    lms.append(registered(office, at(year, 3), kind="RCO", channel="phone", substance="water"))
    lms.append(registered(office, at(year - 1, 12, 31, 18), channel="email"))  # 01:00 WIB
    lms.append(registered(office, at(year - 1, 11)))  # last year's
    events += lms
    events.append(registered(office, at(year, 2), kind="TEMBUSAN"))
    handoffs = [
        verified(lms[0], at(year, 3), agency_type="school"),
        verified(lms[1], at(year, 4), agency_type="school"),
        verified(lms[3], at(year, 4), substance="drinking_water", agency_type="utility"),
    ]
    events += handoffs
    cases = [opened(h, at(year, 4, 20)) for h in handoffs]
    events += cases
    events.append(
        closed(
            cases[0],
            at(year, 9),
            working_days=20,
            outcome="resolved_by_agency",
            loss=("recovered", 12_500_000, 25),
        )
    )
    events.append(closed(cases[1], at(year, 10), working_days=40, sla_state="breached"))
    events.append(surveyed(cases[0], at(year, 9, 20), 4))
    events.append(surveyed(cases[1], at(year, 10, 20), 3))
    events.append(surveyed(cases[2], at(year, 12, 31, 20), 1))  # 1 January 03:00 WIB
    july = served(office, at(year, 7), minutes=30)
    events += [july, rated(july, 5)]
    events.append(visit(office, at(year, 8), minutes=10, rating=4, officer="amer2"))
    january = served(office, at(year + 1, 1, 5), minutes=10)
    events += [january, rated(january, 1)]
    return events


# --- the internship service's events ----------------------------------------------


def intern_applied(
    office: str, when: datetime, kind: str, units: list[str], end: date
) -> CloudEvent:
    payload = InternApplied(
        application_id=str(uuid.uuid4()),
        office=office,
        institution_kind=kind,
        units=units,
        period_start=end - timedelta(days=90),
        period_end=end,
        submitted_at=when,
    )
    return event("intern.applied", payload, payload.application_id)


def intern_step(application: CloudEvent, step: str, when: datetime, **kw: Any) -> CloudEvent:
    """`accepted` (unit=…), `completed` (unit=…) or `placed` (unit=…) of an application."""
    a = application.data
    common = {
        "application_id": a["application_id"],
        "office": a["office"],
        "period_start": a["period_start"],
    }
    payload: BaseModel
    if step == "placed":
        payload = InternPlaced(
            application_id=a["application_id"],
            office=a["office"],
            cohort_id="c1",
            phase=1,
            unit=kw["unit"],
            starts_on=a["period_start"],
            ends_on=a["period_end"],
            source="allocation",
            placed_at=when,
            placed_by="koordinator",
        )
    else:
        kind = InternAccepted if step == "accepted" else InternCompleted
        extra = {"certificate_id": str(uuid.uuid4())} if step == "completed" else {}
        payload = kind(
            **common,
            **extra,
            institution_kind=a["institution_kind"],
            unit=kw["unit"],
            period_end=a["period_end"],
            **{f"{step}_at": when, f"{step}_by": "pembimbing"},
        )
    return event(f"intern.{step}", payload, a["application_id"])


def red_button(
    office: str, raised: datetime, *, ack_minutes: float | None = None, levels: int = 0
) -> list[CloudEvent]:
    """A Red Button case: raised, escalated `levels` times, acknowledged after
    `ack_minutes` (None: never)."""
    case = str(uuid.uuid4())
    common = {"office": office, "raised_at": raised, "severity": "urgent"}
    out = [event("red_button.raised", RedButtonRaised(**common), case)]
    for level in range(1, levels + 1):
        payload = RedButtonEscalated(
            **common,
            level=level,
            to_role="head" if level == 2 else "protection_officer",
            escalated_at=raised + timedelta(minutes=10 * level),
        )
        out.append(event("red_button.escalated", payload, case))
    if ack_minutes is not None:
        ack = RedButtonAcknowledged(
            **common, acknowledged_at=raised + timedelta(minutes=ack_minutes)
        )
        out.append(event("red_button.acknowledged", ack, case))
    return out
