"""Every date of the desk is its office's, from the registry the gateway publishes: an
office opened at run time in Papua (WIT) counts its days, periods and printed times in WIT,
and a later `office.updated` changes them without a restart."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text

from apik_testing.infra import TestInfra
from apik_testing.pdf import text_of
from tests.consultation.builders import (
    RISKS,
    VISITS,
    check_in,
    desk_today,
    register_office,
    risk_body,
    step,
)

PERFORMANCE = "/api/v1/consultation/performance"
# 23:30 WIB on Monday 2 June 2025 is already 01:30 WIT on Tuesday the 3rd.
LATE = datetime(2025, 6, 2, 16, 30, tzinfo=UTC)
MONDAY, TUESDAY = date(2025, 6, 2), date(2025, 6, 3)


async def served_at(desk, headers, moment: datetime) -> dict:
    """A visit served through the API, its times then moved to end at `moment`."""
    visit = await check_in(desk, headers)
    await step(desk, headers, visit["id"], "start")
    await step(desk, headers, visit["id"], "end", {"outcome": "Dijelaskan"})
    async with desk.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text(
                "UPDATE visit SET checked_in_at = :came, started_at = :began, ended_at = :at"
                " WHERE id = :id"
            ),
            {
                "came": moment - timedelta(minutes=20),
                "began": moment - timedelta(minutes=15),
                "at": moment,
                "id": uuid.UUID(visit["id"]),
            },
        )
    return visit


async def served_on(desk, headers, officer: str, day: date) -> int:
    period = {"from": str(day), "to": str(day)}
    response = await desk.client.get(PERFORMANCE, params=period, headers=headers)
    assert response.status_code == 200, response.text
    return sum(i["visits_served"] for i in response.json()["items"] if i["officer"] == officer)


async def test_an_office_opened_at_run_time_counts_in_its_own_zone(desk, tokens, infra: TestInfra):
    code = "P" + uuid.uuid4().hex[:6].upper()
    await register_office(
        desk,
        infra.nats_url,
        code,
        timezone="Asia/Jayapura",
        letterhead=["OMBUDSMAN REPUBLIK INDONESIA", "PERWAKILAN PROVINSI PAPUA"],
        head_name="Maria Yikwa",
        head_title="Kepala Perwakilan",
    )
    officer = f"papua-{code.lower()}"
    headers = tokens.headers("desk_officer", office=code, username=officer)
    head = tokens.headers("head", office=code)
    national = tokens.headers("head", "national", office="PUSAT")

    # The ticket's day is Papua's today.
    assert (await check_in(desk, headers))["day"] == str(desk_today("Asia/Jayapura"))

    # A service ended at 23:30 WIB counts on the next day in Papua, for its office's head
    # and for a national reader alike.
    visit = await served_at(desk, headers, LATE)
    assert await served_on(desk, head, officer, TUESDAY) == 1
    assert await served_on(desk, head, officer, MONDAY) == 0
    assert await served_on(desk, national, officer, TUESDAY) == 1
    assert await served_on(desk, national, officer, MONDAY) == 0

    # The printed times are Papua's, marked WIT, under its letterhead and head.
    form = await desk.client.get(f"{VISITS}/{visit['id']}/form.pdf", headers=headers)
    assert form.status_code == 200, form.text
    printed = text_of(form.content)
    assert "Selesai dilayani" in printed and "3 Juni 2025, 01:30 WIT" in printed
    assert "PERWAKILAN PROVINSI PAPUA" in printed and "Maria Yikwa" in printed
    assert "Kepala Perwakilan" in printed and f"Perwakilan {code} - Nomor antrean" in printed
    slip = await desk.client.get(f"{VISITS}/{visit['id']}/slip.pdf", headers=headers)
    assert "3 Juni 2025, 01:10 WIT" in text_of(slip.content)

    # A risk's review is overdue by Papua's today, for a national list too.
    keeper = tokens.headers("desk_supervisor", office=code)
    papua_today = desk_today("Asia/Jayapura")
    late_risk = risk_body(title=f"late {code}", review_on=str(papua_today - timedelta(days=1)))
    due_risk = risk_body(title=f"due {code}", review_on=str(papua_today))
    for body in (late_risk, due_risk):
        assert (await desk.client.post(RISKS, json=body, headers=keeper)).status_code == 201
    overdue = await desk.client.get(
        RISKS, params={"review_overdue": "true", "limit": 100}, headers=national
    )
    titles = {r["title"] for r in overdue.json()["items"]}
    assert f"late {code}" in titles and f"due {code}" not in titles

    # The office moves to WITA: later computations follow, without a restart.
    await register_office(desk, infra.nats_url, code, timezone="Asia/Makassar", version=2)
    assert await served_on(desk, head, officer, TUESDAY) == 1  # 00:30 WITA
    await register_office(desk, infra.nats_url, code, timezone="Asia/Jakarta", version=3)
    assert await served_on(desk, head, officer, TUESDAY) == 0
    assert await served_on(desk, head, officer, MONDAY) == 1  # 23:30 WIB
    assert await served_on(desk, national, officer, MONDAY) == 1
    form = await desk.client.get(f"{VISITS}/{visit['id']}/form.pdf", headers=headers)
    assert "2 Juni 2025, 23:30 WIB" in text_of(form.content)
    assert (await check_in(desk, headers))["day"] == str(desk_today("Asia/Jakarta"))


async def test_an_office_not_heard_of_counts_in_wib(desk, tokens):
    code = "U" + uuid.uuid4().hex[:6].upper()
    officer = f"wib-{code.lower()}"
    headers = tokens.headers("desk_officer", office=code, username=officer)
    head = tokens.headers("head", office=code)
    visit = await served_at(desk, headers, LATE)
    assert visit["day"] == str(desk_today("Asia/Jakarta"))
    assert await served_on(desk, head, officer, MONDAY) == 1
    form = await desk.client.get(f"{VISITS}/{visit['id']}/form.pdf", headers=headers)
    printed = text_of(form.content)
    assert "2 Juni 2025, 23:30 WIB" in printed and f"{code} - Nomor antrean" in printed
