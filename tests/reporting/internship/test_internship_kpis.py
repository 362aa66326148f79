"""Internship KPIs from the internship service's real events on NATS.

Office A (not registered: WIB, UTC+7), 2025:

intern kind        applied (UTC)      accepted / unit          period end  completed
i1     university  01-10              02-01 intake (placed     2025-05-31  06-02
                                      in examination after: the accepted unit stays)
i2     school      01-20 [exam, …]    02-03 prevention         2025-06-30  —
i3     foreign     12-31 20:00        —                        2026-03-31  —  (2026 WIB)
i4     public      03-05 [intake]     —                        2025-06-30  —
i5     university  03-20 [exam]       04-10 intake (published  2026-01-31  —
                                      before the application)

Red Button, office A: March five cases (acknowledged after 4, 10, 2 and 30 minutes, the
last after escalating twice and acknowledged again at 45 minutes; one never
acknowledged, escalated once); April two cases. Office B: one case in March.
"""

from __future__ import annotations

from datetime import date, timedelta

from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.payloads.internship import RedButtonAcknowledged
from apik_testing.tokens import TestTokens
from tests.reporting.builders import (
    applied,
    at,
    intern_applied,
    intern_step,
    office,
    publish,
    red_button,
)

YEAR = 2025
PATH = "/api/v1/reporting/internship"


def _interns(a: str) -> list[CloudEvent]:
    i1 = intern_applied(a, at(YEAR, 1, 10), "university", ["intake"], date(YEAR, 5, 31))
    i2 = intern_applied(a, at(YEAR, 1, 20), "school", ["examination", "intake"], date(YEAR, 6, 30))
    i3 = intern_applied(a, at(YEAR, 12, 31, 20), "foreign", ["intake"], date(YEAR + 1, 3, 31))
    i4 = intern_applied(a, at(YEAR, 3, 5), "public", ["intake"], date(YEAR, 6, 30))
    i5 = intern_applied(a, at(YEAR, 3, 20), "university", ["examination"], date(YEAR + 1, 1, 31))
    return [
        i1,
        intern_step(i1, "accepted", at(YEAR, 2, 1), unit="intake"),
        intern_step(i1, "placed", at(YEAR, 2, 2), unit="examination"),
        intern_step(i1, "completed", at(YEAR, 6, 2), unit=None),
        i2,
        intern_step(i2, "accepted", at(YEAR, 2, 3), unit="prevention"),
        i3,
        i4,
        intern_step(i5, "accepted", at(YEAR, 4, 10), unit="intake"),
        i5,
    ]


def _alarms(a: str, b: str) -> list[CloudEvent]:
    march = at(YEAR, 3, 3, 2)
    fourth = red_button(a, march, ack_minutes=30, levels=2)
    again = RedButtonAcknowledged(
        office=a,
        raised_at=march,
        severity="urgent",
        acknowledged_at=march + timedelta(minutes=45),
    )
    second = red_button(a, march, ack_minutes=10)
    return [
        *red_button(a, march, ack_minutes=4),
        *reversed(second),  # the acknowledgement before the alert: converges
        *red_button(a, march, ack_minutes=2),
        *fourth,
        CloudEvent(  # a second officer acknowledges later: the first one counts
            source=fourth[0].source,
            type="red_button.acknowledged",
            subject=fourth[0].subject,
            data=again.model_dump(mode="json"),
        ),
        *red_button(a, march, levels=1),
        *red_button(a, at(YEAR, 4, 7), ack_minutes=1),
        *red_button(a, at(YEAR, 4, 8), ack_minutes=3),
        *red_button(b, march, ack_minutes=500),
    ]


def _counts(applied: int = 0, accepted: int = 0, completed: int = 0) -> dict[str, int]:
    return {"applied": applied, "accepted": accepted, "completed": completed}


