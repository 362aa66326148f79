"""The public Red Button, no login, in each of its three modes; its event carries no
content; what the intern wrote is sealed and nothing about their device is kept."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from apik_shared.platform.events.envelope import CloudEvent
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from tests.internship.builders import PROBLEM, RED_BUTTON, events_on_stream, red_button_body


async def latest_case(internship: RunningService) -> str:
    return str(
        await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    )


async def case_count(internship: RunningService) -> int:
    return int(await internship.scalar("SELECT count(*) FROM red_button_case"))


@pytest.mark.parametrize("mode", ["identified", "confidential", "anonymous"])
async def test_each_mode_answers_with_a_receipt_and_the_protection_deadline(
    internship: RunningService, mode: str
):
    answer = await internship.client.post(RED_BUTTON, json=red_button_body(mode))
    assert answer.status_code == 201, answer.text
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers["referrer-policy"] == "no-referrer"
    receipt = answer.json()
    assert receipt["mode"] == mode
    digits = receipt["receipt_code"].replace(" ", "")
    assert len(digits) == 16 and digits.isdigit()
    raised = datetime.fromisoformat(receipt["raised_at"])
    assert datetime.fromisoformat(receipt["protection_due"]) - raised == timedelta(hours=24)
    case = await latest_case(internship)
    stored = await internship.scalar(
        "SELECT mode || '|' || coalesce(identity, '') || '|' || account || '|' || receipt_hash"
        " FROM red_button_case WHERE id = :c",
        c=case,
    )
    # Sealed: neither what happened nor who, nor the receipt, is readable in the row.
    assert "ruang arsip" not in stored and "Dewi" not in stored and digits not in stored
    has_identity = await internship.scalar(
        "SELECT identity IS NOT NULL FROM red_button_case WHERE id = :c", c=case
    )
    assert has_identity is (mode != "anonymous")


async def test_the_event_carries_the_office_time_and_severity_and_nothing_else(
    internship: RunningService, infra: TestInfra
):
    answer = await internship.client.post(
        RED_BUTTON, json=red_button_body("anonymous", severity="danger")
    )
    assert answer.status_code == 201
    case = await latest_case(internship)
    [event] = await internship.outbox_events("red_button.raised", subject=case)
    assert event.data == {
        "office": "KAB",
        "raised_at": event.data["raised_at"],
        "severity": "danger",
    }
    assert datetime.fromisoformat(event.data["raised_at"]) == datetime.fromisoformat(
        answer.json()["raised_at"]
    )

    # And that is what reaches the officers' side: the event on the real stream, within
    # seconds, without the account, the mode or the receipt anywhere in it.
    async def on_stream() -> list[CloudEvent]:
        events = await events_on_stream(infra.nats_url, "apik.internship.red_button.raised")
        return [e for e in events if e.subject == case]

    [published] = await eventually(on_stream, within=10)
    raw = published.to_json().decode()
    assert "arsip" not in raw and "anonymous" not in raw
    assert answer.json()["receipt_code"] not in raw


@pytest.mark.parametrize(
    ("body", "pointer"),
    [
        # Anonymous keeps nobody: a reporter sent with it is refused, not silently kept.
        (
            red_button_body("anonymous", reporter={"name": "Dewi", "phone": "0812-7777-8888"}),
            "#/body/reporter",
        ),
        (red_button_body("identified", reporter=None), "#/body/reporter"),
        (red_button_body("confidential", reporter={"name": "Dewi"}), "#/body/reporter"),
        ({**red_button_body("anonymous"), "mode": "secret"}, "#/body/mode"),
        (red_button_body("anonymous", severity="low"), "#/body/severity"),
        (red_button_body("anonymous", account=""), "#/body/account"),
        (red_button_body("anonymous", account="tolong\u0000"), "#/body/account"),
        (red_button_body("anonymous", ip="10.0.0.1"), "#/body/ip"),
    ],
)
async def test_a_bad_report_names_the_field_and_stores_nothing(
    internship: RunningService, body: dict[str, object], pointer: str
):
    before = await case_count(internship)
    answer = await internship.client.post(RED_BUTTON, json=body)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == PROBLEM
    assert pointer in {e["pointer"] for e in answer.json()["errors"]}
    assert await case_count(internship) == before


async def test_no_address_or_device_of_the_sender_is_kept(internship: RunningService):
    headers = {"X-Forwarded-For": "203.0.113.7", "User-Agent": "Mozilla/5.0 (Android 14; SM-A155F)"}
    answer = await internship.client.post(
        RED_BUTTON, json=red_button_body("anonymous"), headers=headers
    )
    assert answer.status_code == 201
    case = await latest_case(internship)
    row = await internship.scalar(
        "SELECT row_to_json(c)::text FROM red_button_case c WHERE id = :c", c=case
    )
    outbox = await internship.scalar(
        "SELECT string_agg(payload::text, ' ') FROM outbox WHERE subject LIKE '%red_button%'"
    )
    for trace in ("203.0.113.7", "Android", "SM-A155F"):
        assert trace not in row and trace not in (outbox or "")
