"""When a case's corrective actions and recommendation count as followed up."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from apik_prevention.assessments.rules import Answer, explain
from apik_prevention.assessments.schemas import FollowUpState, SuggestionsFollowUp
from apik_prevention.follow_up.rules import (
    CaseFacts,
    State,
    SuggestionFacts,
    agency_key,
    corrective_state,
    suggestion_state,
    suggestion_tally,
    tally,
)
from tests.prevention.builders import indicators, shipped


def facts(**kw: Any) -> CaseFacts:
    base: dict[str, Any] = {
        "registration_number": "KAB-00001",
        "corrective": False,
        "monitoring": False,
        "closed": False,
        "recommendation": False,
        "implementation": None,
    }
    return CaseFacts(**{**base, **kw})


@pytest.mark.parametrize(
    ("kw", "state"),
    [
        ({}, None),  # no corrective action
        ({"corrective": True}, State.pending),  # within its deadline
        ({"corrective": True, "closed": True}, State.followed_up),
        ({"corrective": True, "monitoring": True}, State.not_followed_up),
        # Monitoring started, closed later: late, so not followed up.
        ({"corrective": True, "monitoring": True, "closed": True}, State.not_followed_up),
    ],
)
def test_corrective_actions(kw: dict[str, object], state: State | None) -> None:
    assert corrective_state(facts(**kw)) == state


def test_a_tally_counts_decided_ones_and_keeps_pending_apart() -> None:
    counted = tally(
        [
            facts(registration_number="A", corrective=True, closed=True),  # followed
            facts(registration_number="B", recommendation=True, implementation="implemented"),
            facts(registration_number="C", recommendation=True, implementation="partly"),
            facts(registration_number="D", recommendation=True),  # no report yet
            facts(registration_number="E", closed=True),  # nothing to follow up
        ]
    )
    assert (counted.issued, counted.followed_up, counted.pending) == (3, 2, 1)
    assert [c.recommendation for c in counted.cases] == [
        None,
        State.followed_up,
        State.not_followed_up,
        State.pending,
        None,
    ]


# --- the unit's suggestions from studies ------------------------------------------------
TODAY = date(2025, 6, 1)


@pytest.mark.parametrize(
    ("due_on", "status", "state"),
    [
        (date(2025, 5, 1), "followed_up", State.followed_up),
        (date(2025, 7, 1), "not_followed_up", State.not_followed_up),  # refused early
        (date(2025, 5, 31), "open", State.not_followed_up),  # overdue, still open
        (date(2025, 5, 31), "in_progress", State.not_followed_up),
        (date(2025, 6, 1), "open", State.pending),  # the due day is still the agency's
        (date(2025, 9, 1), "in_progress", State.pending),
    ],
)
def test_a_suggestions_state(due_on: date, status: str, state: State) -> None:
    assert suggestion_state(SuggestionFacts(due_on=due_on, status=status), TODAY) is state


def test_suggestions_hold_unless_one_is_left_without_follow_up() -> None:
    pending = SuggestionFacts(due_on=date(2025, 9, 1), status="open")
    done = SuggestionFacts(due_on=date(2025, 2, 1), status="followed_up")
    overdue = SuggestionFacts(due_on=date(2025, 2, 1), status="in_progress")
    assert suggestion_tally([], TODAY).holds  # nothing due: nothing left undone
    fine = suggestion_tally([pending, done], TODAY)
    assert (fine.followed_up, fine.not_followed_up, fine.pending, fine.holds) == (1, 0, 1, True)
    assert not suggestion_tally([done, overdue], TODAY).holds


def test_an_agency_is_matched_without_case_or_spacing() -> None:
    assert agency_key("  Dinas  Kependudukan ") == agency_key("dinas kependudukan")
    assert agency_key("Dinas Kesehatan") != agency_key("Dinas Kependudukan")


def test_the_suffix_needs_both_the_cases_and_the_suggestions() -> None:
    scheme = shipped(2025)
    answers = [Answer(i.code, (i.scale or scheme.scale).max) for i in indicators(scheme)]
    cases = FollowUpState(issued=4, followed_up=4)

    def hold(holds: bool) -> SuggestionsFollowUp:
        return SuggestionsFollowUp(
            followed_up=2, not_followed_up=0 if holds else 1, pending=0, holds=holds
        )

    granted = explain(scheme, answers, cases, hold(True)).result
    assert granted is not None and granted.suffix == "Tanpa Maladministrasi"
    assert granted.suggestions_hold is True
    withheld = explain(scheme, answers, cases, hold(False))
    assert withheld.result is not None and withheld.result.opinion
    assert withheld.result.suffix is None and withheld.result.follow_up_holds is True
    assert withheld.result.suggestions_hold is False
    assert withheld.suggestions == hold(False)  # the explanation names the part that failed
    # Suggestions holding cannot make up for cases not followed up.
    short = explain(scheme, answers, FollowUpState(issued=4, followed_up=3), hold(True)).result
    assert short is not None and short.suffix is None
