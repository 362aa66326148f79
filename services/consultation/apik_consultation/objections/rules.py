"""Objections' pure rules (sanggahan and sanggah banding): terms, late filing, answer
states (no FastAPI, no database)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from apik_consultation.visits.rules import Category


@dataclass(frozen=True)
class ObjectionTerms:
    """Sanggahan: filed within `filing_days` calendar days of the winner announcement,
    answered within `answer_days` of filing. Sanggah banding (construction tenders): filed
    within `appeal_filing_days` of the answer with a guarantee of `appeal_guarantee_percent`
    of the owner's estimate (HPS), answered within `appeal_answer_days`."""

    filing_days: int = 5
    answer_days: int = 3
    appeal_filing_days: int = 5
    appeal_answer_days: int = 14
    appeal_guarantee_percent: int = 1

    def filing_deadline(self, announced_on: date) -> date:
        return announced_on + timedelta(days=self.filing_days)

    def is_late(self, *, announced_on: date, filed_on: date) -> bool:
        return filed_on > self.filing_deadline(announced_on)

    def answer_due(self, filed_on: date) -> date:
        return filed_on + timedelta(days=self.answer_days)

    def appeal_deadline(self, answered_on: date) -> date:
        return answered_on + timedelta(days=self.appeal_filing_days)

    def appeal_answer_due(self, appealed_on: date) -> date:
        return appealed_on + timedelta(days=self.appeal_answer_days)

    def guarantee_suffices(self, *, guarantee: int, estimate: int) -> bool:
        """Whole rupiah, so no rounding: guarantee >= estimate x percent / 100."""
        return guarantee * 100 >= estimate * self.appeal_guarantee_percent


def effective_category(
    requested: Category, *, announced_on: date | None, filed_on: date, terms: ObjectionTerms
) -> Category:
    """A late objection is not refused: the rules accept it as a complaint."""
    if (
        requested is Category.objection
        and announced_on is not None
        and terms.is_late(announced_on=announced_on, filed_on=filed_on)
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
) -> tuple[str, str] | None:
    """(field, why) when a check-in's tender fields do not fit its category: only an
    objection names a tender, and it needs the winner announcement's past date."""
    if category is not Category.objection:
        if tender_reference is not None:
            return "tender_reference", "Only an objection names a tender."
        if announced_on is not None:
            return "announced_on", "Only an objection names a tender."
        return None
    if not tender_reference:
        return "tender_reference", "An objection names its tender."
    if announced_on is None:
        return "announced_on", "An objection needs the winner announcement's date."
    if announced_on > today:
        return "announced_on", "The announcement date is in the future."
    return None
