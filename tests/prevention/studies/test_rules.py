"""The studies' pure rules: stage moves, suggestion statuses, reminders around the due
date and the follow-up rate, each worked by hand."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from apik_prevention.studies import rules
from apik_prevention.studies.rules import Reminder, Stage, SuggestionStatus


def test_a_study_moves_one_stage_forward_or_back_from_review_only() -> None:
    path = [Stage.topic, Stage.proposal, Stage.fieldwork, Stage.drafting, Stage.review]
    for current, target in itertools.pairwise(path):
        assert rules.stage_step(current, target) is not None
    assert rules.stage_step("review", Stage.published) == "published"
    assert rules.stage_step("review", Stage.drafting) == "returned to drafting"
    # No skipping, no going back elsewhere, nothing after publication.
    assert rules.stage_step("topic", Stage.fieldwork) is None
    assert rules.stage_step("fieldwork", Stage.proposal) is None
    assert rules.stage_step("published", Stage.review) is None
    assert rules.stage_step("drafting", Stage.published) is None


def test_a_suggestion_closes_from_progress_or_unanswered() -> None:
    assert rules.suggestion_step("open", SuggestionStatus.in_progress) == "in progress"
    assert rules.suggestion_step("in_progress", SuggestionStatus.followed_up) == "followed up"
    assert rules.suggestion_step("open", SuggestionStatus.not_followed_up) is not None
    assert rules.suggestion_step("in_progress", SuggestionStatus.not_followed_up) is not None
    # Followed up only after work on it was recorded; closed is final.
    assert rules.suggestion_step("open", SuggestionStatus.followed_up) is None
    assert rules.suggestion_step("followed_up", SuggestionStatus.in_progress) is None
    assert rules.suggestion_step("not_followed_up", SuggestionStatus.followed_up) is None


def test_status_needs_a_published_study_and_evidence_to_be_followed_up() -> None:
    done = SuggestionStatus.followed_up
    assert rules.status_refusal(study_stage="review", target=done, has_evidence=True)
    assert rules.status_refusal(study_stage="published", target=done, has_evidence=False)
    assert rules.status_refusal(study_stage="published", target=done, has_evidence=True) is None
    progress = SuggestionStatus.in_progress
    assert (
        rules.status_refusal(study_stage="published", target=progress, has_evidence=False) is None
    )


def test_reminders_come_before_and_after_the_due_date_once_each() -> None:
    due = date(2027, 3, 31)
    offsets = [-14, 1, 30]
    # 16 March: 15 days left, no offset reached (-14 is reached at 14 days left).
    assert (
        rules.due_reminders(due_on=due, today=date(2027, 3, 16), offsets=offsets, recorded=[]) == []
    )
    # 17 March: 14 days left: the one before.
    assert rules.due_reminders(
        due_on=due, today=date(2027, 3, 17), offsets=offsets, recorded=[]
    ) == [Reminder(-14, 14, True)]
    # On the due date nothing new; the day after, overdue by one.
    assert rules.due_reminders(due_on=due, today=due, offsets=offsets, recorded=[-14]) == []
    assert rules.due_reminders(
        due_on=due, today=date(2027, 4, 1), offsets=offsets, recorded=[-14]
    ) == [Reminder(1, -1, True)]
    # First seen 5 May (35 days overdue) with none recorded: all three recorded, only the
    # latest announced.
    assert rules.due_reminders(
        due_on=due, today=date(2027, 5, 5), offsets=offsets, recorded=[]
    ) == [Reminder(-14, -35, False), Reminder(1, -35, False), Reminder(30, -35, True)]


def test_a_suggestion_counts_as_due_once_its_date_comes_or_it_closes() -> None:
    today = date(2027, 6, 1)
    assert rules.counts_as_due(due_on=date(2027, 6, 1), today=today, status="open")
    assert not rules.counts_as_due(due_on=date(2027, 6, 2), today=today, status="in_progress")
    assert rules.counts_as_due(due_on=date(2027, 9, 1), today=today, status="followed_up")
    assert rules.counts_as_due(due_on=date(2027, 9, 1), today=today, status="not_followed_up")


@pytest.mark.parametrize(
    ("followed", "due", "rate"),
    [(0, 0, None), (3, 4, 0.75), (1, 3, 0.3333), (2, 3, 0.6667), (5, 5, 1.0)],
)
def test_the_follow_up_rate_is_followed_up_over_due(
    followed: int, due: int, rate: float | None
) -> None:
    assert rules.follow_up_rate(followed, due) == rate
