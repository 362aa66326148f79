"""Studies (kajian) and their suggestions (saran perbaikan): the stages of a study, the
statuses of a suggestion, when a suggestion's reminders fall due and the follow-up
rate. Pure: no I/O, dates given by the caller (the office's own calendar date)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from apik_shared.vocabulary.labels import Label


class Stage(StrEnum):
    topic = "topic"  # a topic proposed
    proposal = "proposal"  # the study's proposal (TOR) written
    fieldwork = "fieldwork"  # data gathered from agencies and users
    drafting = "drafting"  # the report drafted
    review = "review"  # reviewed by the head / the national unit
    published = "published"  # the study published, suggestions sent


# The words of a study's stages, said by the problems that name them.
STAGES: Mapping[str, Label] = {
    Stage.topic: Label("Usulan topik", "Topic proposed"),
    Stage.proposal: Label("Proposal", "Proposal"),
    Stage.fieldwork: Label("Pengumpulan data", "Fieldwork"),
    Stage.drafting: Label("Penyusunan laporan", "Drafting"),
    Stage.review: Label("Penelaahan", "Review"),
    Stage.published: Label("Diterbitkan", "Published"),
}


# A study moves one stage forward, or back from review to drafting (returned).
STAGE_STEPS: dict[tuple[Stage, Stage], str] = {
    (Stage.topic, Stage.proposal): "proposed",
    (Stage.proposal, Stage.fieldwork): "fieldwork started",
    (Stage.fieldwork, Stage.drafting): "drafting started",
    (Stage.drafting, Stage.review): "submitted for review",
    (Stage.review, Stage.drafting): "returned to drafting",
    (Stage.review, Stage.published): "published",
}
# Suggestions are written with the report: from drafting on.
SUGGESTIONS_FROM = frozenset({Stage.drafting, Stage.review, Stage.published})


class SuggestionStatus(StrEnum):
    open = "open"  # sent, no answer yet
    in_progress = "in_progress"  # the agency is working on it
    followed_up = "followed_up"  # done, with the agency's evidence
    not_followed_up = "not_followed_up"  # the agency did not (or refused)


# The words of a suggestion's statuses, said by the problems that name them.
SUGGESTION_STATUSES: Mapping[str, Label] = {
    SuggestionStatus.open: Label("Belum ditanggapi", "No answer yet"),
    SuggestionStatus.in_progress: Label("Sedang dikerjakan", "In progress"),
    SuggestionStatus.followed_up: Label("Ditindaklanjuti", "Followed up"),
    SuggestionStatus.not_followed_up: Label("Tidak ditindaklanjuti", "Not followed up"),
}


CLOSED = frozenset({SuggestionStatus.followed_up, SuggestionStatus.not_followed_up})
SUGGESTION_STEPS: dict[tuple[SuggestionStatus, SuggestionStatus], str] = {
    (SuggestionStatus.open, SuggestionStatus.in_progress): "in progress",
    (SuggestionStatus.open, SuggestionStatus.not_followed_up): "not followed up",
    (SuggestionStatus.in_progress, SuggestionStatus.followed_up): "followed up",
    (SuggestionStatus.in_progress, SuggestionStatus.not_followed_up): "not followed up",
}


def stage_step(current: str, target: Stage) -> str | None:
    """The move's name, or None when a study cannot go there from `current`."""
    return STAGE_STEPS.get((Stage(current), target))


def suggestion_step(current: str, target: SuggestionStatus) -> str | None:
    """The move's name, or None when a suggestion cannot go there from `current`."""
    return SUGGESTION_STEPS.get((SuggestionStatus(current), target))


def status_refusal(
    *, study_stage: str, target: SuggestionStatus, has_evidence: bool
) -> tuple[str, str] | None:
    """Why a suggestion cannot take that status now, as (code, English detail), or None
    when it can: suggestions are tracked once their study is published, and "followed
    up" needs the agency's evidence."""
    if Stage(study_stage) is not Stage.published:
        return "study_not_published", "A suggestion is tracked once its study is published."
    if target is SuggestionStatus.followed_up and not has_evidence:
        return "no_evidence", "Upload the agency's evidence first."
    return None


@dataclass(frozen=True)
class Reminder:
    # Days from the due date: negative before it (-14: two weeks before), positive
    # after it (7: a week overdue).
    offset: int
    days_left: int  # due date minus today (negative once overdue)
    # Only the latest offset newly reached is announced: a suggestion added a day before
    # its due date gets one reminder, not every earlier one.
    announce: bool


def due_reminders(
    *, due_on: date, today: date, offsets: Iterable[int], recorded: Collection[int]
) -> list[Reminder]:
    """The reminders reached by today and not recorded yet, earliest first. An offset is
    reached on the day `due_on + offset` and after."""
    left = (due_on - today).days
    reached = sorted(o for o in set(offsets) if -left >= o and o not in recorded)
    return [Reminder(o, left, announce=(o == reached[-1])) for o in reached]


def counts_as_due(*, due_on: date, today: date, status: str) -> bool:
    """A suggestion counts in its due year's rate once its due date has come, or once it
    is closed earlier (an answer before the date is not held back)."""
    return due_on <= today or SuggestionStatus(status) in CLOSED


def follow_up_rate(followed_up: int, due: int) -> float | None:
    """Followed up over due, four decimals; None when nothing was due."""
    if due == 0:
        return None
    return round(followed_up / due, 4)
