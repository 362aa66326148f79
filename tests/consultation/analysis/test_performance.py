"""Performance per officer and period, from the visits they served."""

from __future__ import annotations

import uuid
from datetime import timedelta

from tests.consultation.builders import PROBLEM, backdate, check_in, desk_today, objection, step

PERFORMANCE = "/api/v1/consultation/performance"


async def serve(desk, headers, minutes: float, score: int | None) -> None:
    visit = await check_in(desk, headers)
    await step(desk, headers, visit["id"], "start")
    await backdate(desk, visit["id"], {"start": minutes})
    await step(desk, headers, visit["id"], "end", {"outcome": "Selesai"})
    if score is not None:
        await step(desk, headers, visit["id"], "rating", {"score": score})


async def test_figures_per_officer_for_a_period(desk, tokens):
    office = "F" + uuid.uuid4().hex[:5].upper()
    ani = tokens.headers("desk_officer", office=office, username="ani")
    budi = tokens.headers("desk_officer", office=office, username="budi")
    head = tokens.headers("head", office=office)
    await serve(desk, ani, 10, 5)
    await serve(desk, ani, 20, 3)
    await serve(desk, ani, 30, 4)
    await serve(desk, budi, 5, None)
    await check_in(desk, budi)  # waiting: not served
    today = desk_today()
    period = {"from": str(today - timedelta(days=7)), "to": str(today)}
    response = await desk.client.get(PERFORMANCE, params=period, headers=head)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["office"] == office
    first, second = report["items"]
    assert first["officer"] == "ani" and first["visits_served"] == 3
    assert abs(first["average_duration_seconds"] - 1200) <= 3
    assert abs(first["median_duration_seconds"] - 1200) <= 3
    assert first["average_rating"] == 4.0
    assert first["share_rated_4_5"] == round(2 / 3, 4)
    assert second["officer"] == "budi" and second["visits_served"] == 1
    assert second["average_rating"] is None and second["share_rated_4_5"] is None

    own = await desk.client.get(PERFORMANCE, params=period, headers=budi)
    assert [i["officer"] for i in own.json()["items"]] == ["budi"]
    later = {"from": str(today + timedelta(days=1)), "to": str(today + timedelta(days=2))}
    assert (await desk.client.get(PERFORMANCE, params=later, headers=head)).json()["items"] == []


async def test_a_bad_period_is_a_problem(desk, tokens):
    head = tokens.headers("head", office="KAB")
    backwards = await desk.client.get(
        PERFORMANCE, params={"from": "2026-11-10", "to": "2026-11-01"}, headers=head
    )
    assert backwards.status_code == 422 and backwards.headers["content-type"] == PROBLEM
    error = backwards.json()["errors"][0]
    assert error["pointer"] == "#/query/to"
    assert (error["code"], error["params"]) == ("ends_before_start", {"start": "2026-11-10"})
    missing = await desk.client.get(PERFORMANCE, params={"to": "2026-11-01"}, headers=head)
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["pointer"] == "#/query/from"
    garbled = await desk.client.get(
        PERFORMANCE, params={"from": "kemarin", "to": "2026-11-01"}, headers=head
    )
    assert garbled.status_code == 422
    for params, pointer in (
        ({"from": "0001-01-01", "to": "0001-01-02"}, "#/query/from"),
        ({"from": "2026-01-01", "to": "9999-12-31"}, "#/query/to"),
    ):
        edge = await desk.client.get(PERFORMANCE, params=params, headers=head)
        assert edge.status_code == 422 and edge.json()["errors"][0]["pointer"] == pointer
        assert edge.json()["errors"][0]["params"] == {
            "earliest": "2000-01-01",
            "latest": "2100-12-31",
        }
    intake = tokens.headers("intake_officer", office="KAB")
    period = {"from": "2026-11-01", "to": "2026-11-02"}
    assert (await desk.client.get(PERFORMANCE, params=period, headers=intake)).status_code == 403


async def test_what_visitors_come_about(desk, tokens):
    office = "A" + uuid.uuid4().hex[:5].upper()
    officer = tokens.headers("desk_officer", office=office)
    analyst = tokens.headers("analyst", office=office)
    await check_in(desk, officer, description="Syarat kualifikasi tender jalan")
    await check_in(desk, officer, description="Syarat kualifikasi tender jembatan")
    await check_in(desk, officer, **objection(1))
    # Late however the holidays fall: a complaint.
    await check_in(desk, officer, **objection(30))
    today = desk_today()
    response = await desk.client.get(
        "/api/v1/consultation/analysis",
        params={"from": str(today), "to": str(today)},
        headers=analyst,
    )
    assert response.status_code == 200, response.text
    report = response.json()
    counts = {c["category"]: (c["visits"], c["late_objections"]) for c in report["categories"]}
    assert counts == {"consultation": (2, 0), "complaint": (1, 1), "objection": (1, 0)}
    assert {(w["category"], w["visits"]) for w in report["weekly"]} == {
        ("consultation", 2),
        ("complaint", 1),
        ("objection", 1),
    }
    terms = {t["term"]: t["visits"] for t in report["frequent_terms"]}
    assert terms["syarat"] == 2 and terms["kualifikasi"] == 2 and terms["tender"] == 2
    week = str(today - timedelta(days=today.weekday()))
    trend = {(w["week"], w["term"]): w["visits"] for w in report["topic_weekly"]}
    assert trend[(week, "kualifikasi")] == 2 and trend[(week, "keberatan")] == 2
    assert {w["term"] for w in report["topic_weekly"]} == set(terms)
    by_category = {
        c["category"]: {t["term"]: t["visits"] for t in c["terms"]}
        for c in report["frequent_terms_by_category"]
    }
    assert (
        by_category["consultation"]["syarat"] == 2
        and "keberatan" not in by_category["consultation"]
    )
    assert by_category["objection"]["keberatan"] == 1 and "syarat" not in by_category["objection"]
    assert by_category["complaint"]["pemenang"] == 1  # the late objection's words
    too_long = await desk.client.get(
        "/api/v1/consultation/analysis",
        params={"from": "2020-01-01", "to": "2026-01-01"},
        headers=analyst,
    )
    assert too_long.status_code == 422 and too_long.json()["errors"][0]["pointer"] == "#/query/to"
    assert too_long.json()["errors"][0]["code"] == "period_too_long"
    assert too_long.json()["errors"][0]["params"] == {"max_days": 3 * 366}
