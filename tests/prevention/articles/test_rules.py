"""The editorial workflow and press release numbers, as pure rules."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from apik_prevention.articles.rules import (
    Action,
    Status,
    allowed_actions,
    allowed_steps,
    press_release_number,
    refusal,
    step,
)


def test_nothing_is_published_without_approval() -> None:
    assert step("draft", Status.published) is None
    assert step("review", Status.published) is None
    assert step("approved", Status.published) is not None


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("draft", Status.review, True),
        ("review", Status.approved, True),
        ("review", Status.draft, True),
        ("approved", Status.draft, True),
        ("draft", Status.approved, False),
        ("published", Status.draft, False),
        ("published", Status.review, False),
    ],
)
def test_the_steps(current: str, target: Status, allowed: bool) -> None:
    assert (step(current, target) is not None) is allowed


def test_the_approver_is_the_head_and_never_the_author() -> None:
    approve = step("review", Status.approved)
    assert approve is not None
    common: dict[str, Any] = {"move": approve, "author": "ani", "is_writer": True}
    assert refusal(actor="budi", is_approver=True, **common) is None
    assert refusal(actor="ani", is_approver=True, **common) == (
        "own_article",
        "The author cannot approve or return their own article (four eyes).",
    )
    assert (refusal(actor="budi", is_approver=False, **common) or ("",))[0] == "head_only"


def test_publishing_is_the_writers() -> None:
    publish = step("approved", Status.published)
    assert publish is not None
    kw: dict[str, Any] = {"move": publish, "author": "ani", "actor": "ani", "is_approver": False}
    assert refusal(is_writer=True, **kw) is None
    assert (refusal(is_writer=False, **kw) or ("",))[0] == "writers_only"


def test_press_release_numbers_follow_the_seen_pattern() -> None:
    assert press_release_number(5, date(2026, 1, 14)) == "005/HM.01/I/2026"
    assert press_release_number(12, date(2026, 9, 30)) == "012/HM.01/IX/2026"
    assert press_release_number(1234, date(2027, 12, 1)) == "1234/HM.01/XII/2027"


def _offered(current: str, reader: str, *, writer: bool, approver: bool) -> list[Status]:
    return allowed_steps(
        current, author="penulis", reader=reader, is_writer=writer, is_approver=approver
    )


def test_the_steps_offered_from_each_status_are_the_workflows() -> None:
    # A head who is not the author holds both sides' steps.
    assert _offered("draft", "kepala", writer=True, approver=True) == [Status.review]
    assert _offered("review", "kepala", writer=True, approver=True) == [
        Status.draft,
        Status.approved,
    ]
    assert _offered("approved", "kepala", writer=True, approver=True) == [
        Status.draft,
        Status.published,
    ]
    assert _offered("published", "kepala", writer=True, approver=True) == []


def test_the_steps_offered_are_the_readers_own() -> None:
    # Four eyes: the author, head or not, is offered neither approving nor returning.
    assert _offered("review", "penulis", writer=True, approver=True) == []
    # The unit's officer never approves; a reader outside the workflow takes nothing.
    assert _offered("review", "petugas", writer=True, approver=False) == []
    assert _offered("approved", "petugas", writer=True, approver=False) == [
        Status.draft,
        Status.published,
    ]
    assert _offered("draft", "analis", writer=False, approver=False) == []


def test_the_edit_is_offered_to_the_writers_on_a_draft_only() -> None:
    assert allowed_actions("draft", is_writer=True) == [Action.edit]
    assert allowed_actions("draft", is_writer=False) == []
    for status in ("review", "approved", "published"):
        assert allowed_actions(status, is_writer=True) == []
