"""A member's `allowed_steps` through the API: none for a reader outside the prevention
unit, and every step listed for the unit is one the routes accept, taken with the body
the web app sends (`CommunityPanel.tsx`); a step not listed is refused."""

from __future__ import annotations

from typing import Any

import pytest

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import MEMBERS, add_community_group, add_member, offered_steps

TRAINING = {"title": "Pelatihan pengawasan pelayanan publik", "held_on": "2025-03-01"}
# The status each move asks for, as the web app sends it.
TARGET = {"induct": "active", "decline": "inactive", "leave": "inactive", "return": "active"}


@pytest.fixture
def analyst(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("analyst", office="KAB", username="analis")


async def _take(prevention: RunningService, headers: dict[str, str], member: str, step: str) -> int:
    """The step as the web app takes it: a move to the step's status (with today's
    induction when the member has none), or a training record."""
    if step == "training":
        made = await prevention.client.post(
            f"{MEMBERS}/{member}/trainings", json=TRAINING, headers=headers
        )
        return made.status_code
    current = await prevention.client.get(f"{MEMBERS}/{member}", headers=headers)
    body: dict[str, Any] = {"status": TARGET[step]}
    if TARGET[step] == "active" and current.json()["inducted_on"] is None:
        body["inducted_on"] = "2025-03-01"
    moved = await prevention.client.post(
        f"{MEMBERS}/{member}/status",
        json=body,
        headers={**headers, "If-Match": current.headers["ETag"]},
    )
    return moved.status_code


async def test_a_reader_outside_the_unit_is_offered_nothing(
    prevention: RunningService,
    enumerator: dict[str, str],
    head: dict[str, str],
    analyst: dict[str, str],
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    member = (await add_member(prevention, enumerator, group))["id"]
    assert await offered_steps(prevention, enumerator, MEMBERS, member) == ["induct", "decline"]
    for reader in (head, analyst):
        assert await offered_steps(prevention, reader, MEMBERS, member) == []
        # And indeed the routes refuse them what the unit is offered.
        assert await _take(prevention, reader, member, "induct") == 403


async def test_every_step_listed_is_accepted_from_each_status(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    # Walked through every status, each listed step taken on a member of its own,
    # recorded the same way and brought to the status first.
    paths: dict[tuple[str, ...], list[str]] = {
        (): ["induct", "decline"],
        ("induct",): ["leave", "training"],
        ("induct", "leave"): ["return", "training"],
        ("decline",): ["return"],
    }
    for path, expected in paths.items():
        for step in expected:
            member = (await add_member(prevention, enumerator, group))["id"]
            for earlier in path:
                assert await _take(prevention, enumerator, member, earlier) < 300
            assert await offered_steps(prevention, enumerator, MEMBERS, member) == expected, path
            status = await _take(prevention, enumerator, member, step)
            assert status in (200, 201), (path, step, status)


async def test_a_step_not_listed_is_refused(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    candidate = (await add_member(prevention, enumerator, group))["id"]
    assert "training" not in await offered_steps(prevention, enumerator, MEMBERS, candidate)
    assert await _take(prevention, enumerator, candidate, "training") == 409
    assert await _take(prevention, enumerator, candidate, "leave") == 200  # declined
    # Declined before any induction: no training for them either (issue 21's rule).
    assert "training" not in await offered_steps(prevention, enumerator, MEMBERS, candidate)
    assert await _take(prevention, enumerator, candidate, "training") == 409
    active = (await add_member(prevention, enumerator, group, inducted_on="2025-02-15"))["id"]
    assert await offered_steps(prevention, enumerator, MEMBERS, active) == ["leave", "training"]
    assert await _take(prevention, enumerator, active, "induct") == 409
