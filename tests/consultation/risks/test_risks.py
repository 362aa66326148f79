"""The procurement risk register: levels, the heat map, overdue reviews."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from apik_consultation.risks import rules
from apik_consultation.risks.rules import RiskLevel, RiskStatus
from tests.consultation.builders import PROBLEM, RISKS, desk_today, risk_body


@pytest.mark.parametrize(
    ("likelihood", "impact", "level"),
    [
        (1, 1, RiskLevel.low),
        (2, 2, RiskLevel.low),
        (1, 5, RiskLevel.medium),
        (3, 3, RiskLevel.medium),
        (2, 5, RiskLevel.high),
        (4, 4, RiskLevel.high),
        (4, 5, RiskLevel.extreme),
        (5, 5, RiskLevel.extreme),
    ],
)
def test_risk_levels(likelihood, impact, level):
    assert rules.risk_level(likelihood, impact) is level
    assert rules.risk_level(impact, likelihood) is level  # the matrix is symmetric


def test_out_of_range_is_refused():
    for pair in ((0, 3), (3, 6)):
        with pytest.raises(ValueError):
            rules.risk_level(*pair)


def test_heat_map_has_every_cell_top_row_first():
    cells = rules.heat_map([(2, 5), (2, 5), (4, 1)])
    assert len(cells) == 25
    assert (cells[0].likelihood, cells[0].impact) == (1, 5)
    assert (cells[-1].likelihood, cells[-1].impact) == (5, 1)
    counts = {(c.likelihood, c.impact): c.count for c in cells}
    assert counts[(2, 5)] == 2 and counts[(4, 1)] == 1 and sum(counts.values()) == 3


def test_review_overdue():
    today = date(2026, 11, 24)
    assert rules.review_overdue(review_on=date(2026, 11, 23), today=today, status=RiskStatus.open)
    assert not rules.review_overdue(review_on=today, today=today, status=RiskStatus.open)
    assert not rules.review_overdue(
        review_on=date(2026, 1, 1), today=today, status=RiskStatus.closed
    )


async def test_register_change_map_and_review(desk, tokens):
    office = "R" + uuid.uuid4().hex[:5].upper()
    keeper = tokens.headers("desk_supervisor", office=office)
    analyst = tokens.headers("analyst", office=office)
    created = await desk.client.post(RISKS, json=risk_body(), headers=keeper)
    assert created.status_code == 201, created.text
    risk = created.json()
    assert risk["level"] == "high" and risk["status"] == "open" and not risk["review_overdue"]
    stale = str(desk_today() - timedelta(days=1))
    late = await desk.client.post(RISKS, json=risk_body(review_on=stale), headers=keeper)
    closed = await desk.client.post(
        RISKS, json=risk_body(review_on=stale, status="closed", impact=1), headers=keeper
    )
    assert late.json()["review_overdue"] is True and closed.json()["review_overdue"] is False

    url = f"{RISKS}/{risk['id']}"
    stale_tag = await desk.client.patch(
        url, json={"likelihood": 5}, headers={**keeper, "If-Match": '"9"'}
    )
    assert stale_tag.status_code == 412
    changed = await desk.client.patch(
        url, json={"likelihood": 5, "status": "mitigating"}, headers={**keeper, "If-Match": '"1"'}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["level"] == "extreme" and changed.json()["status"] == "mitigating"
    assert changed.headers["etag"] == '"2"'

    heat = (await desk.client.get(f"{RISKS}/heat-map", headers=analyst)).json()
    counts = {(c["likelihood"], c["impact"]): c["count"] for c in heat["cells"]}
    assert counts[(5, 4)] == 1 and counts[(3, 4)] == 1 and sum(counts.values()) == 2

    overdue = await desk.client.get(RISKS, params={"review_overdue": "true"}, headers=analyst)
    assert [r["id"] for r in overdue.json()["items"]] == [late.json()["id"]]
    extreme = await desk.client.get(RISKS, params={"level": "extreme"}, headers=analyst)
    assert [r["id"] for r in extreme.json()["items"]] == [risk["id"]]


async def test_bad_risks_are_refused_and_change_nothing(desk, tokens):
    office = "B" + uuid.uuid4().hex[:5].upper()
    keeper = tokens.headers("head", office=office)
    for field, value in (("likelihood", 0), ("impact", 6), ("review_on", "besok"), ("status", "x")):
        response = await desk.client.post(RISKS, json=risk_body(**{field: value}), headers=keeper)
        assert response.status_code == 422 and response.headers["content-type"] == PROBLEM
        assert response.json()["errors"][0]["pointer"] == f"#/body/{field}"
    officer = tokens.headers("desk_officer", office=office)
    assert (await desk.client.post(RISKS, json=risk_body(), headers=officer)).status_code == 403
    created = (await desk.client.post(RISKS, json=risk_body(), headers=keeper)).json()
    blanked = await desk.client.patch(
        f"{RISKS}/{created['id']}", json={"title": None}, headers=keeper
    )
    assert blanked.status_code == 422
    assert blanked.json()["errors"][0]["pointer"] == "#/body/title"
    same = (await desk.client.get(f"{RISKS}/{created['id']}", headers=keeper)).json()
    assert same["title"] == created["title"] and same["version"] == 1
    listed = (await desk.client.get(RISKS, headers=keeper)).json()["items"]
    assert [r["id"] for r in listed] == [created["id"]]
    elsewhere = tokens.headers("head", office="JKT")
    assert (await desk.client.get(f"{RISKS}/{created['id']}", headers=elsewhere)).status_code == 404


async def test_a_replayed_registration_carries_location_and_etag(desk, tokens):
    keeper = tokens.headers("desk_supervisor", office="KAB")
    headers = {**keeper, "Idempotency-Key": uuid.uuid4().hex}
    body = risk_body(title="Kunci idempoten risiko")
    first = await desk.client.post(RISKS, json=body, headers=headers)
    again = await desk.client.post(RISKS, json=body, headers=headers)
    assert first.status_code == again.status_code == 201, first.text
    assert again.headers.get("idempotent-replayed") == "true"
    assert first.json() == again.json()
    assert (
        first.headers["location"] == again.headers["location"] == (f"{RISKS}/{first.json()['id']}")
    )
    assert first.headers["etag"] == again.headers["etag"] == '"1"'
    # The replayed ETag is good for a write, as the first one would have been.
    changed = await desk.client.patch(
        again.headers["location"],
        json={"impact": 1},
        headers={**keeper, "If-Match": again.headers["etag"]},
    )
    assert changed.status_code == 200, changed.text


async def test_control_characters_in_any_text_of_a_risk_are_refused_by_field(desk, tokens):
    office = "N" + uuid.uuid4().hex[:5].upper()
    keeper = tokens.headers("desk_supervisor", office=office)
    fields = ("title", "description", "tender_reference", "mitigation", "owner")
    for field in fields:
        body = risk_body(**{field: "Pokja\u0000 2"})
        response = await desk.client.post(RISKS, json=body, headers=keeper)
        assert response.status_code == 422, (field, response.text)
        assert response.headers["content-type"] == PROBLEM
        assert [e["pointer"] for e in response.json()["errors"]] == [f"#/body/{field}"]
    assert (await desk.client.get(RISKS, headers=keeper)).json()["items"] == []
