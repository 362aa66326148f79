"""Round-robin turns: stable order, capacity, absence, wrapping round."""

from __future__ import annotations

from datetime import date

from apik_examination.assignment.rules import Candidate, next_in_turn

TODAY = date(2026, 3, 25)


def ids(*candidates: Candidate | None) -> list[str | None]:
    return [c.examiner_id if c else None for c in candidates]


def test_turns_follow_the_ids_and_wrap_round():
    team = [Candidate("user:c", 0, 5), Candidate("user:a", 0, 5), Candidate("user:b", 0, 5)]
    assert ids(next_in_turn(team, last=None, today=TODAY)) == ["user:a"]
    assert ids(next_in_turn(team, last="user:a", today=TODAY)) == ["user:b"]
    assert ids(next_in_turn(team, last="user:c", today=TODAY)) == ["user:a"]
    # Someone who left the roster: the turn goes to whoever follows them.
    assert ids(next_in_turn(team, last="user:bb", today=TODAY)) == ["user:c"]


def test_full_absent_and_out_of_rotation_examiners_are_skipped():
    team = [
        Candidate("user:a", 3, 3),  # full
        Candidate("user:b", 0, 3, absent_from=date(2026, 3, 23), absent_until=date(2026, 3, 27)),
        Candidate("user:c", 0, 3, in_rotation=False),
        Candidate("user:d", 2, 3),
    ]
    assert ids(next_in_turn(team, last=None, today=TODAY)) == ["user:d"]
    back = date(2026, 3, 28)
    assert ids(next_in_turn(team, last=None, today=back)) == ["user:b"]


def test_open_ended_absence_and_nobody_available():
    away = Candidate("user:a", 0, 3, absent_from=date(2026, 3, 1))
    assert away.absent_on(date(2027, 1, 1)) and not away.absent_on(date(2026, 2, 28))
    assert next_in_turn([away, Candidate("user:b", 1, 1)], last=None, today=TODAY) is None
    assert next_in_turn([], last="user:a", today=TODAY) is None
