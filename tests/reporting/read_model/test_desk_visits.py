"""Desk visits in the read model: a visit counts once its service ends (`visit.ended`),
rated or not, and its rating (`visit.completed`) joins the same visit once, whatever the
order the two arrive in and however often; a `visit.completed` alone (the stream before
`visit.ended` existed) counts as it always did."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import text

from apik_reporting.read_model.service import monthly
from apik_reporting.read_model.service.projection import project
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.reporting.builders import (
    applied,
    at,
    event,
    eventually,
    kpis,
    office,
    publish,
    rated,
    served,
    visit,
)
from tests.reporting.streams import pending

YEAR = 2027
DESK = ("desk_visits", "desk_avg_duration_minutes", "desk_avg_rating")
ROWS = """
SELECT visit_id, category, officer, officer_subject, duration_seconds, rating,
       checked_in_at, visited_on, completed_at
FROM visit_fact WHERE office = :o ORDER BY checked_in_at
"""


async def desk_figures(reporting: RunningService, tokens: TestTokens, code: str) -> dict[str, Any]:
    items = await kpis(reporting, tokens.headers("head", office=code), year=YEAR)
    return {name: items[name]["achieved"] for name in DESK}


async def staff(reporting: RunningService, tokens: TestTokens, code: str) -> dict[str, dict]:
    response = await reporting.client.get(
        "/api/v1/reporting/staff",
        params={"year": YEAR},
        headers=tokens.headers("analyst", office=code),
    )
    assert response.status_code == 200, response.text
    return {row["person"]: row for row in response.json()["items"]}


async def rows(reporting: RunningService, code: str) -> list[dict[str, Any]]:
    async with reporting.app.state.database.sessions() as session:
        found = await session.execute(text(ROWS), {"o": code})
        return [dict(row._mapping) for row in found]


async def drained(reporting: RunningService) -> None:
    """Copies published under other message ids sit behind the originals: wait until
    the consumer has nothing left to deliver."""
    await eventually(lambda: pending(reporting), lambda n: n == 0)


async def test_an_unrated_visit_counts_and_a_later_rating_joins_it(
    infra, reporting, tokens: TestTokens
):
    code = office()
    left = served(code, at(YEAR, 3), minutes=12, officer_subject="user:a-1")  # never rated
    later = served(code, at(YEAR, 4), minutes=20, officer_subject="user:a-1")
    await publish(infra.nats_url, left, later)
    await applied(reporting, left, later)
    assert await desk_figures(reporting, tokens, code) == {
        "desk_visits": 2,
        "desk_avg_duration_minutes": 16.0,
        "desk_avg_rating": None,
    }
    officer = (await staff(reporting, tokens, code))["user:a-1"]
    assert officer["username"] == "amer1"
    assert (officer["visits_served"], officer["desk_avg_rating"]) == (2, None)

    # The visitor of the second visit rates it; a supervisor enters it (no subject).
    rating = rated(later, 4)
    await publish(infra.nats_url, rating)
    await applied(reporting, rating)
    assert await desk_figures(reporting, tokens, code) == {
        "desk_visits": 2,
        "desk_avg_duration_minutes": 16.0,
        "desk_avg_rating": 4.0,
    }
    officer = (await staff(reporting, tokens, code))["user:a-1"]
    assert (officer["visits_served"], officer["desk_avg_rating"]) == (2, 4.0)
    first, second = await rows(reporting, code)
    assert first["visit_id"] == left.subject
    assert first["rating"] is None and first["completed_at"] is None
    assert second["visit_id"] == later.subject and second["rating"] == 4
    # The completion took nothing from the end: the officer's subject stays.
    assert second["officer_subject"] == "user:a-1"
    assert second["completed_at"] == datetime.fromisoformat(rating.data["completed_at"])
    assert second["duration_seconds"] == 20 * 60


async def test_a_completion_before_its_end_or_twice_gives_one_visit(
    infra, reporting, tokens: TestTokens
):
    """Two offices, the same visits: one gets them in order, the other the completion
    first and every event a second time (past the stream's deduplication)."""
    in_order, shuffled = office(), office()
    results = []
    for code in (in_order, shuffled):
        rated_visit = served(code, at(YEAR, 5), minutes=25, officer_subject="user:b-2")
        unrated = served(code, at(YEAR, 6), minutes=5, officer="amer2")
        events = [rated_visit, rated(rated_visit, 2), unrated]
        if code == shuffled:
            events = [events[1], events[0], events[2]]
        await publish(infra.nats_url, *events)
        if code == shuffled:
            for e in events:
                await publish(infra.nats_url, e, msg_id=f"again-{e.id}")
        await applied(reporting, *events)
        await drained(reporting)
        figures = await desk_figures(reporting, tokens, code)
        found = await rows(reporting, code)
        for row in found:
            del row["visit_id"]
        results.append((figures, found))
    assert results[0] == results[1]
    figures, found = results[0]
    assert figures == {"desk_visits": 2, "desk_avg_duration_minutes": 15.0, "desk_avg_rating": 2}
    assert [row["rating"] for row in found] == [2, None]
    assert [row["officer_subject"] for row in found] == ["user:b-2", None]
    assert [row["completed_at"] is not None for row in found] == [True, False]


async def test_a_completion_whose_end_never_came_counts_the_visit(
    infra, reporting, tokens: TestTokens
):
    """A visit ended before the desk published `visit.ended`, rated after: its
    `visit.completed` is all there is of it, and it is enough."""
    code = office()
    # 31 Dec 20:00 UTC is 1 January 03:00 in Jakarta: the year of the check-in decides.
    rating = rated(served(code, at(YEAR - 1, 12, 31, 20), minutes=30), 5)
    await publish(infra.nats_url, rating)
    await applied(reporting, rating)
    assert await desk_figures(reporting, tokens, code) == {
        "desk_visits": 1,
        "desk_avg_duration_minutes": 30.0,
        "desk_avg_rating": 5.0,
    }
    [row] = await rows(reporting, code)
    assert row["visited_on"] == date(YEAR, 1, 1)
    assert row["completed_at"] == datetime.fromisoformat(rating.data["completed_at"])


async def test_older_streams_of_completions_alone_project_as_before(
    infra, reporting, tokens: TestTokens
):
    """Streams from before `visit.ended`: each visit a `visit.completed` with its rating.
    Every column as the projection always wrote it, including a completion that lost its
    check-in, which counts in the year of its completion."""
    code = office()
    older = [
        visit(code, at(YEAR, 2), minutes=10, rating=5, officer_subject="user:c-3"),
        visit(code, at(YEAR, 3), minutes=20, rating=2, officer="amer2"),
    ]
    lost = visit(code, at(YEAR, 4), minutes=30, rating=5)
    no_check_in = {k: v for k, v in lost.data.items() if k != "checked_in_at"}
    events = [*older, event("visit.completed", no_check_in, lost.subject or "")]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    assert await desk_figures(reporting, tokens, code) == {
        "desk_visits": 3,
        "desk_avg_duration_minutes": 20.0,
        "desk_avg_rating": 4.0,
    }
    people = await staff(reporting, tokens, code)
    assert (people["user:c-3"]["visits_served"], people["user:c-3"]["desk_avg_rating"]) == (
        2,
        5.0,
    )
    assert (people["amer2"]["visits_served"], people["amer2"]["desk_avg_rating"]) == (1, 2.0)
    expected = []
    for e in events:
        data = e.data
        checked_in = datetime.fromisoformat(data.get("checked_in_at") or data["completed_at"])
        expected.append(
            {
                "visit_id": e.subject,
                "category": "consultation",
                "officer": data["officer"],
                "officer_subject": data["officer_subject"],
                "duration_seconds": data["duration_seconds"],
                "rating": data["rating"],
                "checked_in_at": checked_in,
                "visited_on": (checked_in + timedelta(hours=7)).date(),  # WIB
                "completed_at": datetime.fromisoformat(data["completed_at"]),
            }
        )
    assert await rows(reporting, code) == expected


async def test_the_projection_applies_each_visit_event_once_however_often(reporting):
    """Straight into the projection, past the inbox that normally stops a second
    delivery (as a replay would after losing its inbox rows): the upserts converge."""
    code = office()
    end = served(code, at(YEAR, 9), minutes=8)
    completion = rated(end, 3)
    database = reporting.app.state.database
    expected = None
    for sequence in ([completion, end], [end, completion, completion, end]):
        async with database.sessions() as session, session.begin():
            for e in sequence:
                await project(session, e)
        async with database.sessions() as session:
            totals = await monthly.year_totals(session=session, year=YEAR, office=code)
        achieved = {name: totals.achievements()[name] for name in DESK}
        assert achieved == {
            "desk_visits": 1,
            "desk_avg_duration_minutes": 8.0,
            "desk_avg_rating": 3.0,
        }
        found = await rows(reporting, code)
        assert len(found) == 1
        expected = expected or found
        assert found == expected


async def test_an_end_without_its_check_in_counts_in_the_year_it_ended(reporting):
    """A guess never overwrites a real check-in, in either order; alone, the end counts
    in the office's year of its end (31 Dec 20:00 UTC is 1 January in Jakarta)."""
    code = office()
    database = reporting.app.state.database
    alone = served(code, at(YEAR - 1, 12, 31, 19), minutes=60)  # ends 03:00 WIB
    real = served(code, at(YEAR, 6), minutes=10)
    real_completion = rated(real, 4)
    without = {k: v for k, v in real.data.items() if k != "checked_in_at"}
    guessing = event("visit.ended", without, real.subject or "")
    lone_guess = event(
        "visit.ended",
        {k: v for k, v in alone.data.items() if k != "checked_in_at"},
        alone.subject or "",
    )
    for sequence in ([guessing, real_completion], [real_completion, guessing]):
        async with database.sessions() as session, session.begin():
            await session.execute(text("DELETE FROM visit_fact WHERE office = :o"), {"o": code})
            for e in [*sequence, lone_guess]:
                await project(session, e)
        found = {row["visit_id"]: row for row in await rows(reporting, code)}
        assert found[real.subject]["checked_in_at"] == at(YEAR, 6)
        assert found[real.subject]["visited_on"] == at(YEAR, 6).date()
        assert found[alone.subject]["checked_in_at"] == datetime.fromisoformat(
            alone.data["ended_at"]
        )
        assert found[alone.subject]["visited_on"] == date(YEAR, 1, 1)