async def test_interns_and_red_button_per_month(infra, reporting, tokens: TestTokens):
    a, b = office(), office()
    events = [*_interns(a), *_alarms(a, b)]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    analyst = tokens.headers("analyst", office=a)

    response = await reporting.client.get(PATH, params={"year": YEAR}, headers=analyst)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["office"] == a
    stages = ("applied", "accepted", "completed")
    months = {m["month"]: {k: m[k] for k in stages} for m in body["months"]}
    assert len(months) == 12
    # Applied: January i1, i2; March i4, i5 (i3 is 1 January 2026 in WIB).
    # Accepted: February i1, i2; April i5. Completed: June i1.
    assert months[f"{YEAR}-01"] == _counts(applied=2)
    assert months[f"{YEAR}-02"] == _counts(accepted=2)
    assert months[f"{YEAR}-03"] == _counts(applied=2)
    assert months[f"{YEAR}-04"] == _counts(accepted=1)
    assert months[f"{YEAR}-06"] == _counts(completed=1)
    assert months[f"{YEAR}-12"] == _counts()
    assert sum(m["applied"] for m in months.values()) == 4

    kinds = {row.pop("institution_kind"): row for row in body["institution_kinds"]}
    # university i1 (applied, accepted, completed) and i5 (applied, accepted).
    assert kinds == {
        "public": _counts(1, 0, 0),
        "school": _counts(1, 1, 0),
        "university": _counts(2, 2, 1),
    }
    units = {row.pop("unit"): row for row in body["units"]}
    # The accepted unit wins: i1 intake (not its placement), i2 prevention (not its first
    # choice), i5 intake; i4 never accepted keeps its first choice, intake.
    assert units == {"intake": _counts(3, 2, 1), "prevention": _counts(1, 1, 0)}
    # Accepted with a period ending in 2025: i1 and i2; completed: i1. i5 ends in 2026.
    assert body["ended"] == 2
    assert body["completion_rate"] == 0.5

    red = body["red_button"]
    assert red["min_count"] == 5
    by_month = {m["month"]: m for m in red["months"]}
    # March: waits 2, 4, 10, 30 (the first acknowledgement of the fourth, not its 45):
    # median (4 + 10) / 2 = 7, p90 the ⌈0.9 * 4⌉ = 4th = 30; escalations 2 + 1 = 3.
    # Office B's case is not A's.
    assert by_month[f"{YEAR}-03"] == {
        "month": f"{YEAR}-03",
        "shown": True,
        "raised": 5,
        "acknowledged": 4,
        "escalations": 3,
        "median_minutes": 7.0,
        "p90_minutes": 30.0,
    }
    # April holds two cases: withheld, counts and times alike.
    april = by_month[f"{YEAR}-04"]
    assert april["shown"] is False
    assert [april[k] for k in ("raised", "acknowledged", "median_minutes", "p90_minutes")] == [
        None
    ] * 4
    # Counts and times only: nothing about the cases themselves.
    assert "severity" not in response.text and "urgent" not in response.text
    # The definitions in both languages, the English also where it always was.
    body = response.json()
    assert body["definitions_en"] == body["definitions"]
    assert set(body["definitions_id"]) == set(body["definitions"])
    assert body["definitions_id"]["applied"].startswith("Pendaftar magang")
    assert set(april) == {"month", "shown", "raised", "acknowledged", "escalations"} | {
        "median_minutes",
        "p90_minutes",
    }

    # The next year: i3, foreign, applied 1 January (WIB).
    after = await reporting.client.get(PATH, params={"year": YEAR + 1}, headers=analyst)
    assert after.json()["months"][0] == {"month": f"{YEAR + 1}-01", **_counts(applied=1)}
    assert after.json()["institution_kinds"] == [
        {"institution_kind": "foreign", **_counts(applied=1)}
    ]


async def test_replays_change_nothing(infra, reporting, tokens: TestTokens):
    a = office()
    events = [*_interns(a), *red_button(a, at(YEAR, 5, 5), ack_minutes=6, levels=1)]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    # The same events again, under new message ids (JetStream's dedup window does not
    # apply): the inbox applies each event id once.
    for e in events[:3]:
        await publish(infra.nats_url, e, msg_id=f"again-{e.id}")
    later = intern_applied(a, at(YEAR, 5, 1), "school", ["intake"], date(YEAR, 8, 31))
    await publish(infra.nats_url, later)
    await applied(reporting, later)
    head = tokens.headers("head", office=a)
    body = (await reporting.client.get(PATH, params={"year": YEAR}, headers=head)).json()
    assert body["months"][0]["applied"] == 2
    assert body["months"][4]["applied"] == 1
    assert sum(m["accepted"] for m in body["months"]) == 3


async def test_another_office_and_every_office(infra, reporting, tokens: TestTokens):
    a, b = office(), office()
    events = _alarms(a, b)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    other = tokens.headers("head", "analyst", office=b)
    refused = await reporting.client.get(PATH, params={"year": YEAR, "office": a}, headers=other)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["pointer"] == "#/query/office"
    # B's own March has one case: withheld.
    own = (await reporting.client.get(PATH, params={"year": YEAR}, headers=other)).json()
    assert own["office"] == b and own["red_button"]["months"][2]["shown"] is False
    # The national reader sees every office together: A's five and B's one, at least.
    national = tokens.headers("head", "national", office="PUSAT")
    every = (await reporting.client.get(PATH, params={"year": YEAR}, headers=national)).json()
    assert every["office"] is None
    assert every["red_button"]["months"][2]["raised"] >= 6
    named = await reporting.client.get(PATH, params={"year": YEAR, "office": a}, headers=national)
    assert named.json()["red_button"]["months"][2]["raised"] == 5
    bad = await reporting.client.get(PATH, params={"year": "x"}, headers=national)
    assert bad.status_code == 422
