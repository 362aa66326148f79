"""Past years read as they did then: every count in the year (and month) of its own moment
in the office's zone, whatever order and time the events arrive in, stable when later
years are added, and the same after a rebuild.

One office (unregistered: WIB, UTC+7) and its cases over 2022-2024, the moments written
beside each event (UTC; WIB in brackets where the day changes):

   handed over  opened                         closed                         outcome
c1 2022-02-05   2022-02-10                     2022-06-15                     resolved_by_agency
c2 2022-03-05   2022-03-10                     2022-08-15                     no_maladmin.
c3 2022-04-05   2022-04-10                     2022-12-31 20:00 (2023-01-01)  no_maladmin.
   (c3 also prevented a public loss of Rp 8.000.000 touching 16 people)
c4 2022-05-05   2022-05-10                     2023-03-15                     conciliation
c5 2022-12-20   2022-12-31 18:00 (2023-01-01)  2023-05-15                     in_court
c6 2022-11-05   2022-11-10                     never
c7 2023-06-05   2023-06-10                     2024-02-15, added later        no_maladmin.
c8 2024-01-05   2024-01-10, added later        2024-03-15, added later        withdrawn
"""

from __future__ import annotations

import io
from typing import Any

from apik_reporting.annual_report.service import annual_data
from apik_reporting.breakdowns.rules import Dimension
from apik_reporting.read_model.service.rebuild import rebuild
from apik_shared.platform.events.envelope import CloudEvent
from apik_testing.tokens import TestTokens
from tests.reporting.builders import (
    applied,
    at,
    closed,
    kpis,
    office,
    opened,
    publish,
    registered,
    verified,
)

YEARS = (2022, 2023, 2024)
DIMENSIONS = [dimension.value for dimension in Dimension]


def _case(
    code: str, handed: Any, opening: Any, closing: Any = None, outcome: str = "", **kw: Any
) -> dict:
    report = registered(code, handed.replace(day=1))
    handoff = verified(report, handed, agency_type="school")
    case = opened(handoff, opening)
    events = [report, handoff, case]
    if closing is not None:
        events.append(closed(case, closing, outcome=outcome, **kw))
    return {"events": events}


def _history(code: str) -> tuple[list[CloudEvent], list[CloudEvent]]:
    """(the events of 2022 and 2023, the events added in 2024), per the module's table."""
    c1 = _case(code, at(2022, 2, 5), at(2022, 2, 10), at(2022, 6, 15), "resolved_by_agency")
    c2 = _case(code, at(2022, 3, 5), at(2022, 3, 10), at(2022, 8, 15), "no_maladministration")
    c3 = _case(
        code,
        at(2022, 4, 5),
        at(2022, 4, 10),
        at(2022, 12, 31, 20),
        "no_maladministration",
        loss=("prevented", 8_000_000, 16),
    )
    c4 = _case(code, at(2022, 5, 5), at(2022, 5, 10), at(2023, 3, 15), "conciliation")
    c5 = _case(code, at(2022, 12, 20), at(2022, 12, 31, 18), at(2023, 5, 15), "in_court")
    c6 = _case(code, at(2022, 11, 5), at(2022, 11, 10))
    c7 = _case(code, at(2023, 6, 5), at(2023, 6, 10))
    c7_case = c7["events"][2]
    c8 = _case(code, at(2024, 1, 5), at(2024, 1, 10), at(2024, 3, 15), "withdrawn")
    then = [e for c in (c1, c2, c3, c4, c5, c6, c7) for e in c["events"]]
    later = [closed(c7_case, at(2024, 2, 15), outcome="no_maladministration"), *c8["events"]]
    return then, later


async def _tables(reporting, headers: dict[str, str], year: int) -> dict[str, Any]:
    tables: dict[str, Any] = {
        "kpis": {k: v["achieved"] for k, v in (await kpis(reporting, headers, year=year)).items()}
    }
    for dimension in DIMENSIONS:
        response = await reporting.client.get(
            f"/api/v1/reporting/breakdowns/{dimension}", params={"year": year}, headers=headers
        )
        assert response.status_code == 200, response.text
        tables[dimension] = response.json()["items"]
    return tables


