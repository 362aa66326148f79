"""Targets and the KPI endpoint's inputs: every bad input a 4xx naming the field."""

from __future__ import annotations

import pytest

from apik_testing.tokens import TestTokens
from tests.reporting.builders import applied, at, kpis, office, publish, registered

PROBLEM = "application/problem+json"


def _pointers(response) -> list[str]:
    assert response.headers["content-type"] == PROBLEM, response.text
    return [e["pointer"] for e in response.json().get("errors", [])]


async def _put(reporting, headers, year, body):
    return await reporting.client.put(
        f"/api/v1/reporting/targets/{year}", json=body, headers=headers
    )


async def test_targets_replace_the_years_set(reporting, tokens: TestTokens):
    code = office()
    head = tokens.headers("head", office=code)
    await _put(reporting, head, 2025, {"office": code, "targets": {"knl_recorded": 250}})
    second = await _put(reporting, head, 2025, {"office": code, "targets": {"lm_registered": 100}})
    assert second.status_code == 200
    assert second.json() == {"year": 2025, "office": code, "targets": {"lm_registered": 100}}
    read = await reporting.client.get(
        "/api/v1/reporting/targets/2025", headers=tokens.headers("analyst", office=code)
    )
    assert read.json()["targets"] == {"lm_registered": 100.0}


@pytest.mark.parametrize(
    ("targets", "pointer", "said"),
    [
        ({"bogus": 1}, "#/body/targets/bogus", "unknown_kpi"),
        ({"knl_recorded": -1}, "#/body/targets/knl_recorded", "out_of_range"),
        ({"closed_within_sla_pct": 120}, "#/body/targets/closed_within_sla_pct", "less_than_equal"),
        ({"desk_avg_rating": 9}, "#/body/targets/desk_avg_rating", "out_of_range"),
        ({"knl_recorded": 10**12}, "#/body/targets/knl_recorded", "out_of_range"),
        ({"knl_recorded": "many"}, "#/body/targets/knl_recorded", "float_parsing"),
        ({"a/b~c": 1}, "#/body/targets/a~1b~0c", "unknown_kpi"),
    ],
)
async def test_bad_targets_are_422_naming_the_indicator(
    reporting, tokens: TestTokens, targets, pointer, said
):
    code = office()
    response = await _put(
        reporting, tokens.headers("head", office=code), 2025, {"office": code, "targets": targets}
    )
    assert response.status_code == 422
    assert pointer in _pointers(response)
    # Each with the code the web app words it by (`api.field.<code>`).
    codes = {e["pointer"]: e["code"] for e in response.json()["errors"]}
    assert codes[pointer] == said


async def test_bad_years_offices_and_bodies_name_the_field(reporting, tokens: TestTokens):
    code = office()
    head = tokens.headers("head", office=code)
    year = await _put(reporting, head, 1850, {"office": code, "targets": {}})
    assert year.status_code == 422 and "#/path/year" in _pointers(year)
    not_a_year = await _put(reporting, head, "soon", {"office": code, "targets": {}})
    assert not_a_year.status_code == 422 and "#/path/year" in _pointers(not_a_year)
    bad_office = await _put(reporting, head, 2025, {"office": "a b", "targets": {}})
    assert bad_office.status_code == 422 and "#/body/office" in _pointers(bad_office)
    missing = await _put(reporting, head, 2025, {"office": code})
    assert missing.status_code == 422 and "#/body/targets" in _pointers(missing)
    no_year = await reporting.client.get("/api/v1/reporting/kpis", headers=head)
    assert no_year.status_code == 422 and "#/query/year" in _pointers(no_year)
    text_year = await reporting.client.get(
        "/api/v1/reporting/kpis", params={"year": "x"}, headers=head
    )
    assert text_year.status_code == 422 and "#/query/year" in _pointers(text_year)


