"""The monthly counts the KPI queries read stay equal to the facts, whatever writes them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from apik_reporting.breakdowns.rules import Dimension
from apik_reporting.breakdowns.service import breakdown
from apik_reporting.jobs import fold_horizon, fold_once
from apik_reporting.read_model.service import monthly
from tests.reporting.builders import applied, at, closed, office, publish, year_of_activity

YEAR = 2025

# The indicators as counted straight from the facts (the definitions of rules.INDICATORS).
RECOUNT = """
SELECT
  (SELECT count(*) FILTER (WHERE kind = 'KNL' AND answered_at IS NOT NULL) FROM report_fact
    WHERE office = :o AND registered_on BETWEEN :first AND :last) AS knl_recorded,
  (SELECT count(*) FILTER (WHERE kind IN ('LM', 'RCO')) FROM report_fact
    WHERE office = :o AND registered_on BETWEEN :first AND :last) AS lm_registered,
  (SELECT count(*) FROM report_fact
    WHERE office = :o AND verified_on BETWEEN :first AND :last) AS reports_handed_over,
  (SELECT count(*) FROM case_fact
    WHERE office = :o AND closed_on BETWEEN :first AND :last) AS reports_closed,
  (SELECT count(*) FROM case_fact WHERE office = :o AND opened_on <= :last
    AND (closed_on IS NULL OR closed_on > :last)) AS reports_in_process,
  (SELECT round(avg(working_days), 2) FROM case_fact
    WHERE office = :o AND closed_on BETWEEN :first AND :last) AS avg_working_days_to_close,
  (SELECT count(*) FROM visit_fact
    WHERE office = :o AND visited_on BETWEEN :first AND :last) AS desk_visits,
  (SELECT round(avg(rating), 2) FROM visit_fact
    WHERE office = :o AND visited_on BETWEEN :first AND :last) AS desk_avg_rating
"""
BY_CHANNEL = """
SELECT coalesce(channel, 'unspecified'), count(*) FROM report_fact
WHERE office = :o AND registered_on BETWEEN :first AND :last GROUP BY 1
"""


async def _compare(reporting, code: str) -> dict:
    params = {"o": code, "first": date(YEAR, 1, 1), "last": date(YEAR, 12, 31)}
    async with reporting.app.state.database.sessions() as session:
        recount = dict((await session.execute(text(RECOUNT), params)).one()._mapping)
        channels = dict((await session.execute(text(BY_CHANNEL), params)).all())
        totals = await monthly.year_totals(session=session, year=YEAR, office=code)
        _, rows = await breakdown(
            session=session, dimension=Dimension.channel, year=YEAR, office=code
        )
    achieved = totals.achievements()
    for name, value in recount.items():
        assert achieved[name] == (None if value is None else float(value)), name
    assert {row["channel"]: row["count"] for row in rows} == channels
    return achieved


async def test_the_monthly_counts_equal_the_facts_through_replays_and_edits(infra, reporting):
    code = office()
    events = year_of_activity(code, YEAR)
    case = next(e for e in events if e.type == "case.opened")
    # A reopened case closed again later, then its first closure delivered late.
    reclosed = closed(case, at(YEAR, 11), working_days=70, outcome="no_maladministration")
    await publish(infra.nats_url, *events, reclosed)
    await publish(infra.nats_url, events[0], msg_id=f"again-{events[0].id}")
    await applied(reporting, *events, reclosed)
    achieved = await _compare(reporting, code)
    assert achieved["reports_closed"] == 2 and achieved["reports_in_process"] == 1
    assert achieved["lm_registered"] == 5 and achieved["desk_visits"] == 2

    # An operator's hand edits go through the same triggers.
    async with reporting.app.state.database.sessions() as session, session.begin():
        params = {"o": code}
        await session.execute(
            text("UPDATE case_fact SET closed_on = NULL, working_days = NULL WHERE case_id = :c"),
            {"c": case.subject},
        )
        await session.execute(
            text("DELETE FROM report_fact WHERE office = :o AND channel = 'phone'"), params
        )
        await session.execute(text("UPDATE visit_fact SET rating = 2 WHERE office = :o"), params)
    achieved = await _compare(reporting, code)
    assert achieved["reports_closed"] == 1 and achieved["reports_in_process"] == 2
    assert achieved["lm_registered"] == 4 and achieved["desk_avg_rating"] == 2


async def test_folding_the_sessions_rows_changes_no_number(infra, reporting):
    code = office()
    events = year_of_activity(code, YEAR)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    database = reporting.app.state.database
    before = await _compare(reporting, code)
    # Rows written by other sessions, as side by side consumers and a rebuild leave them
    # (shards are backend pids, positive: these negative ones are sure to be new).
    async with database.sessions() as session, session.begin():
        await session.execute(
            text(
                "UPDATE fact_month SET shard = -shard - 1 WHERE office = :o AND family = 'channel'"
            ),
            {"o": code},
        )
        await session.execute(
            text(
                "INSERT INTO fact_month (office, month, family, k1, k2, shard, n, sum1, n1,"
                " sum2, n2) SELECT office, month, family, k1, k2, -shard - 9999999, 0, 0, 0, 0, 0"
                " FROM fact_month WHERE office = :o"
            ),
            {"o": code},
        )
    assert await fold_once(database, today=date(YEAR + 2, 1, 1)) > 0
    assert await _compare(reporting, code) == before
    shards = await reporting.scalar(
        "SELECT count(DISTINCT shard) FROM fact_month WHERE office = :o", o=code
    )
    assert shards == 1


def test_the_last_two_months_are_not_folded():
    assert fold_horizon(date(2026, 1, 15)) == date(2025, 12, 1)
    assert fold_horizon(date(2026, 11, 1)) == date(2026, 10, 1)
