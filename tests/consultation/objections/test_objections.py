"""Objections (sanggahan): the filing term, late ones as complaints, due and overdue answers,
the appeal; periods end on the office's working days (the test office KAB is unknown to
the desk: the national calendar in WIB)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from apik_consultation.app import create_app
from apik_consultation.settings import Settings
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_testing.infra import TestInfra
from apik_testing.services import RunningService, running, service_settings
from apik_testing.services import test_keyring as keyring
from apik_testing.tokens import TestTokens
from tests.consultation.builders import (
    OBJECTIONS,
    PROBLEM,
    VISITS,
    check_in,
    desk_today,
    objection,
    visit_body,
)

NATIONAL = OfficeCalendar()


def period_end(start: date, days: int) -> date:
    """`days` calendar days after `start`, or the next working day if that one is off."""
    return NATIONAL.next_working_day(start + timedelta(days=days), include_today=True)


async def test_an_objection_in_time_gets_an_answer_deadline(desk, officer):
    visit = await check_in(desk, officer, **objection(5))
    assert visit["category"] == visit["requested_category"] == "objection"
    # Three days from the end of the filing period (announcement + 5), not from filing.
    filing_ends = period_end(desk_today() - timedelta(days=5), 5)
    assert visit["answer_due"] == str(period_end(filing_ends, 3))
    assert visit["answer_state"] == "due"


def days_ago_too_late() -> int:
    """The most recent announcement whose filing period (rolled to a working day) ended
    before today: 6 days ago unless yesterday was a day off."""
    days = 6
    while period_end(desk_today() - timedelta(days=days), 5) >= desk_today():
        days += 1
    return days


async def test_a_late_objection_is_accepted_as_a_complaint(desk, officer):
    visit = await check_in(desk, officer, **objection(days_ago_too_late()))
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
    assert early.json()["code"] == "objection_not_answered"
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
    assert filed.json()["appeal_answer_due"] == str(period_end(desk_today(), 14))
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
            # A month back: past the five days however the holidays fall.
            text("UPDATE visit SET answered_at = now() - interval '30 days' WHERE id = :id"),
            {"id": uuid.UUID(visit["id"])},
        )
        await session.commit()
    late = await desk.client.post(
        f"{url}/appeal", json={"guarantee": 100, "estimate": 100}, headers=officer
    )
    assert late.status_code == 409 and late.json()["type"] == "/problems/appeal-too-late"
    shown = (await desk.client.get(url, headers=officer)).json()
    assert shown["appealed_at"] is None


@pytest.fixture(scope="module")
async def construction_only_desk(
    infra: TestInfra, tokens: TestTokens
) -> AsyncIterator[RunningService]:
    settings = await service_settings(
        Settings,
        infra,
        "apik_consultation",
        pii_keys=keyring(),
        appeal_construction_only=True,
    )
    async with running(create_app(settings), tokens) as service:
        yield service


async def test_appeals_are_open_to_every_tender_by_default(desk, officer):
    visit = await check_in(desk, officer, **objection(1))
    url = f"{VISITS}/{visit['id']}"
    await desk.client.post(f"{url}/answer", json={"answer": "Ditolak"}, headers=officer)
    goods = {"guarantee": 100, "estimate": 100, "construction": False}
    filed = await desk.client.post(f"{url}/appeal", json=goods, headers=officer)
    assert filed.status_code == 200, filed.text
    step = (
        "SELECT details->>'construction' FROM visit_step WHERE visit_id = :id AND step = 'appeal'"
    )
    assert await desk.scalar(step, id=uuid.UUID(visit["id"])) == "false"


async def test_an_office_may_take_appeals_on_construction_tenders_only(
    construction_only_desk, officer
):
    desk = construction_only_desk
    visit = await check_in(desk, officer, **objection(1))
    url = f"{VISITS}/{visit['id']}"
    await desk.client.post(f"{url}/answer", json={"answer": "Ditolak"}, headers=officer)
    for body in ({}, {"construction": False}):
        refused = await desk.client.post(
            f"{url}/appeal", json={"guarantee": 100, "estimate": 100, **body}, headers=officer
        )
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"] == PROBLEM
        assert refused.json()["errors"][0]["pointer"] == "#/body/construction"
        assert (await desk.client.get(url, headers=officer)).json()["appealed_at"] is None
    works = {"guarantee": 100, "estimate": 100, "construction": True}
    filed = await desk.client.post(f"{url}/appeal", json=works, headers=officer)
    assert filed.status_code == 200, filed.text
    assert filed.json()["appeal_answer_due"] == str(period_end(desk_today(), 14))
