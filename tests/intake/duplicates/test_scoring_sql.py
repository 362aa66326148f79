"""The duplicate score computed in SQL (registration scores its candidates in its one
write) is `rules.score` to the last bit: the same value, the same reasons, the same
verdict, for similarities as PostgreSQL's trigram similarity gives them (reals: a count
over a count), the exact ties of the rounding among them."""

from __future__ import annotations

from sqlalchemy import text

from apik_intake.duplicates.rules import (
    THRESHOLD_SQL,
    Signals,
    is_candidate,
    score,
    score_sql,
)

WINDOW = 180
# Every share of trigrams in common over these counts: small ones give the exact binary
# fractions (5/8 scores 0.3125 exactly, where rounding half away from zero, PostgreSQL's,
# gives 0.313 and Python's half-even 0.312), the large ones the long texts' values.
TOTALS = (1, 2, 4, 8, 16, 40, 80, 200, 333, 541)
DAYS = (0, 179.999999, 180, 180.000001, 400)
# The score over a row `s` of signals, as registration's write computes it.
SCORED = score_sql(
    same_reporter="s.reporter",
    similarity="s.sim",
    same_agency="s.agency",
    same_substance="s.substance",
    days_apart="s.days",
    window_days=str(WINDOW),
)


async def test_the_sql_score_is_the_python_score(intake):
    tail, value, reasons = SCORED
    days = ", ".join(f"({d})" for d in DAYS)
    query = f"""
        WITH s AS (
            SELECT CAST(c AS real) / CAST(t AS real) AS sim, reporter, agency, substance,
                   CAST(d AS numeric) AS days
            FROM unnest(CAST(:totals AS int[])) AS t, generate_series(0, t) AS c,
                 (VALUES (false), (true)) AS a(reporter), (VALUES (false), (true)) AS b(agency),
                 (VALUES (false), (true)) AS e(substance), (VALUES {days}) AS w(d)
        )
        SELECT s.sim, s.reporter, s.agency, s.substance, s.days,
               {value} AS value, {reasons} AS reasons, {value} >= {THRESHOLD_SQL} AS candidate
        FROM s {tail}
        """
    engine = intake.app.state.database.engine
    async with engine.connect() as connection:
        rows = (await connection.execute(text(query), {"totals": list(TOTALS)})).all()
    assert len(rows) > 20_000
    differing = []
    for sim, reporter, agency, substance, days_apart, got, got_reasons, candidate in rows:
        expected, why = score(
            Signals(reporter, float(sim), agency, substance, float(days_apart)),
            window_days=WINDOW,
        )
        if got < 0.25:
            # Below 0.25 the SQL keeps the total unrounded: no candidate either way.
            matches = not candidate and not is_candidate(expected) and expected <= 0.25
        else:
            matches = got == expected and candidate == is_candidate(expected)
        if not matches or got_reasons != why:
            differing.append((sim, reporter, agency, substance, days_apart, got, expected))
    assert not differing, differing[:10]
    # The ties are among the rows: the exact 0.3125 rounds to even.
    assert any(float(r.sim) == 0.625 and not r.reporter and not r.agency for r in rows)
    assert score(Signals(False, 0.625, False, False, 0), window_days=WINDOW)[0] == 0.312


async def test_each_step_of_the_score_is_computed_once_per_row(intake):
    """The score's steps refer to each other several times over: were they inlined into
    one expression (the planner pulls up a plain subquery), the score would be a 15 KB
    expression to plan, and to compute again for each reference, on every row."""
    tail, value, reasons = SCORED
    query = f"""
        EXPLAIN (VERBOSE, COSTS OFF)
        WITH s AS MATERIALIZED (
            SELECT CAST(0.5 AS real) AS sim, true AS reporter, true AS agency,
                   false AS substance, CAST(3 AS numeric) AS days
        )
        SELECT {value} AS value, {reasons} AS reasons
        FROM s {tail}
        WHERE {value} >= {THRESHOLD_SQL}
        ORDER BY {value} DESC
        """
    engine = intake.app.state.database.engine
    async with engine.connect() as connection:
        plan = [line for (line,) in (await connection.execute(text(query))).all()]
    # The sort and the filter read the score computed once (`scored.value`); inlined,
    # each was the whole 15 KB expression. (EXPLAIN itself spells out a step's inputs
    # where a subquery's scan was folded away: only these two lines say it.)
    sort_and_filter = [line.strip() for line in plan if "Sort Key" in line or "Filter" in line]
    assert sort_and_filter, plan
    assert all(len(line) < 200 for line in sort_and_filter), [len(x) for x in sort_and_filter]
