"""Issue 16, item 10: desk visitors' personal data is kept no longer than its retention
period.

A visitor's name, phone, institution and drawn signature expire a set number of days
after the visit is over. The job erases what expired, once, however many replicas run it
at the same moment, and leaves the visits, and so the desk's figures, as they were.
"""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy import text

from apik_consultation.app import create_app
from apik_consultation.jobs import anonymise_expired_once
from apik_consultation.settings import Settings
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.consultation.builders import VISITS, check_in, desk_today, png_base64, step

AGED = 3 * 365  # past the default two years
WULAN = {"name": "Wulan Pratiwi", "institution": "PT Sinar Terang", "phone": "0813-5555-7777"}


def office() -> str:
    return "V" + uuid.uuid4().hex[:5].upper()


def settings_of(desk: RunningService, **changes: object) -> Settings:
    settings: Settings = desk.app.state.settings
    return settings.model_copy(update=changes)


async def drain(desk: RunningService) -> None:
    """Whatever earlier tests of the module left expired, erased now."""
    await anonymise_expired_once(desk.app.state.database, settings_of(desk))


async def served(desk: RunningService, headers: dict[str, str], **overrides: object) -> dict:
    """A visit served, rated and signed: over."""
    visit = await check_in(desk, headers, **{"visitor": WULAN, **overrides})
    await step(desk, headers, visit["id"], "start")
    await step(desk, headers, visit["id"], "end", {"outcome": "Dijelaskan"})
    rating = {"score": 5, "comment": "Membantu", "signature": png_base64()}
    return await step(desk, headers, visit["id"], "rating", rating)


async def age(desk: RunningService, visit_ids: list[str], days: int) -> None:
    """As if everything that happened to the visits happened `days` days ago."""
    shift = {"ids": [uuid.UUID(i) for i in visit_ids], "days": days}
    moments = (
        "checked_in_at",
        "started_at",
        "ended_at",
        "rated_at",
        "answered_at",
        "appealed_at",
        "appeal_answered_at",
    )
    earlier = ", ".join(f"{m} = {m} - make_interval(days => CAST(:days AS int))" for m in moments)
    async with desk.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text(
                f"UPDATE visit SET day = day - CAST(:days AS int), {earlier} WHERE id = ANY(:ids)"
            ),
            shift,
        )
        await session.execute(
            text(
                "UPDATE visit_step SET at = at - make_interval(days => :days)"
                " WHERE visit_id = ANY(:ids)"
            ),
            shift,
        )


async def row(desk: RunningService, visit_id: str) -> dict:
    async with desk.app.state.database.sessions() as session:
        found = await session.execute(
            text(
                "SELECT v.visitor, v.institution, v.anonymised_at,"
                " EXISTS (SELECT 1 FROM visit_signature s WHERE s.visit_id = v.id) AS signed"
                " FROM visit v WHERE v.id = :id"
            ),
            {"id": uuid.UUID(visit_id)},
        )
        return dict(found.one()._mapping)


async def test_expired_visitors_are_erased_and_the_rest_is_kept(
    desk: RunningService, tokens: TestTokens
):
    await drain(desk)
    where = office()
    officer = tokens.headers("desk_officer", office=where, username="petugas")
    old = await served(desk, officer)
    recent = await served(desk, officer)
    waiting = await check_in(desk, officer, visitor=WULAN)  # never served: not over
    await age(desk, [old["id"], waiting["id"]], AGED)

    done = await anonymise_expired_once(desk.app.state.database, settings_of(desk))

    assert done == 1
    gone = await row(desk, old["id"])
    assert gone["visitor"] == "" and gone["institution"] is None
    assert gone["anonymised_at"] is not None and gone["signed"] is False
    for kept in (recent, waiting):
        still = await row(desk, kept["id"])
        assert still["visitor"] and still["institution"] == "PT Sinar Terang"
        assert still["anonymised_at"] is None
    assert (await row(desk, recent["id"]))["signed"] is True
    # Read after erasure, the visit says so to every reader: no 500, nothing of Wulan.
    supervisor = tokens.headers("desk_supervisor", office=where, username="penyelia")
    for reader in (officer, supervisor):
        answer = await desk.client.get(f"{VISITS}/{old['id']}", headers=reader)
        assert answer.status_code == 200, answer.text
        assert "Wulan" not in answer.text and "Sinar" not in answer.text
        assert answer.json()["visitor"] == {"name": "(anonymised)", "phone": None}
        assert answer.json()["institution"] is None and answer.json()["rating"] == 5
        listed = await desk.client.get(VISITS, headers=reader)
        assert listed.status_code == 200 and old["id"] in listed.text
    for form in ("slip.pdf", "form.pdf"):
        printed = await desk.client.get(f"{VISITS}/{old['id']}/{form}", headers=officer)
        assert printed.status_code == 410, printed.text
        assert printed.headers["content-type"] == "application/problem+json"
    assert (await anonymise_expired_once(desk.app.state.database, settings_of(desk))) == 0


