"""Publications' editorial workflow and press release numbers. Pure: no I/O.

draft → review → approved → published; review → draft (returned) and approved → draft
(withdrawn for changes). Nothing is published without approval, and the approver is
never the author (four eyes).

Press release numbers follow the pattern seen on the Ombudsman's releases,
`005/HM.01/I/2026`: a sequence of three digits or more, counted per office and per
calendar year from 1; the classification code `HM.01` (public relations); the month of
publication in Roman numerals; the year. The number is given when the release is
published, in that transaction, so numbers follow the order of publication without gaps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from apik_shared.vocabulary.labels import Label


class Kind(StrEnum):
    news = "news"  # berita (kabar perwakilan)
    opinion = "opinion"  # opini (opini perwakilan)
    press_release = "press_release"  # siaran pers (rilis perwakilan)


class Status(StrEnum):
    draft = "draft"
    review = "review"
    approved = "approved"
    published = "published"


# The words of an article's statuses, said by the problems that name them.
STATUSES: Mapping[str, Label] = {
    Status.draft: Label("Draf", "Draft"),
    Status.review: Label("Ditelaah", "In review"),
    Status.approved: Label("Disetujui", "Approved"),
    Status.published: Label("Terbit", "Published"),
}


class Actor(StrEnum):
    """Who may take a step: the writer's side, or the approver (the head)."""

    writer = "writer"
    approver = "approver"


class Action(StrEnum):
    """What a reader may do to an article besides moving it (its `allowed_actions`)."""

    edit = "edit"  # its title, summary, body and language replaced


@dataclass(frozen=True)
class Step:
    name: str
    by: Actor


STEPS: dict[tuple[Status, Status], Step] = {
    (Status.draft, Status.review): Step("submitted for review", Actor.writer),
    (Status.review, Status.draft): Step("returned to the author", Actor.approver),
    (Status.review, Status.approved): Step("approved", Actor.approver),
    (Status.approved, Status.draft): Step("withdrawn for changes", Actor.writer),
    (Status.approved, Status.published): Step("published", Actor.writer),
}
EDITABLE = frozenset({Status.draft})
CLASSIFICATION = "HM.01"
ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def step(current: str, target: Status) -> Step | None:
    """The move, or None when an article cannot go from `current` to `target`."""
    return STEPS.get((Status(current), target))


def allowed_steps(
    current: str, *, author: str, reader: str, is_writer: bool, is_approver: bool
) -> list[Status]:
    """The statuses this reader may move an article to from `current`: the moves `STEPS`
    allows from it that `refusal` lets them take (the head approves or returns another's
    article, never their own; the prevention unit submits, withdraws and publishes)."""
    return [
        target
        for (source, target), move in STEPS.items()
        if source == Status(current)
        and refusal(
            move=move,
            author=author,
            actor=reader,
            is_writer=is_writer,
            is_approver=is_approver,
        )
        is None
    ]


def allowed_actions(current: str, *, is_writer: bool) -> list[Action]:
    """The edit, for the prevention unit (the routes' writers), while the article is a
    draft: once submitted it is returned or withdrawn first."""
    return [Action.edit] if is_writer and Status(current) in EDITABLE else []


def refusal(
    *, move: Step, author: str, actor: str, is_writer: bool, is_approver: bool
) -> tuple[str, str] | None:
    """Why `actor` may not take the step, as (the `forbidden` reason's code, the English
    detail); None when they may. The approver's steps are the head's and never the
    author's own; the writer's are the prevention unit's."""
    if move.by is Actor.approver:
        if not is_approver:
            return "head_only", "Approving or returning an article is the head's."
        if actor == author:
            return (
                "own_article",
                "The author cannot approve or return their own article (four eyes).",
            )
        return None
    if not is_writer:
        return "writers_only", "Submitting, withdrawing and publishing are the prevention unit's."
    return None


def press_release_number(sequence: int, day: date) -> str:
    """`005/HM.01/I/2026`: the office's sequence of the year, the month in Roman."""
    return f"{sequence:03d}/{CLASSIFICATION}/{ROMAN_MONTHS[day.month - 1]}/{day.year}"
