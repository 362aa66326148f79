"""The villages' stages and what each move needs, as pure rules."""

from __future__ import annotations

import pytest

from apik_prevention.villages.rules import (
    Action,
    Facts,
    Stage,
    allowed_actions,
    allowed_steps,
    refusal,
    step,
)

READY = Facts(has_assessment=True, score_complete=True, is_head=True, decree_number="1/2024")


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("nominated", Stage.mentoring, True),
        ("mentoring", Stage.regency_verified, True),
        ("regency_verified", Stage.office_verified, True),
        ("regency_verified", Stage.mentoring, True),
        ("office_verified", Stage.decided, True),
        ("office_verified", Stage.not_selected, True),
        ("nominated", Stage.decided, False),
        ("mentoring", Stage.office_verified, False),
        ("decided", Stage.not_selected, False),
        ("not_selected", Stage.mentoring, False),
    ],
)
def test_the_stages(current: str, target: Stage, allowed: bool) -> None:
    assert (step(current, target) is not None) is allowed


def test_each_verification_needs_the_instrument_and_the_decision_the_head() -> None:
    assert refusal(Stage.regency_verified, READY) is None
    no_instrument = Facts(False, False, True, None)
    assert refusal(Stage.regency_verified, no_instrument) is not None
    incomplete = Facts(True, False, True, None)
    assert refusal(Stage.office_verified, incomplete) is not None
    assert refusal(Stage.office_verified, READY) is None
    officer = Facts(True, True, False, "1/2024")
    assert refusal(Stage.decided, officer) == ("stage", "The decision letter is the head's.")
    unnumbered = Facts(True, True, True, None)
    assert (refusal(Stage.decided, unnumbered) or ("",))[0] == "decree_number"
    assert refusal(Stage.decided, READY) is None


def _offered(current: str, *, may_move: bool = True, is_head: bool = False) -> list[Stage]:
    return allowed_steps(current, may_move=may_move, is_head=is_head, has_assessment=True)


def test_the_stages_offered_from_each_stage_follow_the_programme() -> None:
    assert _offered("nominated") == [Stage.mentoring, Stage.not_selected]
    assert _offered("regency_verified") == [
        Stage.mentoring,
        Stage.office_verified,
        Stage.not_selected,
    ]
    assert _offered("office_verified", is_head=True) == [Stage.decided, Stage.not_selected]
    assert _offered("decided", is_head=True) == [] and _offered("not_selected") == []


def test_the_stages_offered_are_the_callers() -> None:
    # The decision is the head's: the unit is not offered it.
    assert _offered("office_verified") == [Stage.not_selected]
    # A reader who cannot move villages (an analyst) is offered nothing.
    assert _offered("nominated", may_move=False, is_head=False) == []
    # The regency's verification waits for the instrument.
    unopened = allowed_steps("mentoring", may_move=True, is_head=False, has_assessment=False)
    assert unopened == [Stage.not_selected]
    assert _offered("mentoring") == [Stage.regency_verified, Stage.not_selected]


def test_the_instrument_is_offered_once_while_mentored() -> None:
    assert allowed_actions("mentoring", may_move=True, has_assessment=False) == [
        Action.open_instrument
    ]
    assert allowed_actions("mentoring", may_move=True, has_assessment=True) == []
    assert allowed_actions("mentoring", may_move=False, has_assessment=False) == []
    assert allowed_actions("nominated", may_move=True, has_assessment=False) == []
