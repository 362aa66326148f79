"""Objections' pure rules (sanggahan and sanggah banding): terms, late filing, answer
states (no FastAPI, no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pydantic_core import PydanticCustomError

from apik_consultation.visits.rules import Category
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.field_errors import invalid


class AnswerCountsFrom(StrEnum):
    """Where the objection's answer term starts."""

    # Perpres 16/2018's tender documents: the end of the filing period, so every
    # objection of one tender has the same answer day.
    filing_period_end = "filing_period_end"
    # The other reading: the day this objection was filed.
    filing = "filing"


@dataclass(frozen=True)
class ObjectionTerms:
    """Sanggahan: filed within `filing_days` calendar days of the winner announcement,
    answered within `answer_days` of the end of the filing period (or, with
    `answer_counts_from=filing`, of filing). Sanggah banding: filed within
    `appeal_filing_days` of the answer with a guarantee of `appeal_guarantee_percent` of
    the owner's estimate (HPS), answered within `appeal_answer_days`; open to every
    tender unless `appeal_construction_only`. A period that ends on a day the office
    does not work ends on its next working day (`roll_to_working_day`).

    Defaults and their sources: docs/objections.md.
    """

    filing_days: int = 5
    answer_days: int = 3
    appeal_filing_days: int = 5
    appeal_answer_days: int = 14
    appeal_guarantee_percent: int = 1
    roll_to_working_day: bool = True
    answer_counts_from: AnswerCountsFrom = AnswerCountsFrom.filing_period_end
    appeal_construction_only: bool = False

    def _period_end(self, start: date, days: int, calendar: OfficeCalendar) -> date:
        """`days` calendar days after `start`, moved to the next working day when the
        office does not work that day."""
        end = start + timedelta(days=days)
        if self.roll_to_working_day:
            return calendar.next_working_day(end, include_today=True)
        return end

    def filing_deadline(self, announced_on: date, calendar: OfficeCalendar) -> date:
        return self._period_end(announced_on, self.filing_days, calendar)

    def is_late(self, *, announced_on: date, filed_on: date, calendar: OfficeCalendar) -> bool:
        return filed_on > self.filing_deadline(announced_on, calendar)

    def answer_due(self, *, announced_on: date, filed_on: date, calendar: OfficeCalendar) -> date:
        start = (
            self.filing_deadline(announced_on, calendar)
            if self.answer_counts_from is AnswerCountsFrom.filing_period_end
            else filed_on
        )
        return self._period_end(start, self.answer_days, calendar)

    def appeal_deadline(self, answered_on: date, calendar: OfficeCalendar) -> date:
        return self._period_end(answered_on, self.appeal_filing_days, calendar)

    def appeal_answer_due(self, appealed_on: date, calendar: OfficeCalendar) -> date:
        return self._period_end(appealed_on, self.appeal_answer_days, calendar)

    def guarantee_suffices(self, *, guarantee: int, estimate: int) -> bool:
        """Whole rupiah, so no rounding: guarantee >= estimate x percent / 100."""
        return guarantee * 100 >= estimate * self.appeal_guarantee_percent

    def appeal_open_to(self, *, construction: bool | None) -> bool:
        """Whether a tender may be appealed: every one, or with `appeal_construction_only`
        only one the desk recorded as construction work."""
        return not self.appeal_construction_only or construction is True


def effective_category(
    requested: Category,
    *,
    announced_on: date | None,
    filed_on: date,
    terms: ObjectionTerms,
    calendar: OfficeCalendar,
) -> Category:
    """A late objection is not refused: the rules accept it as a complaint."""
    if (
        requested is Category.objection
        and announced_on is not None
        and terms.is_late(announced_on=announced_on, filed_on=filed_on, calendar=calendar)
    ):
        return Category.complaint
    return requested


class AnswerState(StrEnum):
    answered = "answered"
    due = "due"  # the deadline is today or later
    overdue = "overdue"


def answer_state(*, due_on: date, today: date, answered: bool) -> AnswerState:
    if answered:
        return AnswerState.answered
    return AnswerState.due if today <= due_on else AnswerState.overdue


def check_in_problem(
    *, category: Category, tender_reference: str | None, announced_on: date | None, today: date
) -> tuple[str, PydanticCustomError] | None:
    """(field, why) when a check-in's tender fields do not fit its category: only an
    objection names a tender, and it needs the winner announcement's past date."""
    if category is not Category.objection:
        only = invalid("tender_objection_only", "Only an objection names a tender.")
        if tender_reference is not None:
            return "tender_reference", only
        if announced_on is not None:
            return "announced_on", only
        return None
    if not tender_reference:
        return "tender_reference", invalid("tender_required", "An objection names its tender.")
    if announced_on is None:
        return "announced_on", invalid(
            "announcement_date_required", "An objection needs the winner announcement's date."
        )
    if announced_on > today:
        return "announced_on", invalid("date_in_future", "The announcement date is in the future.")
    return None
