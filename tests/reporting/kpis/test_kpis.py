"""Events in, indicators out: the read model, targets and the KPI endpoint."""

from __future__ import annotations

from apik_testing.tokens import TestTokens
from tests.reporting.builders import applied, kpis, office, publish, year_of_activity

YEAR = 2025


async def test_a_years_events_give_its_indicators(infra, reporting, tokens: TestTokens):
    code = office()
    events = year_of_activity(code, YEAR)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    head = tokens.headers("head", office=code)
    put = await reporting.client.put(
        f"/api/v1/reporting/targets/{YEAR}",
        json={
            "office": code,
            "targets": {
                "knl_recorded": 2,
                "lm_registered": 4,
                "reports_closed": 3,
                "avg_working_days_to_close": 45,
                "ikm": 80,
            },
        },
        headers=head,
    )
    assert put.status_code == 200, put.text
    assert put.json()["targets"]["lm_registered"] == 4

    items = await kpis(reporting, tokens.headers("analyst", office=code), year=YEAR)
    achieved = {code: item["achieved"] for code, item in items.items()}
    assert achieved == {
        "knl_recorded": 3,
        "lm_registered": 5,
        "reports_handed_over": 3,
        "reports_closed": 2,
        "reports_in_process": 1,
        "closed_within_sla_pct": 50.0,
        "avg_working_days_to_close": 30.0,
        "desk_visits": 2,
        "desk_avg_duration_minutes": 20.0,
        "desk_avg_rating": 4.5,
        "ikm": 87.5,  # all 4s and all 3s: NRR 3.5 on every element
        "public_loss_prevented_idr": 0,
        "public_loss_recovered_idr": 12_500_000,
    }
    assert items["knl_recorded"]["target"] == 2 and items["knl_recorded"]["percent"] == 150.0
    assert items["lm_registered"]["percent"] == 125.0
    assert items["reports_closed"]["percent"] == 66.7
    # Lower is better: 45 days targeted, 30 taken.
    assert items["avg_working_days_to_close"]["percent"] == 150.0
    assert items["desk_visits"]["target"] is None and items["desk_visits"]["percent"] is None
    assert items["ikm"]["target"] == 80 and items["ikm"]["percent"] == 109.4
    assert "case.surveyed" in items["ikm"]["definition"]
    assert "case.closed" in items["reports_closed"]["definition"]
    # Both languages beside the old field (English, kept for older clients).
    lm = items["lm_registered"]
    assert lm["definition_en"] == lm["definition"] and "report.registered" in lm["definition"]
    assert lm["definition_id"].startswith(
        "Laporan Masyarakat (jenis LM atau RCO) yang diregistrasi"
    )
    assert all(item["definition_id"] != item["definition_en"] for item in items.values())

    # The year before sees only its own: one report and one consultation at the edge.
    before = await kpis(reporting, head, year=YEAR - 1)
    assert before["lm_registered"]["achieved"] == 1
    assert before["knl_recorded"]["achieved"] == 0
    assert before["reports_in_process"]["achieved"] == 0
    assert before["ikm"]["achieved"] is None  # no survey answered that year


async def test_duplicate_deliveries_do_not_double_count(infra, reporting, tokens: TestTokens):
    code = office()
    events = year_of_activity(code, YEAR)
    await publish(infra.nats_url, *events, msg_id=None)
    # The same events again under other message ids: past the stream's deduplication.
    for e in events:
        await publish(infra.nats_url, e, msg_id=f"again-{e.id}")
    await applied(reporting, *events)
    second = await kpis(reporting, tokens.headers("head", office=code), year=YEAR)
    # The second copies are behind the first on the stream; wait until they are consumed
    # (the consumer has no pending message) before comparing.
    await _drained(reporting)
    again = await kpis(reporting, tokens.headers("head", office=code), year=YEAR)
    assert again == second
    assert again["lm_registered"]["achieved"] == 5
    assert again["desk_visits"]["achieved"] == 2
    assert await reporting.scalar("SELECT count(*) FROM visit_fact WHERE office = :o", o=code) == 3


async def _drained(reporting) -> None:
    from tests.reporting.builders import eventually
    from tests.reporting.streams import pending

    await eventually(lambda: pending(reporting), lambda n: n == 0)


async def test_events_out_of_order_converge(infra, reporting, tokens: TestTokens):
    code = office()
    events = year_of_activity(code, YEAR)
    await publish(infra.nats_url, *reversed(events))
    await applied(reporting, *events)
    items = await kpis(reporting, tokens.headers("head", office=code), year=YEAR)
    assert items["reports_closed"]["achieved"] == 2
    assert items["reports_in_process"]["achieved"] == 1
    assert items["lm_registered"]["achieved"] == 5
    # The verification's classification wins over the registration's, whatever the order.
    substance = await reporting.scalar(
        "SELECT substance FROM report_fact WHERE office = :o AND agency_type = 'utility'", o=code
    )
    assert substance == "drinking_water"


async def test_a_case_closed_twice_counts_once_with_its_last_closure(infra, reporting, tokens):
    from tests.reporting.builders import at, closed, opened, registered, verified

    code = office()
    report = registered(code, at(YEAR, 1))
    handoff = verified(report, at(YEAR, 2))
    case = opened(handoff, at(YEAR, 2))
    first = closed(case, at(YEAR, 3), outcome="withdrawn", examiner="riksa1")
    last = closed(case, at(YEAR + 1, 2), outcome="in_court", examiner="riksa2")
    # The later closure arrives first: the read model still keeps it, not the earlier one.
    events = [report, handoff, case, last, first]
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    head = tokens.headers("head", office=code)
    assert (await kpis(reporting, head, year=YEAR))["reports_closed"]["achieved"] == 0
    assert (await kpis(reporting, head, year=YEAR))["reports_in_process"]["achieved"] == 1
    assert (await kpis(reporting, head, year=YEAR + 1))["reports_closed"]["achieved"] == 1
    row = await reporting.scalar(
        "SELECT outcome || ' ' || examiner_id FROM case_fact WHERE office = :o", o=code
    )
    assert row == "in_court riksa2"
