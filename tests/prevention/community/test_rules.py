"""The community's pure rules: which steps a member offers to whom."""

from __future__ import annotations

from datetime import date

import pytest

from apik_prevention.community.rules import TARGET, MemberStatus, Step, allowed_steps, can_move

INDUCTED = date(2025, 2, 15)


@pytest.mark.parametrize(
    ("status", "known", "inducted_on", "expected"),
    [
        ("candidate", True, None, [Step.induct, Step.decline]),
        # An alumnus who has not completed their record cannot be inducted yet.
        ("candidate", False, None, [Step.decline]),
        ("active", True, INDUCTED, [Step.leave, Step.training]),
        ("inactive", True, INDUCTED, [Step.come_back, Step.training]),
        # Declined before the induction: may come back, but was never trained.
        ("inactive", True, None, [Step.come_back]),
    ],
)
def test_the_unit_is_offered_the_moves_and_training_that_fit(
    status: str, known: bool, inducted_on: date | None, expected: list[Step]
) -> None:
    assert allowed_steps(status, officer=True, known=known, inducted_on=inducted_on) == expected


@pytest.mark.parametrize("status", ["candidate", "active", "inactive"])
def test_a_reader_outside_the_unit_is_offered_nothing(status: str) -> None:
    assert allowed_steps(status, officer=False, known=True, inducted_on=INDUCTED) == []


@pytest.mark.parametrize("status", list(MemberStatus))
def test_every_offered_move_is_one_the_state_machine_allows(status: MemberStatus) -> None:
    for step in allowed_steps(status, officer=True, known=True, inducted_on=INDUCTED):
        if step is not Step.training:
            assert can_move(status, TARGET[step]), (status, step)
