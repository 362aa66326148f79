"""Objections' pure rules: filing and answer terms, late objections, the appeal's terms,
and the terms as the settings give them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from pydantic import ValidationError

from apik_consultation.deps import terms_of
from apik_consultation.objections import rules
from apik_consultation.objections.rules import AnswerState, ObjectionTerms
from apik_consultation.settings import Settings
from apik_consultation.visits.rules import Category


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
