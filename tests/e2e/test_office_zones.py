"""One office opened at run time in Papua (WIT), seen by every service of the running
stack without a restart: intake's completion deadline, examination's SLA breach, the
desk's day and reporting's KPI year are all counted in WIT (UTC+9), not WIB (UTC+7).

Before the office registry, each service had its own environment map of zones, and an
office missing from it got WIB: 22 hours of the reporter's completion time lost."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from functools import partial
from zoneinfo import ZoneInfo

import asyncpg
import httpx
import pytest

from apik_shared.devstack.stack import Stack
from apik_shared.platform.settings import to_plain_postgres_url
from apik_testing.pdf import text_of
from apik_testing.polling import eventually
from apik_testing.stack import ADMIN_PASSWORD
from tests.consultation.builders import visit_body
from tests.e2e.office import create_user, login, open_office
from tests.intake.builders import FORMALLY_COMPLETE, report_body

pytestmark = pytest.mark.e2e

WIT = ZoneInfo("Asia/Jayapura")
WIB = ZoneInfo("Asia/Jakarta")
# 23:30 WIB on New Year's Eve is already 01:30 WIT on New Year's Day.
NEW_YEARS_EVE = "2025-12-31T16:30:00+00:00"


def at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def midnight_in(zone: ZoneInfo, instant: datetime) -> bool:
    return instant.astimezone(zone).time() == time(0, 0)


async def office_known(stack: Stack, service: str, code: str) -> bool:
    """Whether `service`'s copy of the registry has office `code` (read as an operator)."""
    conn = await asyncpg.connect(to_plain_postgres_url(stack.database_urls[service]))
    try:
        found = await conn.fetchval("SELECT 1 FROM office_registry WHERE code = $1", code)
    finally:
        await conn.close()
    return bool(found)


async def test_an_office_opened_at_run_time_in_papua_counts_in_wit_everywhere(
    gateway: httpx.AsyncClient, stack: Stack
) -> None:
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    code = await open_office(gateway, admin, "P", "Asia/Jayapura", name="Perwakilan Papua")
    tag = uuid.uuid4().hex[:6]
    officer = await create_user(gateway, admin, f"pvl{tag}", code, "intake_officer")
    examiner = await create_user(gateway, admin, f"riksa{tag}", code, "examiner")
    desk = await create_user(gateway, admin, f"amer{tag}", code, "desk_officer")
    head = await create_user(gateway, admin, f"kepala{tag}", code, "head")

    # Each service learns of the office from the gateway's event, in its own time.
    for service in ("intake", "examination", "consultation", "reporting"):
        await eventually(partial(office_known, stack, service, code), within=60)

    # Intake: a letter received on New Year's Eve (WIB) is a report of New Year's Day in
    # Papua; left incomplete and the reporter told, its completion deadline (which runs
    # from the notice) ends at midnight WIT.
    letter = await gateway.post(
        "/api/v1/intake/reports",
        headers=officer,
        json=report_body(received_at=NEW_YEARS_EVE, event_date="2025-12-20"),
    )
    assert letter.status_code == 201, letter.text
    incomplete = await gateway.post(
        f"/api/v1/intake/reports/{letter.json()['id']}/formal-verification",
        headers=officer,
        json={
            "complete": False,
            "missing": ["identity_document"],
            "notification": {"channel": "letter", "message": "Mohon kirim fotokopi KTP."},
        },
    )
    assert incomplete.status_code == 200, incomplete.text
    due = at(incomplete.json()["completion_due"])
    assert midnight_in(WIT, due) and not midnight_in(WIB, due)

    # Examination: a report handed over opens a case whose SLA breaches at midnight WIT.
    handed = await gateway.post("/api/v1/intake/reports", headers=officer, json=report_body())
    report_id = handed.json()["id"]
    for path, body in (
        ("formal-verification", FORMALLY_COMPLETE),
        ("material-verification", {"within_authority": True}),
        ("plenary-decision", {"decision": "accept"}),
    ):
        step = await gateway.post(
            f"/api/v1/intake/reports/{report_id}/{path}", headers=officer, json=body
        )
        assert step.status_code == 200, step.text

    async def opened_cases() -> list[dict]:
        cases = await gateway.get(
            "/api/v1/examination/cases", params={"report_id": report_id}, headers=examiner
        )
        return list(cases.json()["items"])

    [case] = await eventually(opened_cases, within=60)
    breach = at(case["sla_breach_at"])
    assert midnight_in(WIT, breach) and not midnight_in(WIB, breach)

    # The desk: a visitor's ticket is of Papua's day, and its slip prints Papua's time.
    before = datetime.now(UTC).astimezone(WIT)
    visit = await gateway.post("/api/v1/consultation/visits", headers=desk, json=visit_body())
    after = datetime.now(UTC).astimezone(WIT)
    assert visit.status_code == 201, visit.text
    assert date.fromisoformat(visit.json()["day"]) in {before.date(), after.date()}
    slip = await gateway.get(
        f"/api/v1/consultation/visits/{visit.json()['id']}/slip.pdf", headers=desk
    )
    assert slip.status_code == 200
    printed = text_of(slip.content)
    assert any(f"{moment:%H:%M} WIT" in printed for moment in (before, after)), printed

    # Reporting: the letter counts in 2026, Papua's year at its receipt, not in 2025
    # (WIB's year then).
    async def registered_in(year: int) -> float | None:
        kpis = await gateway.get(
            "/api/v1/reporting/kpis", params={"year": year, "office": code}, headers=head
        )
        assert kpis.status_code == 200, kpis.text
        item = next(i for i in kpis.json()["items"] if i["indicator"] == "lm_registered")
        return item["achieved"] or None

    # The letter and the report handed over today; none in 2025.
    await eventually(lambda: registered_in(2026), lambda count: count == 2, within=60)
    assert not await registered_in(2025)
