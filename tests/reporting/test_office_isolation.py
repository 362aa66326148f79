"""Offices stay apart (issue 16, item 4): an admin or head of one office can neither
replace another office's targets nor read its figures; only the national role spans
offices. Each test performs the attack as the issue found it: an admin of office B
(admin passes every role check) against office A."""

from __future__ import annotations

from apik_testing.tokens import TestTokens
from tests.reporting.builders import applied, kpis, office, publish, year_of_activity

YEAR = 2025
PROBLEM = "application/problem+json"


async def test_another_offices_admin_cannot_replace_its_targets(reporting, tokens: TestTokens):
    victim, attacker = office(), office()
    url = f"/api/v1/reporting/targets/{YEAR}"
    head = tokens.headers("head", office=victim)
    agreed = {"office": victim, "targets": {"lm_registered": 40, "reports_closed": 30}}
    assert (await reporting.client.put(url, json=agreed, headers=head)).status_code == 200

    admin_b = tokens.headers("admin", "head", office=attacker)
    forged = {"office": victim, "targets": {"lm_registered": 1}}
    response = await reporting.client.put(url, json=forged, headers=admin_b)

    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["pointer"] == "#/body/office"
    kept = await reporting.client.get(url, params={"office": victim}, headers=head)
    assert kept.json()["targets"] == {"lm_registered": 40, "reports_closed": 30}


async def test_another_offices_admin_reads_none_of_its_figures(
    infra, reporting, tokens: TestTokens
):
    victim, attacker = office(), office()
    events = year_of_activity(victim, YEAR)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    admin_b = tokens.headers("admin", "head", "analyst", office=attacker)
    year = {"year": YEAR, "office": victim}
    reads = {
        "/api/v1/reporting/kpis": year,
        "/api/v1/reporting/staff": year,
        f"/api/v1/reporting/targets/{YEAR}": {"office": victim},
        f"/api/v1/reporting/annual-report/{YEAR}.pdf": {"office": victim},
        "/api/v1/reporting/breakdowns/substance": year,
        "/api/v1/reporting/rollup": {"year": YEAR},
        "/api/v1/reporting/internship": year,
    }
    for path, params in reads.items():
        for accept in ("application/json", "text/csv"):
            response = await reporting.client.get(
                path, params=params, headers={**admin_b, "Accept": accept}
            )
            assert response.status_code in (403, 404), (path, accept, response.status_code)
            assert response.headers["content-type"] == PROBLEM, path

    # Naming no office is the caller's own office, never every office together.
    own = await kpis(reporting, admin_b, year=YEAR)
    assert own["lm_registered"]["achieved"] == 0


async def test_the_national_role_still_sees_another_office(infra, reporting, tokens):
    victim = office()
    events = year_of_activity(victim, YEAR)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    national = tokens.headers("analyst", "national", office="PUSAT")
    seen = await kpis(reporting, national, year=YEAR, office=victim)
    assert seen["lm_registered"]["achieved"] == 5
    staff = await reporting.client.get(
        "/api/v1/reporting/staff", params={"year": YEAR, "office": victim}, headers=national
    )
    assert staff.status_code == 200 and staff.json()["items"]
