"""A visit's pure rules: the service clock and the state machine."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from apik_consultation.visits import rules
from apik_consultation.visits.rules import Step, VisitStatus

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


class TestServiceSeconds:
    def test_not_started_is_zero(self):
        assert rules.service_seconds([], at(10)) == 0

    def test_running_counts_until_now(self):
        assert rules.service_seconds([(Step.start, at(0))], at(7)) == 420

    def test_start_to_end(self):
        assert rules.service_seconds([(Step.start, at(0)), (Step.end, at(12))], at(60)) == 720

    def test_pauses_are_not_counted(self):
        marks = [
            (Step.start, at(0)),
            (Step.pause, at(5)),
            (Step.resume, at(15)),
            (Step.pause, at(20)),
            (Step.resume, at(30)),
            (Step.end, at(31)),
        ]
        assert rules.service_seconds(marks, at(99)) == (5 + 5 + 1) * 60

    def test_paused_clock_stands_still(self):
        marks = [(Step.start, at(0)), (Step.pause, at(3))]
        assert rules.service_seconds(marks, at(10)) == rules.service_seconds(marks, at(50)) == 180

    def test_order_of_marks_does_not_matter_and_others_are_ignored(self):
        marks = [
            (Step.end, at(10)),
            (Step.assign, at(-5)),
            (Step.start, at(0)),
            (Step.rate, at(11)),
        ]
        assert rules.service_seconds(marks, at(20)) == 600

    def test_stray_marks_change_nothing(self):
        marks = [(Step.pause, at(1)), (Step.start, at(2)), (Step.start, at(3)), (Step.end, at(4))]
        assert rules.service_seconds(marks, at(9)) == 120

    def test_now_before_start_is_not_negative(self):
        assert rules.service_seconds([(Step.start, at(5))], at(0)) == 0


class TestStateMachine:
    def test_a_visit_goes_from_queue_to_completed(self):
        status = VisitStatus.waiting
        for step in (Step.pick_up, Step.start, Step.pause, Step.resume, Step.end, Step.rate):
            status = rules.next_status(status, step)
        assert status is VisitStatus.completed

    @pytest.mark.parametrize(
        ("status", "step"),
        [
            (VisitStatus.waiting, Step.end),
            (VisitStatus.waiting, Step.rate),
            (VisitStatus.in_service, Step.start),
            (VisitStatus.paused, Step.pause),
            (VisitStatus.ended, Step.resume),
            (VisitStatus.completed, Step.rate),
            (VisitStatus.assigned, Step.pick_up),
        ],
    )
    def test_steps_out_of_order_are_refused(self, status, step):
        with pytest.raises(rules.StepNotAllowed):
            rules.next_status(status, step)

    def test_allowed_steps(self):
        desk = {"desk_officer", "desk_supervisor"}
        assert rules.allowed_steps(VisitStatus.in_service, desk) == [Step.pause, Step.end]
        assert rules.allowed_steps(VisitStatus.completed, desk) == []

    def test_allowed_steps_are_the_readers_own(self):
        # Assigning is the supervisor's, picking up the officer's; a head takes none.
        waiting = VisitStatus.waiting
        assert rules.allowed_steps(waiting, {"desk_officer"}) == [Step.pick_up, Step.start]
        assert rules.allowed_steps(waiting, {"desk_supervisor"}) == [Step.assign, Step.start]
        assert rules.allowed_steps(waiting, {"head", "analyst"}) == []
