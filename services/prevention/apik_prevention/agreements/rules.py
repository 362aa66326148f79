"""MoUs and cooperation agreements (PKS): statuses, what activation needs, and when
the reminders before the end date fall due. Pure: no I/O, dates given by the caller
(the office's own calendar date)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from apik_shared.vocabulary.labels import Label


class AgreementKind(StrEnum):
    mou = "mou"  # nota kesepahaman
    pks = "pks"  # perjanjian kerja sama, under an MoU


class AgreementStatus(StrEnum):
    draft = "draft"
    active = "active"
    expired = "expired"
    terminated = "terminated"


# The words of an agreement's statuses, said by the problems that name them.
STATUSES: Mapping[str, Label] = {
    AgreementStatus.draft: Label("Draf", "Draft"),
    AgreementStatus.active: Label("Berlaku", "In force"),
    AgreementStatus.expired: Label("Sudah berakhir", "Expired"),
    AgreementStatus.terminated: Label("Diakhiri", "Terminated"),
}


class PartyKind(StrEnum):
    office = "office"  # the Ombudsman office itself
    agency = "agency"  # a government agency, local government, police resort…
    university = "university"
    other = "other"


class ActivityKind(StrEnum):
    internship = "internship"
    clinic = "clinic"
    seminar = "seminar"
    other = "other"


# (from, to): the step's name. Expiry is the job's, termination an officer's.
STEPS: dict[tuple[AgreementStatus, AgreementStatus], str] = {
    (AgreementStatus.draft, AgreementStatus.active): "activated",
    (AgreementStatus.active, AgreementStatus.expired): "expired",
    (AgreementStatus.active, AgreementStatus.terminated): "terminated",
}
# An agreement that can be renewed: one in force or one that has just run out.
RENEWABLE = frozenset({AgreementStatus.active, AgreementStatus.expired})


def step(current: str, target: AgreementStatus) -> str | None:
    """The step's name, or None when an agreement cannot move there from `current`."""
    return STEPS.get((AgreementStatus(current), target))


@dataclass(frozen=True)
class Refusal:
    """Why a draft cannot be activated: a stable `code` a client words in its own
    language (with `params`), and the English `detail`."""

    code: str
    detail: str
    params: dict[str, str]


# The codes `activation_refusal` gives, in the order it checks them.
ACTIVATION_REFUSALS = ("no_document", "ended", "mou_not_active")


def activation_refusal(
    *,
    kind: AgreementKind,
    has_document: bool,
    ends_on: date,
    today: date,
    parent_status: str | None,
) -> Refusal | None:
    """Why a draft cannot be activated today (None when it can): the signed document is
    required, an agreement already past its end date is not put in force, and a PKS
    lives under an MoU in force."""
    if not has_document:
        return Refusal("no_document", "Upload the signed document first.", {})
    if ends_on < today:
        ended = ends_on.isoformat()
        return Refusal("ended", f"The agreement ended on {ended}.", {"ends_on": ended})
    if kind is AgreementKind.pks and parent_status != AgreementStatus.active:
        return Refusal(
            "mou_not_active", "A PKS is activated under an MoU in force; its MoU is not active.", {}
        )
    return None


def days_left(ends_on: date, today: date) -> int:
    """Days from today to the end date (0 on the last day, negative once past)."""
    return (ends_on - today).days


def is_expired(ends_on: date, today: date) -> bool:
    """The end date is the last day in force: expired from the next day on."""
    return today > ends_on


@dataclass(frozen=True)
class Reminder:
    threshold: int  # days before the end date (90, 60, 30)
    days_left: int
    # Only the tightest threshold newly reached is announced: an agreement activated 20
    # days before its end gets one reminder, not three (the others are recorded passed).
    announce: bool


def due_reminders(
    *, ends_on: date, today: date, thresholds: Iterable[int], recorded: Collection[int]
) -> list[Reminder]:
    """The reminders reached by today and not recorded yet, widest first. A threshold is
    reached when no more than that many days are left; none once the agreement ended."""
    left = days_left(ends_on, today)
    if left < 0:
        return []
    reached = sorted((t for t in set(thresholds) if left <= t and t not in recorded), reverse=True)
    return [Reminder(t, left, announce=(t == reached[-1])) for t in reached]


def ends_in_order(starts_on: date, ends_on: date) -> bool:
    return ends_on > starts_on


def renewal_overlaps(previous_ends_on: date, starts_on: date) -> bool:
    """A renewal begins after the version it renews has ended, so that one version of
    an agreement is in force on any day (the renewed one still runs to its end date)."""
    return starts_on <= previous_ends_on


class Step(StrEnum):
    """What an officer may do to an agreement now, as the screens offer it."""

    document = "document"  # upload (or replace) the signed document
    activate = "activate"
    activity = "activity"  # record an internship, clinic or seminar under it
    terminate = "terminate"
    renew = "renew"


def allowed_steps(status: str, *, officer: bool, renewed: bool) -> list[Step]:
    """The steps the routes would accept from this reader now: none for a reader outside
    the prevention unit; a draft is signed and activated; a signed one takes activities;
    one in force is ended early; one in force or just run out is renewed, once."""
    if not officer:
        return []
    current = AgreementStatus(status)
    if current is AgreementStatus.draft:
        return [Step.document, Step.activate]
    steps = [Step.activity]
    if step(current, AgreementStatus.terminated) is not None:
        steps.append(Step.terminate)
    if current in RENEWABLE and not renewed:
        steps.append(Step.renew)
    return steps
