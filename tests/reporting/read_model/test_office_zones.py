"""An office's years and months are those of its own zone, from the office registry.

31 December 2026 16:30 UTC is 1 January 2027 01:30 in WIT (Asia/Jayapura, UTC+9) but
still 31 December 23:30 in WIB (Asia/Jakarta, UTC+7). Offices are created at run time
(`office.registered` on NATS, as the gateway publishes it), never through settings.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from apik_shared.platform.events.envelope import CloudEvent
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.reporting.builders import (
    applied,
    at,
    kpis,
    office,
    opened,
    publish,
    register_office,
    registered,
    surveyed,
    verified,
    visit,
)

WIT, WIB = "Asia/Jayapura", "Asia/Jakarta"
EDGE = datetime(2026, 12, 31, 16, 30, tzinfo=UTC)
INDICATORS = ("lm_registered", "desk_visits", "ikm")


def _activity(code: str) -> list[CloudEvent]:
    """A report registered, a visit and a survey answered, all at `EDGE`."""
    report = registered(code, EDGE)
    handoff = verified(report, at(2026, 3))  # June's case, surveyed at the edge
    case = opened(handoff, at(2026, 4))
    return [report, visit(code, EDGE, rating=4), handoff, case, surveyed(case, EDGE, 4)]


async def _year(service: RunningService, tokens: TestTokens, code: str, year: int) -> dict:
    items = await kpis(service, tokens.headers("head", office=code), year=year)
    return {name: items[name]["achieved"] for name in INDICATORS}


async def _months(
    service: RunningService, tokens: TestTokens, code: str, year: int
) -> dict[int, int]:
    """Registered public reports per month number."""
    response = await service.client.get(
        "/api/v1/reporting/breakdowns/month",
        params={"year": year},
        headers=tokens.headers("head", office=code),
    )
    assert response.status_code == 200, response.text
    return {int(row["month"][5:]): row["lm_registered"] for row in response.json()["items"]}


async def _dates(service: RunningService, code: str) -> tuple[date, date, date]:
    return (
        await service.scalar("SELECT registered_on FROM report_fact WHERE office = :o", o=code),
        await service.scalar("SELECT visited_on FROM visit_fact WHERE office = :o", o=code),
        await service.scalar("SELECT answered_on FROM survey_fact WHERE office = :o", o=code),
    )


COUNTED = {"lm_registered": 1, "desk_visits": 1, "ikm": 100.0}  # all 4s
NOTHING = {"lm_registered": 0, "desk_visits": 0, "ikm": None}


async def test_an_office_created_at_run_time_in_wit_counts_its_years_in_wit(
    infra, reporting, tokens: TestTokens
):
    papua, java = office(), office()
    await register_office(reporting, infra.nats_url, papua, timezone=WIT)
    await register_office(reporting, infra.nats_url, java, timezone=WIB)
    events = _activity(papua) + _activity(java)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)

    assert await _year(reporting, tokens, papua, 2027) == COUNTED
    assert await _year(reporting, tokens, papua, 2026) == NOTHING
    assert await _dates(reporting, papua) == (date(2027, 1, 1),) * 3
    assert (await _months(reporting, tokens, papua, 2027))[1] == 1

    assert await _year(reporting, tokens, java, 2026) == COUNTED
    assert await _year(reporting, tokens, java, 2027) == NOTHING
    assert await _dates(reporting, java) == (date(2026, 12, 31),) * 3
    assert (await _months(reporting, tokens, java, 2026))[12] == 1


async def test_a_registration_after_the_first_events_and_a_zone_change_restate_the_office(
    infra, reporting, tokens: TestTokens
):
    """Events of an office the registry does not know count in WIB; its registration
    (in WIT) moves them to WIT's year, and an `office.updated` back to WIB moves them
    back, without a restart. Events after each count in the zone of the moment."""
    code = office()
    early = _activity(code)
    await publish(infra.nats_url, *early)
    await applied(reporting, *early)
    assert await _year(reporting, tokens, code, 2026) == COUNTED  # unknown: WIB
    assert await _year(reporting, tokens, code, 2027) == NOTHING

    await register_office(reporting, infra.nats_url, code, timezone=WIT)
    assert await _year(reporting, tokens, code, 2027) == COUNTED
    assert await _year(reporting, tokens, code, 2026) == NOTHING
    assert (await _months(reporting, tokens, code, 2027))[1] == 1
    later = registered(code, EDGE)
    await publish(infra.nats_url, later)
    await applied(reporting, later)
    assert (await _year(reporting, tokens, code, 2027))["lm_registered"] == 2

    await register_office(reporting, infra.nats_url, code, timezone=WIB, version=2)
    assert (await _year(reporting, tokens, code, 2026))["lm_registered"] == 2
    assert (await _year(reporting, tokens, code, 2026))["desk_visits"] == 1
    assert await _year(reporting, tokens, code, 2027) == NOTHING
    assert (await _months(reporting, tokens, code, 2026))[12] == 2

    # A late, repeated registration (version 1 again) changes nothing.
    await register_office(reporting, infra.nats_url, code, timezone=WIT, version=1)
    assert (await _year(reporting, tokens, code, 2026))["lm_registered"] == 2
