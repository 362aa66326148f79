"""Staff activity per person, and the national roll-up of every office."""

from __future__ import annotations

import csv
import io

from apik_testing.tokens import TestTokens
from tests.reporting.builders import (
    applied,
    at,
    closed,
    consultation,
    kpis,
    office,
    opened,
    publish,
    register_office,
    registered,
    verified,
    visit,
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
    # These events name usernames only (as older events do): each stands for its person.
    assert people["amer1"] == {
        "person": "amer1",
        "username": "amer1",
        "reports_verified": 0,
        "reports_rejected": 0,
        "consultations_answered": 0,
        "cases_closed": 0,
        "visits_served": 1,
        "desk_avg_rating": 5.0,
    }
    assert people["amer2"]["desk_avg_rating"] == 4.0
    assert "decided_by" in body["definition"]
    assert body["definition_en"] == body["definition"]
    assert body["definition_id"].startswith("Per orang, pekerjaan pada tahun itu")
    as_csv = await reporting.client.get(
        "/api/v1/reporting/staff",
        params={"year": YEAR},
        headers={**tokens.headers("analyst", office=code), "Accept": "text/csv"},
    )
    # The export's headers are Indonesian; a BOM first, for spreadsheets.
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert [r["Pegawai (subjek)"] for r in rows] == [row["person"] for row in body["items"]]
    assert rows[0]["Kunjungan dilayani"] == str(body["items"][0]["visits_served"])


async def test_one_person_is_one_row_whichever_service_names_them(
    infra, reporting, tokens: TestTokens
):
    """Intake names people by username and subject, examination by subject, the desk by
    username and (when the officer rated) subject: one person, one row, by subject."""
    code = office()
    report = registered(code, at(YEAR, 2))
    handoff = verified(report, at(YEAR, 3), decided_by="sari", decided_by_subject="user:s-1")
    case = opened(handoff, at(YEAR, 3))
    events = [report, handoff, case, closed(case, at(YEAR, 5), examiner="user:s-1")]
    events += consultation(code, at(YEAR, 4), by="sari", subject="user:s-1")
    # Rated by a supervisor: the desk knew the officer by username only.
    events.append(visit(code, at(YEAR, 6), officer="sari", rating=4))
    events.append(visit(code, at(YEAR, 7), officer="sari", rating=5, officer_subject="user:s-1"))
    events.append(visit(code, at(YEAR, 8), officer="budi", rating=3))  # never seen by subject
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    response = await reporting.client.get(
        "/api/v1/reporting/staff",
        params={"year": YEAR},
        headers=tokens.headers("head", office=code),
    )
    assert response.status_code == 200, response.text
    assert response.json()["items"] == [
        {
            "person": "budi",
            "username": "budi",
            "reports_verified": 0,
            "reports_rejected": 0,
            "consultations_answered": 0,
            "cases_closed": 0,
            "visits_served": 1,
            "desk_avg_rating": 3.0,
        },
        {
            "person": "user:s-1",
            "username": "sari",
            "reports_verified": 1,
            "reports_rejected": 0,
            "consultations_answered": 1,
            "cases_closed": 1,
            "visits_served": 2,
            "desk_avg_rating": 4.5,
        },
    ]


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
    assert response.json()["definition_id"].startswith("Capaian setiap kantor pada tahun itu")
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


async def test_the_rollup_export_names_the_offices(infra, reporting, tokens: TestTokens):
    """The JSON keeps office codes; the CSV a head signs names each office as the registry
    has it (one the registry has not heard of keeps its code)."""
    known, unheard = office(), office()
    await register_office(reporting, infra.nats_url, known)
    events = [registered(known, at(YEAR, 3)), registered(unheard, at(YEAR, 3))]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    national = tokens.headers("analyst", "national", office="PUSAT")
    as_csv = await reporting.client.get(
        "/api/v1/reporting/rollup",
        params={"year": YEAR},
        headers={**national, "Accept": "text/csv"},
    )
    assert as_csv.status_code == 200, as_csv.text
    [header, *lines] = list(csv.reader(io.StringIO(as_csv.text.removeprefix("\ufeff"))))
    offices = {line[0] for line in lines}
    assert header[0] == "Kantor"
    assert f"Perwakilan {known}" in offices  # the name register_office gives it
    assert known not in offices
    assert unheard in offices and "Nasional" in offices
    as_json = await reporting.client.get(
        "/api/v1/reporting/rollup", params={"year": YEAR}, headers=national
    )
    assert {known, unheard} <= {row["office"] for row in as_json.json()["items"]}
