"""A village's `allowed_steps` and `allowed_actions` through the API are the caller's:
nothing for an analyst, the decision only for the head, the regency's verification once
the instrument is open, the instrument's opening once while mentored.
Every stage listed is one the route accepts for that caller; a stage not listed is
refused (issue 21)."""

from __future__ import annotations

import pytest

from apik_prevention.schemes.schemas import SchemeDefinition
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import (
    SCHEME_FILES,
    VILLAGES,
    answer_everything,
    offered_steps,
    scheme_id,
    village_body,
)


@pytest.fixture
def analyst(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("analyst", office="KAB", username="analis")


async def _nominate(prevention: RunningService, headers: dict[str, str]) -> str:
    made = await prevention.client.post(VILLAGES, json=village_body(), headers=headers)
    assert made.status_code == 201, made.text
    return str(made.json()["id"])


async def _take(
    prevention: RunningService, headers: dict[str, str], village: str, stage: str
) -> int:
    """The move as the web app sends it (the decision with its letter's number)."""
    current = await prevention.client.get(f"{VILLAGES}/{village}", headers=headers)
    body = {"stage": stage, **({"decree_number": "12/DAM/2024"} if stage == "decided" else {})}
    moved = await prevention.client.post(
        f"{VILLAGES}/{village}/stage",
        json=body,
        headers={**headers, "If-Match": current.headers["ETag"]},
    )
    return moved.status_code


async def _actions(prevention: RunningService, headers: dict[str, str], village: str) -> list[str]:
    answer = await prevention.client.get(f"{VILLAGES}/{village}", headers=headers)
    assert answer.status_code == 200, answer.text
    actions: list[str] = answer.json()["allowed_actions"]
    return actions


async def _open(prevention: RunningService, headers: dict[str, str], village: str) -> int:
    """The instrument opened as the web app opens it (the village scheme, `If-Match`)."""
    current = await prevention.client.get(f"{VILLAGES}/{village}", headers=headers)
    scheme = await scheme_id(prevention, headers, "desa-anti-maladministrasi")
    opened = await prevention.client.post(
        f"{VILLAGES}/{village}/assessment",
        json={"scheme_id": scheme},
        headers={**headers, "If-Match": current.headers["ETag"]},
    )
    return opened.status_code


async def _open_instrument(
    prevention: RunningService, headers: dict[str, str], village: str
) -> str:
    current = await prevention.client.get(f"{VILLAGES}/{village}", headers=headers)
    scheme = await scheme_id(prevention, headers, "desa-anti-maladministrasi")
    opened = await prevention.client.post(
        f"{VILLAGES}/{village}/assessment",
        json={"scheme_id": scheme},
        headers={**headers, "If-Match": current.headers["ETag"]},
    )
    assert opened.status_code == 200, opened.text
    return str(opened.json()["assessment_id"])


async def test_an_analyst_is_offered_nothing_and_refused(
    prevention: RunningService,
    enumerator: dict[str, str],
    head: dict[str, str],
    analyst: dict[str, str],
) -> None:
    village = await _nominate(prevention, enumerator)
    assert await offered_steps(prevention, enumerator, VILLAGES, village) == [
        "mentoring",
        "not_selected",
    ]
    assert await offered_steps(prevention, head, VILLAGES, village) == [
        "mentoring",
        "not_selected",
    ]
    assert await offered_steps(prevention, analyst, VILLAGES, village) == []
    assert await _take(prevention, analyst, village, "mentoring") == 403
    # Mentored: the instrument's opening is offered to the unit, not to the analyst.
    assert await _take(prevention, enumerator, village, "mentoring") == 200
    assert await _actions(prevention, analyst, village) == []
    assert await _open(prevention, analyst, village) == 403
    assert await _actions(prevention, enumerator, village) == ["open_instrument"]


async def test_the_instrument_is_offered_once_while_mentored(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    village = await _nominate(prevention, enumerator)
    assert await _actions(prevention, enumerator, village) == []
    assert await _open(prevention, enumerator, village) == 409
    assert await _take(prevention, enumerator, village, "mentoring") == 200
    assert await _actions(prevention, enumerator, village) == ["open_instrument"]
    assert await _open(prevention, enumerator, village) == 200
    assert await _actions(prevention, enumerator, village) == []
    assert await _open(prevention, enumerator, village) == 409


async def test_every_stage_listed_is_accepted_and_the_others_refused(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    head: dict[str, str],
) -> None:
    # From the nomination: each listed stage taken on a village of its own.
    nominated = await _nominate(prevention, enumerator)
    for stage in await offered_steps(prevention, enumerator, VILLAGES, nominated):
        village = await _nominate(prevention, enumerator)
        assert await _take(prevention, enumerator, village, stage) == 200, stage

    village = await _nominate(prevention, enumerator)
    assert await _take(prevention, enumerator, village, "mentoring") == 200
    # Mentored without the instrument: the regency's verification is not offered, and
    # the route refuses it.
    assert await offered_steps(prevention, enumerator, VILLAGES, village) == ["not_selected"]
    assert await _take(prevention, enumerator, village, "regency_verified") == 409
    assessment = await _open_instrument(prevention, enumerator, village)
    assert await offered_steps(prevention, enumerator, VILLAGES, village) == [
        "regency_verified",
        "not_selected",
    ]
    assert await _take(prevention, enumerator, village, "regency_verified") == 200
    assert await offered_steps(prevention, enumerator, VILLAGES, village) == [
        "mentoring",
        "office_verified",
        "not_selected",
    ]
    definition = SchemeDefinition.model_validate_json(
        (SCHEME_FILES / "scheme_village_2022.json").read_text()
    )
    await answer_everything(prevention, enumerator, reviewer, assessment, definition)
    assert await _take(prevention, enumerator, village, "office_verified") == 200

    # Verified by the office: the decision is offered to the head only.
    assert await offered_steps(prevention, enumerator, VILLAGES, village) == ["not_selected"]
    assert await _take(prevention, enumerator, village, "decided") == 403
    assert await offered_steps(prevention, head, VILLAGES, village) == [
        "decided",
        "not_selected",
    ]
    assert await _take(prevention, head, village, "decided") == 200
    assert await offered_steps(prevention, head, VILLAGES, village) == []
    assert await _take(prevention, head, village, "not_selected") == 409
