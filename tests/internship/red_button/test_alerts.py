"""The on-duty roster and its alerts: a raised case alerts the officers on duty in the
very transaction that raised it, escalation alerts the next level once however many
replicas run the job, and an officer the case names is never alerted."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apik_internship.jobs import escalate_once
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import CASES, PROBLEM, RED_BUTTON, red_button_body

ROSTER = f"{CASES.removesuffix('/cases')}/roster"
ALERTS = f"{CASES.removesuffix('/cases')}/alerts"
STAFF = f"{CASES.removesuffix('/cases')}/staff"
# Every day, 00:00 to midnight: on duty whenever the test runs.
ALWAYS = [{"weekday": d, "start": "00:00", "end": "00:00"} for d in range(1, 8)]


async def put_roster(
    internship: RunningService, head: dict[str, str], officers: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    body = {"officers": [{"username": u, "windows": w} for u, w in officers.items()]}
    answer = await internship.client.put(ROSTER, json=body, headers=head)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


async def tomorrow_only(internship: RunningService, head: dict[str, str]) -> list[dict[str, Any]]:
    """A window on tomorrow's weekday in the office's zone: off duty today."""
    zone = (await internship.client.get(ROSTER, headers=head)).json()["timezone"]
    weekday = datetime.now(ZoneInfo(zone)).isoweekday() % 7 + 1
    return [{"weekday": weekday, "start": "08:00", "end": "16:00"}]


async def raise_case(internship: RunningService, **overrides: Any) -> tuple[str, datetime]:
    mode = "confidential" if "reported" in overrides else "anonymous"
    answer = await internship.client.post(RED_BUTTON, json=red_button_body(mode, **overrides))
    assert answer.status_code == 201, answer.text
    case = await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    return str(case), datetime.fromisoformat(answer.json()["raised_at"])


async def alerted(internship: RunningService, headers: dict[str, str]) -> dict[str, int]:
    answer = await internship.client.get(ALERTS, headers=headers)
    assert answer.status_code == 200, answer.text
    return {a["case_id"]: a["level"] for a in answer.json()}


async def rows_for(internship: RunningService, case: str, recipient: str) -> int:
    return int(
        await internship.scalar(
            "SELECT count(*) FROM red_button_alert WHERE case_id = :c AND recipient = :r",
            c=case,
            r=recipient,
        )
    )


async def test_a_raised_case_alerts_the_officer_on_duty_in_the_same_transaction(
    internship: RunningService, tokens: TestTokens, head: dict[str, str]
):
    jaga = tokens.headers("protection_officer", office="KAB", username="jaga")
    libur = tokens.headers("protection_officer", office="KAB", username="libur")
    off = await tomorrow_only(internship, head)
    roster = await put_roster(internship, head, {"jaga": ALWAYS, "libur": off})
    assert [o["username"] for o in roster["officers"]] == ["jaga", "libur"]
    assert roster["officers"][1]["windows"] == [{**off[0], "start": "08:00:00", "end": "16:00:00"}]

    case, _ = await raise_case(internship)
    # No job has run: the alert was written with the case, by the same transaction.
    assert await internship.scalar(
        "SELECT a.xmin::text = c.xmin::text AND a.alerted_at = c.raised_at"
        " FROM red_button_alert a JOIN red_button_case c ON c.id = a.case_id"
        " WHERE a.case_id = :c AND a.recipient = 'user:jaga'",
        c=case,
    )
    answer = await internship.client.get(ALERTS, headers=jaga)
    [alert] = [a for a in answer.json() if a["case_id"] == case]
    assert answer.headers["cache-control"] == "no-store"
    assert set(alert) == {"id", "case_id", "office", "severity", "raised_at", "level", "alerted_at"}
    assert (alert["level"], alert["severity"], alert["office"]) == (0, "urgent", "KAB")
    assert case not in await alerted(internship, libur)  # off duty: not yet
    assert await internship.scalar(
        "SELECT count(*) FROM red_button_read WHERE case_id = :c AND action = 'alert'", c=case
    )

    acknowledged = await internship.client.post(f"{CASES}/{case}/acknowledgement", headers=jaga)
    assert acknowledged.status_code == 200
    assert case not in await alerted(internship, jaga)  # acknowledged: the alert is closed


async def test_escalation_alerts_the_next_level_once_with_two_replicas(
    internship: RunningService, tokens: TestTokens, head: dict[str, str]
):
    libur = tokens.headers("protection_officer", office="KAB", username="libur")
    await put_roster(
        internship, head, {"jaga": ALWAYS, "libur": await tomorrow_only(internship, head)}
    )
    settings, database = internship.app.state.settings, internship.app.state.database
    case, raised = await raise_case(internship)
    assert settings.escalation_minutes == [10, 20]

    # Two replicas at 10 minutes: level 1 alerts the roster's other officer, once.
    at = raised + timedelta(minutes=10)
    await asyncio.gather(
        escalate_once(database, settings, now=at), escalate_once(database, settings, now=at)
    )
    assert await rows_for(internship, case, "user:libur") == 1
    assert await rows_for(internship, case, "user:jaga") == 1  # alerted at level 0 already
    assert (await alerted(internship, libur))[case] == 1
    assert case not in await alerted(internship, head)

    # Two replicas at 25 minutes: level 2 alerts the head, once.
    at = raised + timedelta(minutes=25)
    await asyncio.gather(
        escalate_once(database, settings, now=at), escalate_once(database, settings, now=at)
    )
    assert await rows_for(internship, case, "role:head") == 1
    assert (await alerted(internship, head))[case] == 2
    assert len(await internship.outbox_events("red_button.escalated", subject=case)) == 2


async def test_an_officer_the_case_names_gets_no_alert_at_any_level(
    internship: RunningService, tokens: TestTokens, head: dict[str, str]
):
    budi = tokens.headers("protection_officer", office="KAB", username="budi")
    sari = tokens.headers("protection_officer", office="KAB", username="sari")
    registered = await internship.client.put(
        f"{STAFF}/budi", json={"name": "Budi Santoso"}, headers=head
    )
    assert registered.status_code == 200
    await put_roster(internship, head, {"budi": ALWAYS, "sari": ALWAYS})
    case, raised = await raise_case(internship, reported={"person": "Pak Budi Santoso, S.H."})
    assert await rows_for(internship, case, "user:sari") == 1
    assert await rows_for(internship, case, "user:budi") == 0
    assert case in await alerted(internship, sari)
    assert case not in await alerted(internship, budi)

    settings = internship.app.state.settings
    await escalate_once(internship.app.state.database, settings, now=raised + timedelta(hours=1))
    assert await rows_for(internship, case, "user:budi") == 0
    assert case not in await alerted(internship, budi)


async def test_with_nobody_on_duty_every_protection_officer_is_alerted(
    internship: RunningService, head: dict[str, str], officer: dict[str, str]
):
    await put_roster(internship, head, {})
    case, _ = await raise_case(internship)
    assert await rows_for(internship, case, "role:protection_officer") == 1
    assert (await alerted(internship, officer))[case] == 0


async def test_a_roster_written_wrong_is_a_422_and_only_the_head_writes_it(
    internship: RunningService, head: dict[str, str], officer: dict[str, str]
):
    await put_roster(internship, head, {"jaga": ALWAYS})
    backwards = {
        "officers": [
            {"username": "a", "windows": [{"weekday": 1, "start": "16:00", "end": "08:00"}]}
        ]
    }
    answer = await internship.client.put(ROSTER, json=backwards, headers=head)
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    assert answer.json()["errors"][0]["pointer"] == "#/body/officers/0/windows/0/end"
    twice = {
        "officers": [{"username": "a", "windows": ALWAYS}, {"username": "a", "windows": ALWAYS}]
    }
    answer = await internship.client.put(ROSTER, json=twice, headers=head)
    assert answer.json()["errors"][0]["pointer"] == "#/body/officers/1/username"
    sunday = {
        "officers": [
            {"username": "a", "windows": [{"weekday": 8, "start": "08:00", "end": "09:00"}]}
        ]
    }
    assert (await internship.client.put(ROSTER, json=sunday, headers=head)).status_code == 422
    refused = await internship.client.put(ROSTER, json={"officers": []}, headers=officer)
    assert refused.status_code == 403
    # Nothing changed.
    kept = await internship.client.get(ROSTER, headers=officer)
    assert [o["username"] for o in kept.json()["officers"]] == ["jaga"]
