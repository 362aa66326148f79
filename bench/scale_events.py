"""The event stream of a generated archive: what intake, examination and the desk publish.

Each report's lifecycle (see `scale_corpus.Generated`) becomes the events its producers
publish, with the payloads of `apik_shared.platform.events.payloads` (`check_payloads` validates
a sample against those models). Event ids derive from the report, so the events of a
report are the same whether they seed the read model or are replayed by the rebuild.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.events.payloads import EVENT_TYPES
from apik_shared.platform.events.payloads.gateway import OfficeRegistered
from apik_shared.vocabulary.calendar import DEFAULT_TIMEZONE
from apik_shared.vocabulary.ikm import ELEMENTS
from bench.scale_corpus import Generated
from bench.scale_vocabulary import OFFICES, ROUTES

PRODUCERS = {
    "report": "intake",
    "consultation": "intake",
    "case": "examination",
    "visit": "consultation",
}
# Offices in WITA and WIT; the others are in WIB (`offices()` registers them all).
OFFICE_ZONES = {
    **dict.fromkeys(
        [
            "BALI",
            "NTB",
            "NTT",
            "KALSEL",
            "KALTIM",
            "KALTARA",
            "SULUT",
            "SULTENG",
            "SULSEL",
            "SULTRA",
            "SULBAR",
            "GORONTALO",
        ],
        "Asia/Makassar",
    ),
    **dict.fromkeys(["MALUKU", "MALUT", "PAPUA", "PABAR"], "Asia/Jayapura"),
}


def offices() -> list[OfficeRegistered]:
    """Every office of the archive as the gateway registers it, each in its own zone:
    what each service's copy of the registry holds in production."""
    return [
        OfficeRegistered(
            code=code,
            name=f"Ombudsman RI Perwakilan {code}",
            timezone=OFFICE_ZONES.get(code, DEFAULT_TIMEZONE),
            version=1,
        )
        for code in OFFICES
    ]


VISIT_CATEGORIES = ["consultation"] * 6 + ["complaint"] * 3 + ["objection"]


