"""Objections (sanggahan): the filing term, late ones as complaints, due and overdue answers."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import text

from apik_testing.services import RunningService
from tests.consultation.builders import (
    OBJECTIONS,
    PROBLEM,
    VISITS,
    check_in,
    desk_today,
    objection,
    visit_body,
)


async def test_an_objection_in_time_gets_an_answer_deadline(desk, officer):
    visit = await check_in(desk, officer, **objection(5))
    assert visit["category"] == visit["requested_category"] == "objection"
    assert visit["answer_due"] == str(desk_today() + timedelta(days=3))
    assert visit["answer_state"] == "due"


async def test_a_late_objection_is_accepted_as_a_complaint(desk, officer):
    visit = await check_in(desk, officer, **objection(6))
    assert visit["requested_category"] == "objection"
    assert visit["category"] == "complaint"
    assert visit["answer_due"] is None and visit["answer_state"] is None


async def test_bad_objections_are_refused_and_change_nothing(desk, officer):
    counts = (
        "SELECT (SELECT count(*) FROM visit) || '/' || (SELECT count(*) FROM visit_step)"
        " || '/' || (SELECT coalesce(sum(last), 0) FROM ticket_counter)"
    )
    before = await desk.scalar(counts)
    cases = {
        "#/body/announced_on": objection(-1),  # announced tomorrow
        "#/body/tender_reference": objection(1, tender_reference=None),
    }
    missing_date = objection(1)
    del missing_date["announced_on"]
    cases_list = [*cases.items(), ("#/body/announced_on", missing_date)]
    not_an_objection = visit_body(tender_reference="PKT-1")
    cases_list.append(("#/body/tender_reference", not_an_objection))
    for pointer, body in cases_list:
        response = await desk.client.post(VISITS, json=body, headers=officer)
        assert response.status_code == 422, (pointer, response.text)
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["errors"][0]["pointer"] == pointer
    # No visit, no step, and no queue ticket used up.
    assert await desk.scalar(counts) == before


async def set_due(desk: RunningService, visit_id: str, days_from_today: int) -> None:
    async with desk.app.state.database.sessions() as session:
        await session.execute(
            text("UPDATE visit SET answer_due = :d WHERE id = :id"),
            {"d": desk_today() + timedelta(days=days_from_today), "id": uuid.UUID(visit_id)},
        )
        await session.commit()


async def test_due_and_overdue_answers_are_listed(desk, tokens):
    office = "S" + uuid.uuid4().hex[:5].upper()
    headers = tokens.headers("desk_officer", office=office)
    due = await check_in(desk, headers, **objection(1))
    overdue = await check_in(desk, headers, **objection(2))
    answered = await check_in(desk, headers, **objection(3))
    await check_in(desk, headers)  # a consultation: never listed
    await set_due(desk, overdue["id"], -1)
    response = await desk.client.post(
        f"{VISITS}/{answered['id']}/answer", json={"answer": "Sanggahan ditolak"}, headers=headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["answer_state"] == "answered"
    again = await desk.client.post(
        f"{VISITS}/{answered['id']}/answer", json={"answer": "lagi"}, headers=headers
    )
    assert again.status_code == 409

    async def listed(**params: str) -> list[tuple[str, str]]:
        page = await desk.client.get(OBJECTIONS, params=params, headers=headers)
        assert page.status_code == 200, page.text
        return [(v["id"], v["answer_state"]) for v in page.json()["items"]]

    assert await listed() == [(overdue["id"], "overdue"), (due["id"], "due")]
    assert await listed(state="due") == [(due["id"], "due")]
    assert await listed(state="overdue") == [(overdue["id"], "overdue")]
    bad = await desk.client.get(OBJECTIONS, params={"state": "late"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["errors"][0]["pointer"] == "#/query/state"


async def test_only_objections_are_answered(desk, officer):
    visit = await check_in(desk, officer)
    response = await desk.client.post(
        f"{VISITS}/{visit['id']}/answer", json={"answer": "x"}, headers=officer
    )
    assert response.status_code == 409 and response.json()["type"] == "/problems/not-an-objection"


async def test_an_appeal_follows_the_answer_and_is_answered_in_fourteen_days(desk, tokens):
    office = "G" + uuid.uuid4().hex[:5].upper()
    headers = tokens.headers("desk_officer", office=office)
    visit = await check_in(desk, headers, **objection(1))
    url = f"{VISITS}/{visit['id']}"
    appeal = {"guarantee": 10_000_000, "estimate": 1_000_000_000}
    early = await desk.client.post(f"{url}/appeal", json=appeal, headers=headers)
    assert early.status_code == 409 and early.json()["type"] == "/problems/not-answered"
    await desk.client.post(f"{url}/answer", json={"answer": "Ditolak"}, headers=headers)
    short = await desk.client.post(
        f"{url}/appeal", json={**appeal, "guarantee": 9_999_999}, headers=headers
    )
    assert short.status_code == 422 and short.json()["errors"][0]["pointer"] == "#/body/guarantee"
    huge = await desk.client.post(
        f"{url}/appeal", json={**appeal, "estimate": 10**30}, headers=headers
    )
    assert huge.status_code == 422 and huge.json()["errors"][0]["pointer"] == "#/body/estimate"
    filed = await desk.client.post(f"{url}/appeal", json=appeal, headers=headers)
    assert filed.status_code == 200, filed.text
    assert filed.json()["appeal_answer_due"] == str(desk_today() + timedelta(days=14))
    assert filed.json()["appeal_state"] == "due"
    again = await desk.client.post(f"{url}/appeal", json=appeal, headers=headers)
    assert again.status_code == 409

    async def appeals() -> list[str]:
        page = await desk.client.get(OBJECTIONS, params={"stage": "appeal"}, headers=headers)
        return [v["id"] for v in page.json()["items"]]

    assert await appeals() == [visit["id"]]
    answered = await desk.client.post(
        f"{url}/appeal-answer", json={"answer": "Banding ditolak"}, headers=headers
    )
    assert answered.status_code == 200 and answered.json()["appeal_state"] == "answered"
    assert await appeals() == []


async def test_an_appeal_after_its_term_is_refused(desk, officer):
    visit = await check_in(desk, officer, **objection(1))
    url = f"{VISITS}/{visit['id']}"
    await desk.client.post(f"{url}/answer", json={"answer": "Ditolak"}, headers=officer)
    async with desk.app.state.database.sessions() as session:
        await session.execute(
            text("UPDATE visit SET answered_at = now() - interval '6 days' WHERE id = :id"),
            {"id": uuid.UUID(visit["id"])},
        )
        await session.commit()
    late = await desk.client.post(
        f"{url}/appeal", json={"guarantee": 100, "estimate": 100}, headers=officer
    )
    assert late.status_code == 409 and late.json()["type"] == "/problems/appeal-too-late"
    shown = (await desk.client.get(url, headers=officer)).json()
    assert shown["appealed_at"] is None
