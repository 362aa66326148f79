"""The desk's pure rules: the clock, the state machine, objection terms, performance."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from apik_consultation import rules
from apik_consultation.deps import terms_of
from apik_consultation.rules import (
    AnswerState,
    Category,
    ObjectionTerms,
    Served,
    Step,
    VisitStatus,
)
from apik_consultation.settings import Settings

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
        assert rules.allowed_steps(VisitStatus.in_service) == [Step.pause, Step.end]
        assert rules.allowed_steps(VisitStatus.completed) == []


class TestObjectionTerms:
    terms = ObjectionTerms()

    def test_five_calendar_days_after_the_announcement(self):
        announced = date(2026, 11, 20)  # a Friday: the weekend counts
        assert self.terms.filing_deadline(announced) == date(2026, 11, 25)
        assert not self.terms.is_late(announced_on=announced, filed_on=date(2026, 11, 25))
        assert self.terms.is_late(announced_on=announced, filed_on=date(2026, 11, 26))

    def test_the_term_is_configurable(self):
        terms = ObjectionTerms(filing_days=7)
        assert not terms.is_late(announced_on=date(2026, 11, 1), filed_on=date(2026, 11, 8))

    def test_a_late_objection_is_accepted_as_a_complaint(self):
        late = rules.effective_category(
            Category.objection,
            announced_on=date(2026, 11, 1),
            filed_on=date(2026, 11, 24),
            terms=self.terms,
        )
        assert late is Category.complaint
        in_time = rules.effective_category(
            Category.objection,
            announced_on=date(2026, 11, 20),
            filed_on=date(2026, 11, 24),
            terms=self.terms,
        )
        assert in_time is Category.objection

    def test_other_categories_stay(self):
        assert (
            rules.effective_category(
                Category.consultation,
                announced_on=None,
                filed_on=date(2026, 11, 24),
                terms=self.terms,
            )
            is Category.consultation
        )

    def test_answer_due_and_overdue(self):
        due = self.terms.answer_due(date(2026, 11, 24))
        assert due == date(2026, 11, 27)
        assert rules.answer_state(due_on=due, today=due, answered=False) is AnswerState.due
        late = due + timedelta(days=1)
        assert rules.answer_state(due_on=due, today=late, answered=False) is AnswerState.overdue
        assert rules.answer_state(due_on=due, today=late, answered=True) is AnswerState.answered

    def test_appeal_terms(self):
        answered = date(2026, 11, 24)
        assert self.terms.appeal_deadline(answered) == date(2026, 11, 29)
        assert self.terms.appeal_answer_due(date(2026, 11, 25)) == date(2026, 12, 9)

    def test_the_guarantee_is_one_percent_of_the_estimate(self):
        assert self.terms.guarantee_suffices(guarantee=10_000_000, estimate=1_000_000_000)
        assert not self.terms.guarantee_suffices(guarantee=9_999_999, estimate=1_000_000_000)
        assert ObjectionTerms(appeal_guarantee_percent=2).guarantee_suffices(
            guarantee=20, estimate=1000
        )


class TestPerformance:
    def test_figures_per_officer(self):
        served = [
            Served("ani", 600, 5),
            Served("ani", 300, 4),
            Served("ani", 1200, 2),
            Served("budi", 100, None),
        ]
        ani, budi = rules.performance(served)
        assert ani.officer == "ani" and ani.visits_served == 3
        assert ani.average_duration_seconds == 700.0
        assert ani.median_duration_seconds == 600.0
        assert ani.average_rating == round(11 / 3, 2)
        assert ani.share_rated_4_5 == round(2 / 3, 4)
        assert budi.visits_served == 1
        assert budi.average_rating is None and budi.share_rated_4_5 is None

    def test_median_of_an_even_count(self):
        [one] = rules.performance([Served("c", 100, 5), Served("c", 200, 5)])
        assert one.median_duration_seconds == 150.0
        assert one.share_rated_4_5 == 1.0

    def test_nothing_served(self):
        assert rules.performance([]) == []


class TestTermsFromSettings:
    """The office sets its own terms (`APIK_OBJECTION_FILING_DAYS`, …); the routes read
    them through `terms_of`."""

    def test_every_term_is_taken_from_the_settings(self):
        settings = Settings(
            env="development",
            objection_filing_days=7,
            objection_answer_days=4,
            appeal_filing_days=3,
            appeal_answer_days=10,
            appeal_guarantee_percent=2,
        )
        terms = terms_of(settings)
        assert terms == ObjectionTerms(
            filing_days=7,
            answer_days=4,
            appeal_filing_days=3,
            appeal_answer_days=10,
            appeal_guarantee_percent=2,
        )
        assert not terms.is_late(announced_on=date(2026, 11, 1), filed_on=date(2026, 11, 8))
        # Unset, they are the procurement rules' own: 5, 3, 5 and 14 days, 1 %.
        assert terms_of(Settings(env="development")) == ObjectionTerms()

    def test_a_term_of_zero_days_is_refused(self):
        with pytest.raises(ValidationError, match="objection_filing_days"):
            Settings(env="development", objection_filing_days=0)
