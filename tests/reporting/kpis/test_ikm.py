"""The IKM from examination's survey answers (case.surveyed): per office and year, for
every office together, and in the annual report."""

from __future__ import annotations

from apik_testing.pdf import text_of
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
    surveyed,
    verified,
    year_of_activity,
)

YEAR = 2025


def closed_cases(code: str, year: int, count: int) -> tuple[list, list]:
    """`count` cases of the office closed in the year: their events and case.opened events."""
    events, cases = [], []
    for _ in range(count):
        report = registered(code, at(year, 1))
        handoff = verified(report, at(year, 2))
        case = opened(handoff, at(year, 2))
        events += [report, handoff, case, closed(case, at(year, 3))]
        cases.append(case)
    return events, cases


async def test_the_ikm_of_an_office_counts_by_the_year_of_the_answer(
    infra, reporting, tokens: TestTokens
):
    code = office()
    events = year_of_activity(code, YEAR)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    head = tokens.headers("head", office=code)
    assert (await kpis(reporting, head, year=YEAR))["ikm"]["achieved"] == 87.5
    # Answered at 20:00 UTC on 31 December: 1 January in Jakarta, all 1s.
    assert (await kpis(reporting, head, year=YEAR + 1))["ikm"]["achieved"] == 25.0
    stored = await reporting.scalar("SELECT count(*) FROM survey_fact WHERE office = :o", o=code)
    assert stored == 3


async def test_odd_answers_are_left_out_and_a_repeat_counts_once(
    infra, reporting, tokens: TestTokens
):
    code = office()
    events, cases = closed_cases(code, 2033, 4)
    good = surveyed(cases[0], at(2033, 4), 4, 4, 4, 4, 4, 4, 4, 4, 3)  # 97.22
    answers = dict(good.data["answers"])
    del answers["cost"]
    missing = surveyed(cases[1], at(2033, 4), 1, answers=answers)
    beyond = surveyed(cases[2], at(2033, 4), 1, answers={**answers, "cost": 5})
    # The same answer published again under another event id (a relay retry past the
    # stream's deduplication would reuse the id; a new id is the harder case).
    again = surveyed(cases[0], at(2033, 4), 4, 4, 4, 4, 4, 4, 4, 4, 3)
    events += [good, missing, beyond, again]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    items = await kpis(reporting, tokens.headers("head", office=code), year=2033)
    assert items["ikm"]["achieved"] == 97.22
    count = await reporting.scalar("SELECT count(*) FROM survey_fact WHERE office = :o", o=code)
    assert count == 3  # one row per case; incomplete ones are kept, not counted


async def test_every_office_together_is_the_index_of_all_answers(
    infra, reporting, tokens: TestTokens
):
    # A year no other test uses: the national figures are this test's alone.
    year = 2037
    first, second = office(), office()
    events, one = closed_cases(first, year, 1)
    more, three = closed_cases(second, year, 3)
    events += more
    events.append(surveyed(one[0], at(year, 5), 4))
    events += [surveyed(case, at(year, 5), 3) for case in three]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    national = tokens.headers("analyst", "national", office="PUSAT")
    rollup = await reporting.client.get(
        "/api/v1/reporting/rollup", params={"year": year}, headers=national
    )
    rows = {row["office"]: row for row in rollup.json()["items"]}
    assert rows[first]["ikm"] == 100.0 and rows[second]["ikm"] == 75.0
    # NRR (4 + 3 + 3 + 3) / 4 = 3.25 on each element: 81.25, not the offices' mean 87.5.
    assert rows["national"]["ikm"] == 81.25
    together = await kpis(reporting, national, year=year)
    assert together["ikm"]["achieved"] == 81.25


async def test_the_annual_report_shows_the_index_and_its_elements(
    infra, reporting, tokens: TestTokens
):
    code = office()
    events = year_of_activity(code, YEAR)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    head = tokens.headers("head", office=code)
    report = await reporting.client.get(f"/api/v1/reporting/annual-report/{YEAR}.pdf", headers=head)
    assert report.status_code == 200, report.text
    text = text_of(report.content)
    assert "Indeks Kepuasan Masyarakat (IKM)" in text
    assert "IKM 87,5 dari 2 responden: mutu pelayanan B (baik)" in text
    assert "Kompetensi pelaksana" in text and "3,5" in text  # an element and its NRR
    assert "Belum tersedia" not in text and "case.surveyed" in text
    earlier = await reporting.client.get(
        f"/api/v1/reporting/annual-report/{YEAR - 1}.pdf", headers=head
    )
    assert "Belum ada survei kepuasan" in text_of(earlier.content)
