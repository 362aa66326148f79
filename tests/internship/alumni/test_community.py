"""An alumnus asks, by their magic link, to join the office's Sahabat Ombudsman
community: `alumnus.joined_community` is published once, carries nothing personal, and
the one-time code the alumnus gets is the one whose hash it carries."""

from __future__ import annotations

import hashlib
from typing import Any

from apik_testing.services import RunningService
from tests.internship.builders import PROBLEM, V1

ALUMNI = f"{V1}/alumni"
JOIN = f"{V1}/public/alumni/self/community"
RECORD: dict[str, Any] = {
    "name": "Yusuf Pratama",
    "address": "Jl. Kenari 9, Bengkulu",
    "institution": "Universitas Bengkulu",
    "email": "yusuf.pratama@example.id",
}


async def _alumnus_and_link(
    internship: RunningService, supervisor: dict[str, str]
) -> tuple[str, str]:
    made = await internship.client.post(ALUMNI, json=RECORD, headers=supervisor)
    assert made.status_code == 201, made.text
    alumnus: str = made.json()["id"]
    link = await internship.client.post(f"{ALUMNI}/{alumnus}/magic-link", headers=supervisor)
    assert link.status_code == 201, link.text
    token: str = link.json()["token"]
    return alumnus, token


async def _fresh_token(internship: RunningService, supervisor: dict[str, str], alumnus: str) -> str:
    link = await internship.client.post(f"{ALUMNI}/{alumnus}/magic-link", headers=supervisor)
    token: str = link.json()["token"]
    return token


async def test_joining_is_announced_once_without_personal_data(
    internship: RunningService, supervisor: dict[str, str]
) -> None:
    alumnus, token = await _alumnus_and_link(internship, supervisor)
    joined = await internship.client.post(JOIN, json={"token": token})
    assert joined.status_code == 201, joined.text
    assert joined.headers["cache-control"] == "no-store"
    code = joined.json()["code"]
    assert joined.json()["link"].endswith(f"/community/join#code={code}")

    [event] = await internship.outbox_events("alumnus.joined_community", subject=alumnus)
    assert event.data["alumnus_id"] == alumnus and event.data["office"] == "KAB"
    assert event.data["join_code_sha256"] == hashlib.sha256(code.encode()).hexdigest()
    assert event.dataschema and event.dataschema.endswith("alumnus.joined_community.json")
    said = str(event.data)
    for personal in ("Yusuf", "Pratama", "Kenari", "Universitas", "yusuf.pratama", code):
        assert personal not in said

    # The link is spent; with a new one, asking again is refused and nothing is published.
    spent = await internship.client.post(JOIN, json={"token": token})
    assert spent.status_code == 404 and spent.headers["content-type"] == PROBLEM
    again = await internship.client.post(
        JOIN, json={"token": await _fresh_token(internship, supervisor, alumnus)}
    )
    assert again.status_code == 409, again.text
    assert len(await internship.outbox_events("alumnus.joined_community", subject=alumnus)) == 1


async def test_a_bad_token_changes_nothing(
    internship: RunningService, supervisor: dict[str, str]
) -> None:
    alumnus, _ = await _alumnus_and_link(internship, supervisor)
    for body, status in (({"token": "x" * 43}, 404), ({"token": "short"}, 422), ({}, 422)):
        answer = await internship.client.post(JOIN, json=body)
        assert answer.status_code == status, answer.text
        assert answer.headers["content-type"] == PROBLEM
    assert await internship.outbox_events("alumnus.joined_community", subject=alumnus) == []
    joined_at = await internship.scalar(
        "SELECT community_joined_at FROM alumnus WHERE id = CAST(:a AS uuid)", a=alumnus
    )
    assert joined_at is None
