"""Objections' pure rules: filing and answer terms, late objections, the appeal's terms,
and the terms as the settings give them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from apik_consultation.deps import terms_of
from apik_consultation.objections import rules
from apik_consultation.objections.rules import AnswerCountsFrom, AnswerState, ObjectionTerms
from apik_consultation.settings import Settings
from apik_consultation.visits.rules import Category
from apik_shared.vocabulary.calendar import OfficeCalendar

# The national calendar of a WIB office with the civil servants' cuti bersama: around
# the turn of 2026, Thu 24 Dec (cuti bersama), Fri 25 Dec (Christmas), Fri 1 Jan 2027
# (New Year) and Tue 5 Jan 2027 (Isra' Mi'raj) are days off, besides the weekends.
CALENDAR = OfficeCalendar()


class TestObjectionTerms:
    terms = ObjectionTerms()

    def test_five_calendar_days_after_the_announcement(self):
        announced = date(2026, 11, 20)  # a Friday: the weekend counts
        # 20 Nov + 5 = Wed 25 Nov, a working day: the period ends there.
        assert self.terms.filing_deadline(announced, CALENDAR) == date(2026, 11, 25)
        filed: dict[str, Any] = {"announced_on": announced, "calendar": CALENDAR}
        assert not self.terms.is_late(**filed, filed_on=date(2026, 11, 25))
        assert self.terms.is_late(**filed, filed_on=date(2026, 11, 26))

    def test_a_filing_period_ending_on_a_day_off_ends_on_the_next_working_day(self):
        # Announced Mon 21 Dec 2026: 21 + 5 = Sat 26 Dec; Sun 27 is off too, so the
        # period ends Mon 28 Dec, and an objection filed that day is in time.
        announced = date(2026, 12, 21)
        assert self.terms.filing_deadline(announced, CALENDAR) == date(2026, 12, 28)
        filed: dict[str, Any] = {"announced_on": announced, "calendar": CALENDAR}
        assert not self.terms.is_late(**filed, filed_on=date(2026, 12, 28))
        assert self.terms.is_late(**filed, filed_on=date(2026, 12, 29))
        # The other reading (plain calendar days) ends it on Sat 26 Dec.
        plain = ObjectionTerms(roll_to_working_day=False)
        assert plain.filing_deadline(announced, CALENDAR) == date(2026, 12, 26)
        assert plain.is_late(**filed, filed_on=date(2026, 12, 28))

    def test_the_office_s_own_closure_moves_the_end_too(self):
        # Announced Thu 24 Dec 2026: 24 + 5 = Tue 29 Dec, a working day nationally; an
        # office closed that day (a flood) ends the period on Wed 30 Dec.
        closed = OfficeCalendar(closures=frozenset({date(2026, 12, 29)}))
        assert self.terms.filing_deadline(date(2026, 12, 24), CALENDAR) == date(2026, 12, 29)
        assert self.terms.filing_deadline(date(2026, 12, 24), closed) == date(2026, 12, 30)

    def test_the_answer_counts_from_the_end_of_the_filing_period(self):
        # Announced Thu 24 Dec 2026, filed Mon 28 Dec. The filing period ends Tue 29 Dec
        # (24 + 5); the answer is due 29 + 3 = Fri 1 Jan 2027, New Year's Day; Sat 2 and
        # Sun 3 are off: due Mon 4 Jan 2027, whatever day in the period it was filed.
        objection: dict[str, Any] = {"announced_on": date(2026, 12, 24), "calendar": CALENDAR}
        for filed_on in (date(2026, 12, 24), date(2026, 12, 28), date(2026, 12, 29)):
            assert self.terms.answer_due(**objection, filed_on=filed_on) == date(2027, 1, 4)
        # Counted from filing instead: 28 Dec + 3 = Thu 31 Dec, a working day.
        from_filing = ObjectionTerms(answer_counts_from=AnswerCountsFrom.filing)
        assert from_filing.answer_due(**objection, filed_on=date(2026, 12, 28)) == date(
            2026, 12, 31
        )
        # Neither rolled nor from the period's end: 28 Dec + 3 = 31 Dec as well; from the
        # period's end without rolling: 1 Jan 2027, a holiday.
        plain = ObjectionTerms(roll_to_working_day=False)
        assert plain.answer_due(**objection, filed_on=date(2026, 12, 28)) == date(2027, 1, 1)

    def test_the_term_is_configurable(self):
        terms = ObjectionTerms(filing_days=7)
        # 1 Nov + 7 = Sun 8 Nov 2026: rolled to Mon 9 Nov.
        assert terms.filing_deadline(date(2026, 11, 1), CALENDAR) == date(2026, 11, 9)
        assert not terms.is_late(
            announced_on=date(2026, 11, 1), filed_on=date(2026, 11, 9), calendar=CALENDAR
        )

    def test_a_late_objection_is_accepted_as_a_complaint(self):
        late = rules.effective_category(
            Category.objection,
            announced_on=date(2026, 11, 1),
            filed_on=date(2026, 11, 24),
            terms=self.terms,
            calendar=CALENDAR,
        )
        assert late is Category.complaint
        in_time = rules.effective_category(
            Category.objection,
            announced_on=date(2026, 11, 20),
            filed_on=date(2026, 11, 24),
            terms=self.terms,
            calendar=CALENDAR,
        )
        assert in_time is Category.objection

    def test_other_categories_stay(self):
        assert (
            rules.effective_category(
                Category.consultation,
                announced_on=None,
                filed_on=date(2026, 11, 24),
                terms=self.terms,
                calendar=CALENDAR,
            )
            is Category.consultation
        )

    def test_answer_due_and_overdue(self):
        # Announced Fri 20 Nov 2026: the period ends Wed 25 Nov, the answer is due
        # 25 + 3 = Sat 28 Nov, rolled over the weekend to Mon 30 Nov.
        due = self.terms.answer_due(
            announced_on=date(2026, 11, 20), filed_on=date(2026, 11, 24), calendar=CALENDAR
        )
        assert due == date(2026, 11, 30)
        assert rules.answer_state(due_on=due, today=due, answered=False) is AnswerState.due
        late = due + timedelta(days=1)
        assert rules.answer_state(due_on=due, today=late, answered=False) is AnswerState.overdue
        assert rules.answer_state(due_on=due, today=late, answered=True) is AnswerState.answered

    def test_appeal_terms(self):
        # Answered Tue 24 Nov 2026: + 5 = Sun 29 Nov, so Mon 30 Nov.
        assert self.terms.appeal_deadline(date(2026, 11, 24), CALENDAR) == date(2026, 11, 30)
        # Answered Mon 4 Jan 2027: + 5 = Sat 9 Jan, so Mon 11 Jan.
        assert self.terms.appeal_deadline(date(2027, 1, 4), CALENDAR) == date(2027, 1, 11)
        # Appealed Wed 25 Nov 2026: + 14 = Wed 9 Dec, a working day.
        assert self.terms.appeal_answer_due(date(2026, 11, 25), CALENDAR) == date(2026, 12, 9)
        # Appealed Tue 22 Dec 2026: + 14 = Tue 5 Jan 2027, Isra' Mi'raj: Wed 6 Jan.
        assert self.terms.appeal_answer_due(date(2026, 12, 22), CALENDAR) == date(2027, 1, 6)

    def test_the_guarantee_is_one_percent_of_the_estimate(self):
        assert self.terms.guarantee_suffices(guarantee=10_000_000, estimate=1_000_000_000)
        assert not self.terms.guarantee_suffices(guarantee=9_999_999, estimate=1_000_000_000)
        assert ObjectionTerms(appeal_guarantee_percent=2).guarantee_suffices(
            guarantee=20, estimate=1000
        )

    def test_appeals_are_open_to_every_tender_unless_the_office_limits_them(self):
        for construction in (None, False, True):
            assert self.terms.appeal_open_to(construction=construction)
        limited = ObjectionTerms(appeal_construction_only=True)
        assert limited.appeal_open_to(construction=True)
        assert not limited.appeal_open_to(construction=False)
        assert not limited.appeal_open_to(construction=None)


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
            objection_periods_end_on_working_day=False,
            objection_answer_counts_from="filing",
            appeal_construction_only=True,
        )
        terms = terms_of(settings)
        assert terms == ObjectionTerms(
            filing_days=7,
            answer_days=4,
            appeal_filing_days=3,
            appeal_answer_days=10,
            appeal_guarantee_percent=2,
            roll_to_working_day=False,
            answer_counts_from=AnswerCountsFrom.filing,
            appeal_construction_only=True,
        )
        assert not terms.is_late(
            announced_on=date(2026, 11, 1), filed_on=date(2026, 11, 8), calendar=CALENDAR
        )
        # Unset, they are the defaults docs/objections.md gives the sources of: 5, 3, 5
        # and 14 days, 1 %, periods ending on a working day, the answer counted from the
        # end of the filing period, appeals open to every tender.
        assert terms_of(Settings(env="development")) == ObjectionTerms()
        assert ObjectionTerms() == ObjectionTerms(
            filing_days=5,
            answer_days=3,
            appeal_filing_days=5,
            appeal_answer_days=14,
            appeal_guarantee_percent=1,
            roll_to_working_day=True,
            answer_counts_from=AnswerCountsFrom.filing_period_end,
            appeal_construction_only=False,
        )

    def test_an_unknown_reading_is_refused(self):
        with pytest.raises(ValidationError, match="objection_answer_counts_from"):
            Settings(env="development", objection_answer_counts_from="announcement")

    def test_a_term_of_zero_days_is_refused(self):
        with pytest.raises(ValidationError, match="objection_filing_days"):
            Settings(env="development", objection_filing_days=0)
