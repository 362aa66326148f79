"""Breakdowns of a year by substance, outcome, channel, agency type and month."""

from __future__ import annotations

from apik_testing.tokens import TestTokens
from tests.reporting.builders import applied, office, publish, year_of_activity

YEAR = 2025


async def _breakdown(reporting, headers, dimension, **params):
    response = await reporting.client.get(
        f"/api/v1/reporting/breakdowns/{dimension}", params=params, headers=headers
    )
    assert response.status_code == 200, response.text
    return response.json()


async def test_breakdowns_of_a_year(infra, reporting, tokens: TestTokens):
    code = office()
    events = year_of_activity(code, YEAR)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    head = tokens.headers("head", office=code)

    substance = await _breakdown(reporting, head, "substance", year=YEAR)
    assert substance["items"] == [
        {"substance": "education", "count": 2},
        {"substance": "drinking_water", "count": 1},
    ]
    assert "report.verified" in substance["definition"]
    assert substance["definition_en"] == substance["definition"]
    assert substance["definition_id"].startswith("Laporan yang diserahkan ke Keasistenan")
    outcome = await _breakdown(reporting, head, "outcome", year=YEAR)
    assert outcome["items"] == [
        {"outcome": "no_maladministration", "count": 1},
        {"outcome": "resolved_by_agency", "count": 1},
    ]
    channel = await _breakdown(reporting, head, "channel", year=YEAR)
    # Three walk-ins, one call, the e-mail of 1 January (WIB), three KNL and a copy by web.
    assert {r["channel"]: r["count"] for r in channel["items"]} == {
        "walk_in": 3,
        "web": 4,
        "phone": 1,
        "email": 1,
    }
    agency = await _breakdown(reporting, head, "agency_type", year=YEAR)
    assert agency["items"] == [
        {"agency_type": "school", "count": 2},
        {"agency_type": "utility", "count": 1},
    ]
    month = await _breakdown(reporting, head, "month", year=YEAR)
    assert month["columns"][0] == "month" and len(month["items"]) == 12
    january, march = month["items"][0], month["items"][2]
    assert january == {
        "month": "2025-01",
        "lm_registered": 1,
        "knl_recorded": 2,
        "reports_handed_over": 0,
        "reports_closed": 0,
        "desk_visits": 0,
    }
    assert march["lm_registered"] == 2 and march["reports_handed_over"] == 1
    # Every month together gives the year's indicators.
    assert sum(m["lm_registered"] for m in month["items"]) == 5
    assert sum(m["knl_recorded"] for m in month["items"]) == 3
    assert sum(m["reports_closed"] for m in month["items"]) == 2


async def test_an_unknown_dimension_is_a_422_naming_it(reporting, tokens: TestTokens):
    response = await reporting.client.get(
        "/api/v1/reporting/breakdowns/colour",
        params={"year": YEAR},
        headers=tokens.headers("analyst"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/path/dimension"
