"""Subject requests cannot be forgotten: the deadline is UU 27/2022's 3 x 24 hours, a
setting with that default and no longer; a request still open at its deadline is
announced once (`subject_request.overdue`), even with two app instances running the job
at the same moment, with references only."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from apik_prevention.app import create_app
from apik_prevention.jobs import subject_requests_once
from apik_prevention.settings import Settings
from apik_prevention.subject_requests import rules
from apik_testing.polling import eventually
from apik_testing.services import RunningService, running
from apik_testing.tokens import TestTokens
from tests.prevention.builders import MEMBERS, V1, add_community_group, add_member

REQUESTS = f"{V1}/subject-requests"


async def _file(prevention: RunningService, headers: dict[str, str], member: str) -> dict[str, Any]:
    answer = await prevention.client.post(
        f"{MEMBERS}/{member}/requests",
        json={"kind": "access", "detail": "Saya Siti Aminah, minta salinan data saya"},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    result: dict[str, Any] = answer.json()
    return result


def test_the_deadline_is_the_laws_and_cannot_be_lengthened() -> None:
    assert rules.LEGAL_DEADLINE_HOURS == 72
    received = datetime.fromisoformat("2026-12-01T09:00:00+07:00")
    assert rules.due(received) == datetime.fromisoformat("2026-12-04T09:00:00+07:00")
    assert Settings(env="development").subject_request_deadline_hours == 72
    with pytest.raises(ValidationError, match="subject_request_deadline_hours"):
        Settings(env="development", subject_request_deadline_hours=96)


async def test_an_overdue_request_is_announced_once_by_two_instances(
    prevention: RunningService, enumerator: dict[str, str], tokens: TestTokens
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    member = (await add_member(prevention, enumerator, group, inducted_on="2025-02-10"))["id"]
    late = await _file(prevention, enumerator, member)
    answered = await _file(prevention, enumerator, member)
    current = await prevention.client.get(f"{REQUESTS}/{answered['id']}", headers=enumerator)
    done = await prevention.client.post(
        f"{REQUESTS}/{answered['id']}/answer",
        json={"status": "answered", "answer": "Salinan data diserahkan."},
        headers={**enumerator, "If-Match": current.headers["ETag"]},
    )
    assert done.status_code == 200, done.text

    # A minute before the deadline nothing is announced.
    due = datetime.fromisoformat(late["due_at"])
    assert (
        await subject_requests_once(prevention.app.state.database, due - timedelta(minutes=1)) == 0
    )
    assert await prevention.outbox_events("subject_request.overdue", subject=late["id"]) == []

    # A second instance of the app on the same database and NATS: both run the job at
    # the deadline, at once.
    settings = prevention.app.state.settings
    async with running(create_app(settings), tokens) as replica:
        databases = [prevention.app.state.database, replica.app.state.database]
        counts = await asyncio.gather(*(subject_requests_once(db, due) for db in databases))
        assert sum(counts) >= 1
        assert (
            await subject_requests_once(replica.app.state.database, due + timedelta(hours=1)) == 0
        )

    [event] = await prevention.outbox_events("subject_request.overdue", subject=late["id"])
    assert event.data["request_id"] == late["id"] and event.data["office"] == "KAB"
    assert event.data["subject"] == "community_member" and event.data["subject_id"] == member
    assert event.data["kind"] == "access"
    assert datetime.fromisoformat(event.data["due_at"]) == due
    # References only: nothing asked, no name.
    assert b"Siti" not in event.to_json() and b"salinan" not in event.to_json()
    assert set(event.data) == {
        "request_id",
        "office",
        "subject",
        "subject_id",
        "kind",
        "received_at",
        "due_at",
        "detected_at",
    }
    # The relay published it to NATS (JetStream acknowledged it).
    sent = "SELECT count(*) FROM outbox WHERE id = :i AND sent_at IS NOT NULL"
    await eventually(lambda: prevention.scalar(sent, i=event.id), lambda n: n == 1)
    # Answered in time: never announced.
    assert await prevention.outbox_events("subject_request.overdue", subject=answered["id"]) == []


async def test_the_deadline_follows_the_setting(
    prevention: RunningService, enumerator: dict[str, str], tokens: TestTokens
) -> None:
    settings: Settings = prevention.app.state.settings
    stricter = settings.model_copy(update={"subject_request_deadline_hours": 24})
    group = (await add_community_group(prevention, enumerator))["id"]
    member = (await add_member(prevention, enumerator, group, inducted_on="2025-02-10"))["id"]
    async with running(create_app(stricter), tokens) as office:
        filed = await _file(office, enumerator, member)
    received = datetime.fromisoformat(filed["received_at"])
    assert datetime.fromisoformat(filed["due_at"]) - received == timedelta(hours=24)
