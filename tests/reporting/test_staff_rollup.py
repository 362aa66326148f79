"""Staff activity per person, and the national roll-up of every office."""

from __future__ import annotations

import csv
import io

from apik_shared.testing.tokens import TestTokens
from tests.reporting.builders import (
    applied,
    at,
    kpis,
    office,
    publish,
    registered,
    verified,
    year_of_activity,
)

YEAR = 2025


async def test_staff_activity_per_person(infra, reporting, tokens: TestTokens):
    code = office()
    events = year_of_activity(code, YEAR)
    extra = registered(code, at(YEAR, 5))
    events += [extra, verified(extra, at(YEAR, 6), decided_by="wakil")]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    response = await reporting.client.get(
        "/api/v1/reporting/staff",
        params={"year": YEAR},
        headers=tokens.headers("analyst", office=code),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    people = {row["person"]: row for row in body["items"]}
    assert people["kepala"]["reports_verified"] == 3
    assert people["wakil"]["reports_verified"] == 1
    assert people["pvl1"]["consultations_answered"] == 3
    assert people["riksa1"]["cases_closed"] == 2
    assert people["amer1"] == {
        "person": "amer1",
        "reports_verified": 0,
        "reports_rejected": 0,
        "consultations_answered": 0,
        "cases_closed": 0,
        "visits_served": 1,
        "desk_avg_rating": 5.0,
    }
    assert people["amer2"]["desk_avg_rating"] == 4.0
    assert "decided_by" in body["definition"]
    as_csv = await reporting.client.get(
        "/api/v1/reporting/staff",
        params={"year": YEAR},
        headers={**tokens.headers("analyst", office=code), "Accept": "text/csv"},
    )
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [r["person"] for r in rows] == [row["person"] for row in body["items"]]
    assert rows[0]["visits_served"] == str(body["items"][0]["visits_served"])


async def test_the_rollup_sets_offices_side_by_side(infra, reporting, tokens: TestTokens):
    first, second = office(), office()
    events = [*year_of_activity(first, YEAR), registered(second, at(YEAR, 2))]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    national = tokens.headers("analyst", "national", office="PUSAT")
    response = await reporting.client.get(
        "/api/v1/reporting/rollup", params={"year": YEAR}, headers=national
    )
    assert response.status_code == 200, response.text
    rows = {row["office"]: row for row in response.json()["items"]}
    mine = await kpis(reporting, tokens.headers("head", office=first), year=YEAR)
    assert {k: v for k, v in rows[first].items() if k != "office"} == {
        code: item["achieved"] for code, item in mine.items()
    }
    assert rows[second]["lm_registered"] == 1 and rows[second]["reports_closed"] == 0
    together = await kpis(reporting, national, year=YEAR)
    assert rows["national"]["lm_registered"] == together["lm_registered"]["achieved"]
    assert rows["national"]["lm_registered"] >= 6

    one_office = await reporting.client.get(
        "/api/v1/reporting/rollup", params={"year": YEAR}, headers=tokens.headers("head")
    )
    assert one_office.status_code == 403