def _iso(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def _event(event_type: str, subject: str, at: datetime, data: dict[str, Any]) -> CloudEvent:
    # Built without validation: a million of them; `check_payloads` validates a sample.
    return CloudEvent.model_construct(
        specversion="1.0",
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{subject}/{event_type}")),
        source=source_of(PRODUCERS[event_type.split(".")[0]]),
        type=event_type,
        subject=subject,
        time=at,
        datacontenttype="application/json",
        traceparent=None,
        data=data,
    )


def report_events(g: Generated) -> list[CloudEvent]:
    """Registration, then the decision, then the case's life, in order."""
    report_id = str(g.id)
    ref = {
        "report_id": report_id,
        "registration_number": g.number,
        "office": g.office,
        "kind": g.kind,
        "channel": g.channel,
        "substance": g.substance,
        "agency_type": g.agency_type,
    }
    registered = _iso(g.created_at)
    events = [
        _event("report.registered", report_id, g.created_at, {**ref, "registered_at": registered})
    ]
    if g.link_type is not None and g.linked_report_id is not None:
        events.append(
            _event(
                "report.linked",
                report_id,
                g.created_at,
                {
                    **ref,
                    "linked_report_id": str(g.linked_report_id),
                    "link": g.link_type,
                    "linked_at": registered,
                    "linked_by": "pvl",
                },
            )
        )
    if g.answered_at is not None:
        events.append(
            _event(
                "consultation.recorded",
                report_id,
                g.answered_at,
                {
                    **ref,
                    "reporter_id": str(g.reporter_id),
                    "registered_at": registered,
                    "answered_at": _iso(g.answered_at),
                    "answered_by": f"pvl-{g.office.lower()}-1",
                },
            )
        )
    if g.rejected_at is not None:
        events.append(
            _event(
                "report.rejected",
                report_id,
                g.rejected_at,
                {
                    **ref,
                    "reason": "Bukan kewenangan Ombudsman.",
                    "rejected_at": _iso(g.rejected_at),
                    "decided_by": f"kepala-{g.office.lower()}",
                },
            )
        )
    if g.withdrawn_at is not None:
        events.append(
            _event(
                "report.closed",
                report_id,
                g.withdrawn_at,
                {
                    **ref,
                    "reason": "not_completed_within_deadline",
                    "closed_at": _iso(g.withdrawn_at),
                    "closed_by": "system",
                },
            )
        )
    if g.verified_at is not None:
        events += _case_events(g, ref)
    return events


def _case_events(g: Generated, ref: dict[str, Any]) -> list[CloudEvent]:
    assert g.verified_at is not None
    rng = random.Random(g.id.int)
    report_id, case_id = ref["report_id"], str(uuid.uuid5(uuid.NAMESPACE_URL, ref["report_id"]))
    opened = g.verified_at + timedelta(seconds=rng.randint(1, 30))
    examiner = f"riksa-{g.office.lower()}-{rng.randint(1, 8)}"
    events = [
        _event(
            "report.verified",
            report_id,
            g.verified_at,
            {
                **ref,
                "track": "regular",
                "reported_agency": g.agency,
                "summary": g.summary,
                "event_date": g.event_date.isoformat(),
                "reporter_id": str(g.reporter_id),
                "confidential": False,
                "registered_at": _iso(g.created_at),
                "verified_at": _iso(g.verified_at),
                "decided_by": f"kepala-{g.office.lower()}",
                "maladministration": g.maladministration,
            },
        ),
        _event(
            "case.opened",
            case_id,
            opened,
            {
                "case_id": case_id,
                "report_id": report_id,
                "registration_number": g.number,
                "office": g.office,
                "track": "regular",
                "substance": g.substance,
                "opened_at": _iso(opened),
            },
        ),
        _event(
            "case.assigned",
            case_id,
            opened,
            {
                "case_id": case_id,
                "registration_number": g.number,
                "office": g.office,
                "examiner_id": examiner,
                "assigned_by": "system:round-robin",
                "automatic": True,
                "assigned_at": _iso(opened),
            },
        ),
    ]
    if g.closed_at is None or g.working_days is None or g.outcome is None:
        return events
    target = 60
    events.append(
        _event(
            "case.closed",
            case_id,
            g.closed_at,
            {
                "case_id": case_id,
                "report_id": report_id,
                "registration_number": g.number,
                "office": g.office,
                "track": "regular",
                "kind": g.kind,
                "channel": g.channel,
                "substance": g.substance,
                "classification": "sedang",
                "examiner_id": examiner,
                "outcome": g.outcome,
                "route": rng.choice(ROUTES),
                "finding": "maladministration_found" if g.outcome == "resolved_by_agency" else None,
                "opened_at": _iso(opened),
                "closed_at": _iso(g.closed_at),
                "durations": {
                    "calendar_days": (g.closed_at - opened).days,
                    "working_days": g.working_days,
                    "sla_elapsed": g.working_days,
                    "sla_unit": "working_days",
                    "sla_target": target,
                    "sla_state": "met" if g.working_days <= target else "breached",
                },
            },
        )
    )
    if rng.random() < 0.3:  # the reporter answered the satisfaction survey
        answered = g.closed_at + timedelta(days=rng.randint(1, 14))
        events.append(
            _event(
                "case.surveyed",
                case_id,
                answered,
                {
                    "case_id": case_id,
                    "report_id": report_id,
                    "registration_number": g.number,
                    "office": g.office,
                    "examiner_id": examiner,
                    "answers": {
                        e.value: rng.choices([1, 2, 3, 4], [1, 3, 10, 8])[0] for e in ELEMENTS
                    },
                    "answered_at": _iso(answered),
                },
            )
        )
    return events


def visit_events(
    count: int, first: datetime, last: datetime, seed: int = 7
) -> Iterator[CloudEvent]:
    """Desk visits served and rated, spread over the offices like the reports."""
    rng = random.Random(seed)
    offices = list(OFFICES)
    weights = [OFFICES[o][0] for o in offices]
    span = (last - first).total_seconds()
    for n in range(count):
        office = rng.choices(offices, weights)[0]
        checked_in = first + timedelta(seconds=span * ((n + 0.5) / count) ** 0.8)
        duration = int(rng.lognormvariate(6.8, 0.5))
        ended = checked_in + timedelta(seconds=duration + rng.randint(60, 900))
        visit_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        category = rng.choice(VISIT_CATEGORIES)
        yield _event(
            "visit.completed",
            visit_id,
            ended,
            {
                "visit_id": visit_id,
                "office": office,
                "category": category,
                "requested_category": category,
                "officer": f"amer-{office.lower()}-{rng.randint(1, 4)}",
                "duration_seconds": duration,
                "rating": rng.choices([1, 2, 3, 4, 5], [1, 2, 8, 30, 40])[0],
                "checked_in_at": _iso(checked_in),
                "ended_at": _iso(ended),
                "completed_at": _iso(ended + timedelta(seconds=rng.randint(5, 120))),
            },
        )


def check_payloads(events: list[CloudEvent]) -> None:
    """The generated data is what the producers publish: each validates against its
    payload model, and the envelope against CloudEvent."""
    for event in events:
        CloudEvent.model_validate(event.model_dump())
        model = EVENT_TYPES.get(event.type)
        if model is None:
            raise AssertionError(f"no payload model for {event.type}")
        model.model_validate(event.data)
