"""When a case's corrective actions and recommendation count as followed up."""

from __future__ import annotations

import pytest

from apik_prevention.follow_up.rules import CaseFacts, State, corrective_state, tally


def facts(**kw: object) -> CaseFacts:
    base: dict[str, object] = {
        "registration_number": "KAB-00001",
        "corrective": False,
        "monitoring": False,
        "closed": False,
        "recommendation": False,
        "implementation": None,
    }
    return CaseFacts(**{**base, **kw})  # type: ignore[arg-type]


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