def _counts(table: dict[str, Any], dimension: str) -> dict[str, int]:
    return {row[dimension]: row["count"] for row in table[dimension]}


def _closed_by_month(table: dict[str, Any]) -> dict[str, int]:
    return {row["month"]: row["reports_closed"] for row in table["month"] if row["reports_closed"]}


async def test_each_year_counts_its_own_moments_and_stays_as_it_was(
    infra, reporting, tokens: TestTokens
):
    code = office()
    head = tokens.headers("head", office=code)
    then, later = _history(code)
    # 2023's events first, each year's backwards: arrival says nothing about the year.
    await publish(infra.nats_url, *reversed(then))
    await applied(reporting, *then)
    t2022 = await _tables(reporting, head, 2022)
    t2023 = await _tables(reporting, head, 2023)

    # 2022: handed over c1-c6 (6), registered the same 6; opened by 31 Dec (WIB) c1-c4, c6
    # (c5 opened on 1 January, WIB); closed c1, c2 (c3's closure is 1 January in WIB);
    # in process at its end: 5 opened - 2 closed = 3 (c3, c4, c6).
    assert t2022["kpis"]["lm_registered"] == 6
    assert t2022["kpis"]["reports_handed_over"] == 6
    assert t2022["kpis"]["reports_closed"] == 2
    assert t2022["kpis"]["reports_in_process"] == 3
    assert _counts(t2022, "outcome") == {"resolved_by_agency": 1, "no_maladministration": 1}
    assert _closed_by_month(t2022) == {"2022-06": 1, "2022-08": 1}
    # 2023: closed c3 (January), c4 (March), c5 (May) = 3; opened by its end c1-c7 = 7,
    # closed by then c1-c5 = 5: in process 2 (c6, c7).
    assert t2023["kpis"]["lm_registered"] == 1
    assert t2023["kpis"]["reports_handed_over"] == 1
    assert t2023["kpis"]["reports_closed"] == 3
    assert t2023["kpis"]["reports_in_process"] == 2
    assert t2023["kpis"]["avg_working_days_to_close"] == 40.0  # the builder's 40 each
    assert _counts(t2023, "outcome") == {
        "no_maladministration": 1,
        "conciliation": 1,
        "in_court": 1,
    }
    assert _closed_by_month(t2023) == {"2023-01": 1, "2023-03": 1, "2023-05": 1}
    # c3's loss is 2023's, with its closure.
    assert t2022["kpis"]["public_loss_prevented_idr"] == 0 and t2022["public_loss"] == []
    assert t2023["kpis"]["public_loss_prevented_idr"] == 8_000_000
    assert [(r["prevented_cases"], r["prevented_people"]) for r in t2023["public_loss"]] == [
        (1, 16)
    ]

    # 2024 happens: c7 closes, c8 opens and closes. The past years do not move.
    await publish(infra.nats_url, *later)
    await applied(reporting, *later)
    assert await _tables(reporting, head, 2022) == t2022
    assert await _tables(reporting, head, 2023) == t2023
    t2024 = await _tables(reporting, head, 2024)
    # 2024: closed c7 (February) and c8 (March) = 2; opened by its end 8, closed 7: c6.
    assert t2024["kpis"]["reports_closed"] == 2
    assert t2024["kpis"]["reports_in_process"] == 1
    assert _counts(t2024, "outcome") == {"no_maladministration": 1, "withdrawn": 1}
    assert _closed_by_month(t2024) == {"2024-02": 1, "2024-03": 1}

    # The annual report carries the same tables as the API.
    async with reporting.app.state.database.sessions() as session:
        report = await annual_data(session=session, year=2022, office=code)
    assert {k.indicator: k.achieved for k in report.kpis} == t2022["kpis"]
    for dimension, rows in report.breakdowns.items():
        assert [dict(row) for row in rows] == t2022[dimension.value], dimension

    # A rebuild replays the stream (arrival order, 2024 last) into the same tables.
    everything = {year: await _tables(reporting, head, year) for year in YEARS}
    await rebuild(reporting.app.state.settings, out=io.StringIO(), every=10_000)
    assert {year: await _tables(reporting, head, year) for year in YEARS} == everything
