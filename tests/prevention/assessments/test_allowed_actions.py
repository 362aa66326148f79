"""An assessment's and its entries' `allowed_actions` through the API are the caller's
(issue 21: the entry form and the review buttons are shown from them). Every action
listed is accepted by the route, taken as the web app takes it; one not listed is
refused."""

from __future__ import annotations

import pytest

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import (
    ASSESSMENTS,
    add_entry,
    answer_everything,
    entry_body,
    open_assessment,
    review,
    scheme_id,
    shipped,
)

ENTRY = entry_body("service_user", [("O.1", 2)])


@pytest.fixture
def analyst(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("analyst", office="KAB", username="analis")


async def _actions(
    prevention: RunningService, headers: dict[str, str], assessment: str
) -> list[str]:
    answer = await prevention.client.get(f"{ASSESSMENTS}/{assessment}", headers=headers)
    assert answer.status_code == 200, answer.text
    actions: list[str] = answer.json()["allowed_actions"]
    return actions


async def _decisions(
    prevention: RunningService, headers: dict[str, str], assessment: str, entry: str
) -> list[str]:
    listed = await prevention.client.get(f"{ASSESSMENTS}/{assessment}/entries", headers=headers)
    assert listed.status_code == 200, listed.text
    [row] = [e for e in listed.json() if e["id"] == entry]
    decisions: list[str] = row["allowed_actions"]
    return decisions


async def _enter(prevention: RunningService, headers: dict[str, str], assessment: str) -> int:
    made = await prevention.client.post(
        f"{ASSESSMENTS}/{assessment}/entries", json=ENTRY, headers=headers
    )
    return made.status_code


async def _decide(
    prevention: RunningService, headers: dict[str, str], assessment: str, entry: str, decision: str
) -> int:
    """The review as the web app sends it (with the entry's version)."""
    listed = await prevention.client.get(f"{ASSESSMENTS}/{assessment}/entries", headers=headers)
    [row] = [e for e in listed.json() if e["id"] == entry]
    decided = await prevention.client.post(
        f"{ASSESSMENTS}/{assessment}/entries/{entry}/review",
        json={"decision": decision},
        headers={**headers, "If-Match": f'"{row["version"]}"'},
    )
    return decided.status_code


async def test_entries_are_offered_to_the_unit_while_a_draft(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    head: dict[str, str],
    analyst: dict[str, str],
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = (await open_assessment(prevention, enumerator, scheme))["id"]
    assert await _actions(prevention, enumerator, assessment) == ["add_entries"]
    for reader in (head, analyst):
        assert await _actions(prevention, reader, assessment) == []
        assert await _enter(prevention, reader, assessment) == 403
    made = await prevention.client.post(
        f"{ASSESSMENTS}/{assessment}/entries", json=ENTRY, headers=enumerator
    )
    assert made.status_code == 201, made.text
    await review(prevention, reviewer, assessment, made.json()["id"], "returned")

    # Past the draft (at the plenary) nobody is offered entries, and they are refused.
    await answer_everything(prevention, enumerator, reviewer, assessment, shipped(2022))
    plenary = await prevention.client.post(f"{ASSESSMENTS}/{assessment}/plenary", headers=head)
    assert plenary.status_code == 200, plenary.text
    assert await _actions(prevention, enumerator, assessment) == []
    assert await _enter(prevention, enumerator, assessment) == 409


async def test_each_decision_listed_is_accepted_and_the_others_refused(
    prevention: RunningService,
    enumerator: dict[str, str],
    reviewer: dict[str, str],
    head: dict[str, str],
    analyst: dict[str, str],
) -> None:
    scheme = await scheme_id(prevention, enumerator, "ombudsman-2022")
    assessment = (await open_assessment(prevention, enumerator, scheme))["id"]
    submitted = ["approved", "returned", "on_hold"]
    for decision in submitted:
        entry = (await add_entry(prevention, enumerator, assessment, ENTRY))["id"]
        assert await _decisions(prevention, reviewer, assessment, entry) == submitted
        # Never the enumerator's own entry (four eyes), nor outside the unit.
        for reader in (enumerator, head, analyst):
            assert await _decisions(prevention, reader, assessment, entry) == []
            assert await _decide(prevention, reader, assessment, entry, decision) == 403
        assert await _decide(prevention, reviewer, assessment, entry, decision) == 200

    held = (await add_entry(prevention, enumerator, assessment, ENTRY))["id"]
    await review(prevention, reviewer, assessment, held, "on_hold")
    assert await _decisions(prevention, reviewer, assessment, held) == ["approved", "returned"]
    assert await _decide(prevention, reviewer, assessment, held, "on_hold") == 409
    assert await _decide(prevention, reviewer, assessment, held, "approved") == 200
    # Approved (or returned): corrected first, no decision offered or taken.
    assert await _decisions(prevention, reviewer, assessment, held) == []
    assert await _decide(prevention, reviewer, assessment, held, "returned") == 409
