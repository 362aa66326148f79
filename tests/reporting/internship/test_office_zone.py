"""Internship figures count in the office's own zone, restated when the office's
registration arrives after its events.

31 December 2026 16:30 UTC is 1 January 2027 01:30 in WIT (Asia/Jayapura, UTC+9) but
31 December 23:30 in WIB, where an office not registered yet counts.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from apik_testing.tokens import TestTokens
from tests.reporting.builders import (
    applied,
    intern_applied,
    office,
    publish,
    red_button,
    register_office,
)

EDGE = datetime(2026, 12, 31, 16, 30, tzinfo=UTC)
PATH = "/api/v1/reporting/internship"


async def _figures(reporting, tokens: TestTokens, code: str, year: int) -> tuple[int, int]:
    """(interns applied in the year, Red Button cases raised in its December or
    January), with a minimum count of five: six cases make the month shown."""
    response = await reporting.client.get(
        PATH, params={"year": year}, headers=tokens.headers("head", office=code)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    month = body["red_button"]["months"][11 if year == 2026 else 0]
    return sum(m["applied"] for m in body["months"]), month["raised"] or 0


async def test_the_year_follows_the_office_zone(infra, reporting, tokens: TestTokens):
    code = office()
    events = [
        intern_applied(code, EDGE, "university", ["intake"], date(2027, 3, 31)),
        *(e for _ in range(6) for e in red_button(code, EDGE, ack_minutes=5)),
    ]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    # Not registered yet: WIB, still 2026.
    assert await _figures(reporting, tokens, code, 2026) == (1, 6)
    assert await _figures(reporting, tokens, code, 2027) == (0, 0)

    await register_office(reporting, infra.nats_url, code, timezone="Asia/Jayapura")
    # WIT: 1 January 2027, the intern and the six cases alike.
    assert await _figures(reporting, tokens, code, 2026) == (0, 0)
    assert await _figures(reporting, tokens, code, 2027) == (1, 6)