async def test_an_objection_waiting_for_its_answer_is_kept(
    desk: RunningService, tokens: TestTokens
):
    await drain(desk)
    officer = tokens.headers("desk_officer", office=office(), username="petugas")
    announced = str(desk_today() - timedelta(days=1))
    pending = await served(
        desk,
        officer,
        category="objection",
        description="Keberatan atas penetapan pemenang",
        tender_reference="PKT-2026-017",
        announced_on=announced,
    )
    await age(desk, [pending["id"]], AGED)
    assert await anonymise_expired_once(desk.app.state.database, settings_of(desk)) == 0
    assert (await row(desk, pending["id"]))["anonymised_at"] is None


async def test_two_runners_side_by_side_erase_each_visitor_once(
    desk: RunningService, tokens: TestTokens
):
    await drain(desk)
    officer = tokens.headers("desk_officer", office=office(), username="petugas")
    visits = [await served(desk, officer) for _ in range(8)]
    await age(desk, [v["id"] for v in visits], AGED)
    settings = settings_of(desk, retention_batch_size=2)
    database = desk.app.state.database

    first, second = await asyncio.wait_for(
        asyncio.gather(
            anonymise_expired_once(database, settings), anonymise_expired_once(database, settings)
        ),
        timeout=60,
    )

    assert first + second == 8
    for visit in visits:
        assert (await row(desk, visit["id"]))["anonymised_at"] is not None
    assert await anonymise_expired_once(database, settings) == 0


async def test_a_visit_held_by_another_runner_is_skipped_and_taken_later(
    desk: RunningService, tokens: TestTokens
):
    await drain(desk)
    officer = tokens.headers("desk_officer", office=office(), username="petugas")
    held, free = [await served(desk, officer) for _ in range(2)]
    await age(desk, [held["id"], free["id"]], AGED)
    database = desk.app.state.database
    async with database.sessions() as other, other.begin():
        await other.execute(
            text("SELECT 1 FROM visit WHERE id = :id FOR UPDATE"), {"id": uuid.UUID(held["id"])}
        )
        assert await asyncio.wait_for(anonymise_expired_once(database, settings_of(desk)), 30) == 1
    assert (await row(desk, held["id"]))["anonymised_at"] is None
    assert await anonymise_expired_once(database, settings_of(desk)) == 1


async def test_the_desks_figures_stay_the_same(desk: RunningService, tokens: TestTokens):
    """The analysis and every officer's performance over the erased visits' days count
    them as before, and the job publishes nothing (reporting's KPIs come from events)."""
    await drain(desk)
    where = office()
    officer = tokens.headers("desk_officer", office=where, username="petugas")
    analyst = tokens.headers("analyst", office=where, username="analis")
    visits = [await served(desk, officer) for _ in range(3)]
    await age(desk, [v["id"] for v in visits], AGED)
    first = desk_today() - timedelta(days=AGED + 7)
    period = {"from": str(first), "to": str(first + timedelta(days=14))}

    async def figures() -> tuple[dict[str, Any], dict[str, Any], int]:
        analysis = await desk.client.get(
            "/api/v1/consultation/analysis", params=period, headers=analyst
        )
        performance = await desk.client.get(
            "/api/v1/consultation/performance", params=period, headers=analyst
        )
        assert analysis.status_code == performance.status_code == 200, analysis.text
        return analysis.json(), performance.json(), await desk.scalar("SELECT count(*) FROM outbox")

    before = await figures()
    assert await anonymise_expired_once(desk.app.state.database, settings_of(desk)) == 3
    assert await figures() == before
    analysis, performance, _ = before
    assert {c["category"]: c["visits"] for c in analysis["categories"]}["consultation"] == 3
    assert performance["items"][0]["visits_served"] == 3


@pytest.mark.parametrize("value", ["0", "-30"])
def test_a_retention_period_of_zero_or_less_is_refused_at_start_up(
    monkeypatch: pytest.MonkeyPatch, value: str
):
    monkeypatch.setenv("APIK_ENV", "development")
    monkeypatch.setenv("APIK_RETENTION_VISITOR_IDENTITY_DAYS", value)
    with pytest.raises(ValidationError) as refused:
        create_app()
    assert "retention_visitor_identity_days" in str(refused.value)
