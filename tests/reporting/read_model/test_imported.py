"""An office's old records brought in by an import: `report.imported` counts their
closures in the year their old application closed them, by outcome; an open record counts
no closure; duplicates on the stream count once and a rebuild reaches the same numbers."""

from __future__ import annotations

import io
from datetime import datetime

from sqlalchemy import text

from apik_reporting.read_model.service.rebuild import rebuild
from apik_shared.platform.events.envelope import CloudEvent
from apik_shared.platform.events.payloads.intake import ReportImported
from apik_testing.tokens import TestTokens
from tests.reporting.builders import applied, at, event, kpis, office, publish, registered

YEAR = 2018


def _old_record(
    code: str, received: datetime, closed: datetime | None, outcome: str | None, row: int
) -> list[CloudEvent]:
    registration = registered(code, received, channel="imported", substance=None)
    history = ReportImported(
        **{k: v for k, v in registration.data.items() if k != "registered_at"},
        registered_at=received,
        closed_at=closed,
        outcome=outcome,
        import_id="00000000-0000-0000-0000-000000000001",
        row=row,
    )
    return [registration, event("report.imported", history, registration.subject or "")]


async def _numbers(reporting, head) -> dict:
    items = await kpis(reporting, head, year=YEAR)
    outcome = await reporting.client.get(
        "/api/v1/reporting/breakdowns/outcome", params={"year": YEAR}, headers=head
    )
    assert outcome.status_code == 200, outcome.text
    return {
        "registered": items["lm_registered"]["achieved"],
        "closed": items["reports_closed"]["achieved"],
        "in_process": items["reports_in_process"]["achieved"],
        "sla": items["closed_within_sla_pct"]["achieved"],
        "outcomes": {i["outcome"]: i["count"] for i in outcome.json()["items"]},
    }


async def test_imported_closures_count_by_outcome_once_and_after_a_rebuild(
    infra, reporting, tokens: TestTokens
) -> None:
    code = office()
    events = [
        *_old_record(code, at(YEAR, 2), at(YEAR, 5), "withdrawn", 2),
        *_old_record(code, at(YEAR, 3), at(YEAR, 9), "withdrawn", 3),
        *_old_record(code, at(YEAR, 4), at(YEAR, 10), None, 4),  # closed, no outcome kept
        *_old_record(code, at(YEAR, 6), None, None, 5),  # open when the old app was left
        # Received in the year, closed in the next: in process at the year's end.
        *_old_record(code, at(YEAR, 11), at(YEAR + 1, 2), "not_authority", 6),
    ]
    await publish(infra.nats_url, *events)
    for e in events[:4]:  # the same events again on the stream: counted once
        await publish(infra.nats_url, e, msg_id=f"again-{e.id}")
    await applied(reporting, *events)
    head = tokens.headers("head", office=code)

    before = await _numbers(reporting, head)
    assert before == {
        "registered": 5,
        "closed": 3,
        "in_process": 1,
        "sla": None,  # no SLA clock ran on an old record
        "outcomes": {"withdrawn": 2, "unspecified": 1},
    }
    following = await kpis(reporting, head, year=YEAR + 1)
    assert following["reports_closed"]["achieved"] == 1

    async with reporting.app.state.database.sessions() as session, session.begin():
        await session.execute(text("DELETE FROM case_fact WHERE office = :o"), {"o": code})
    assert (await _numbers(reporting, head))["closed"] == 0
    await rebuild(reporting.app.state.settings, out=io.StringIO())
    assert await _numbers(reporting, head) == before
