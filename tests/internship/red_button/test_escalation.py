"""A raised case nobody acknowledges escalates on the clock, to the other protection
officers and then the head, each step timed and published without content; an
acknowledged one does not."""

from __future__ import annotations

from datetime import datetime, timedelta

from apik_internship.jobs import escalate_once
from apik_testing.services import RunningService
from tests.internship.builders import CASES, RED_BUTTON, red_button_body


async def raise_case(internship: RunningService) -> tuple[str, datetime]:
    answer = await internship.client.post(RED_BUTTON, json=red_button_body("anonymous"))
    assert answer.status_code == 201
    case = str(
        await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    )
    return case, datetime.fromisoformat(answer.json()["raised_at"])


async def steps(internship: RunningService, case: str) -> str:
    return str(
        await internship.scalar(
            "SELECT string_agg(step || coalesce(':' || level, ''), ',' ORDER BY id)"
            " FROM red_button_step WHERE case_id = :c",
            c=case,
        )
    )


async def test_nobody_acknowledging_reaches_the_officers_then_the_head(
    internship: RunningService,
):
    settings = internship.app.state.settings
    database = internship.app.state.database
    case, raised = await raise_case(internship)
    # The defaults: 10 minutes, then 20.
    assert settings.escalation_minutes == [10, 20]
    await escalate_once(database, settings, now=raised + timedelta(minutes=9))
    assert await internship.outbox_events("red_button.escalated", subject=case) == []

    await escalate_once(database, settings, now=raised + timedelta(minutes=10))
    [first] = await internship.outbox_events("red_button.escalated", subject=case)
    assert first.data["level"] == 1 and first.data["to_role"] == "protection_officer"
    assert set(first.data) == {
        "office",
        "raised_at",
        "severity",
        "level",
        "to_role",
        "escalated_at",
    }
    # A second run at the same time finds nothing more to do.
    await escalate_once(database, settings, now=raised + timedelta(minutes=10))
    assert len(await internship.outbox_events("red_button.escalated", subject=case)) == 1

    await escalate_once(database, settings, now=raised + timedelta(minutes=25))
    events = await internship.outbox_events("red_button.escalated", subject=case)
    assert [(e.data["level"], e.data["to_role"]) for e in events] == [
        (1, "protection_officer"),
        (2, "head"),
    ]
    assert await steps(internship, case) == "raised,escalated:1,escalated:2"


async def test_a_job_that_was_down_alerts_every_level_passed(internship: RunningService):
    settings = internship.app.state.settings
    case, raised = await raise_case(internship)
    await escalate_once(internship.app.state.database, settings, now=raised + timedelta(hours=1))
    events = await internship.outbox_events("red_button.escalated", subject=case)
    assert [e.data["level"] for e in events] == [1, 2]


async def test_an_acknowledged_case_does_not_escalate(
    internship: RunningService, officer: dict[str, str]
):
    settings = internship.app.state.settings
    case, raised = await raise_case(internship)
    answer = await internship.client.post(f"{CASES}/{case}/acknowledgement", headers=officer)
    assert answer.status_code == 200
    await escalate_once(internship.app.state.database, settings, now=raised + timedelta(hours=1))
    assert await internship.outbox_events("red_button.escalated", subject=case) == []
    assert await steps(internship, case) == "raised,acknowledged"