async def test_who_may_set_and_read(reporting, tokens: TestTokens):
    code, other = office(), office()
    body = {"office": code, "targets": {"knl_recorded": 1}}
    analyst = await _put(reporting, tokens.headers("analyst", office=code), 2025, body)
    assert analyst.status_code == 403 and analyst.headers["content-type"] == PROBLEM
    elsewhere = await _put(reporting, tokens.headers("head", office=other), 2025, body)
    assert elsewhere.status_code == 403 and "#/body/office" in _pointers(elsewhere)
    national = await _put(reporting, tokens.headers("head", "national", office="PUSAT"), 2025, body)
    assert national.status_code == 200
    # An admin is its own office's: only the national role sets another office's.
    admin = await _put(reporting, tokens.headers("admin", office="PUSAT"), 2025, body)
    assert admin.status_code == 403 and "#/body/office" in _pointers(admin)
    desk = await reporting.client.get(
        "/api/v1/reporting/kpis", params={"year": 2025}, headers=tokens.headers("desk_officer")
    )
    assert desk.status_code == 403
    peek = await reporting.client.get(
        "/api/v1/reporting/kpis",
        params={"year": 2025, "office": code},
        headers=tokens.headers("analyst", office=other),
    )
    assert peek.status_code == 403 and "#/query/office" in _pointers(peek)
    assert peek.json()["errors"][0]["code"] == "own_office_only"
    anonymous = await reporting.client.get("/api/v1/reporting/kpis", params={"year": 2025})
    assert anonymous.status_code == 401


async def test_national_callers_see_every_office_together(infra, reporting, tokens: TestTokens):
    first, second = office(), office()
    events = [registered(first, at(2031)), registered(second, at(2031))]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    for code in (first, second):
        await _put(
            reporting,
            tokens.headers("head", office=code),
            2031,
            {"office": code, "targets": {"lm_registered": 1, "desk_avg_rating": 4}},
        )
    national = tokens.headers("analyst", "national", office="PUSAT")
    together = await kpis(reporting, national, year=2031)
    # Other tests may use 2031 too; this test's two offices are part of the whole.
    assert together["lm_registered"]["achieved"] >= 2
    assert together["lm_registered"]["target"] >= 2
    assert together["desk_avg_rating"]["target"] is None  # averages do not add up
    one = await kpis(reporting, national, year=2031, office=first)
    assert one["lm_registered"]["achieved"] == 1 and one["lm_registered"]["target"] == 1


async def test_the_api_documents_its_routes_and_exports(reporting):
    response = await reporting.client.get("/api/v1/reporting/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {
        "/api/v1/reporting/targets/{year}",
        "/api/v1/reporting/kpis",
        "/api/v1/reporting/breakdowns/{dimension}",
        "/api/v1/reporting/staff",
        "/api/v1/reporting/rollup",
        "/api/v1/reporting/annual-report/{year}.pdf",
        "/api/v1/reporting/internship",
        "/api/v1/reporting/prevention",
    } <= set(paths)
    kpis = paths["/api/v1/reporting/kpis"]["get"]
    # Generated from where the endpoint lives: apik_reporting.kpis.router.get_kpis.
    assert kpis["operationId"] == "reporting_kpis_get_kpis"
    ids = [op["operationId"] for item in paths.values() for op in item.values()]
    assert len(ids) == len(set(ids))
    features = ("kpis", "breakdowns", "staff", "annual_report", "internship", "prevention")
    assert all(any(i.startswith(f"reporting_{f}_") for f in features) for i in ids), ids
    assert "text/csv" in kpis["responses"]["200"]["content"]


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        ({"office": "{code}\x00", "targets": {"knl_recorded": 1}}, "#/body/office"),
        ({"office": "{code}", "targets": {"knl_\x00recorded": 1}}, "#/body/targets"),
    ],
    ids=["office", "target code"],
)
async def test_nul_in_a_text_field_is_422_naming_it_and_nothing_is_stored(
    reporting, tokens: TestTokens, body, pointer
):
    code = office()
    head = tokens.headers("head", office=code)
    sent = {"office": body["office"].format(code=code), "targets": body["targets"]}
    response = await _put(reporting, head, 2025, sent)
    assert response.status_code == 422
    assert pointer in _pointers(response)
    read = await reporting.client.get("/api/v1/reporting/targets/2025", headers=head)
    assert read.status_code == 200 and read.json()["targets"] == {}
