"""Anti-maladministration villages: the stages from nomination to the head's decision,
and what each move needs. Pure: the facts are given by the caller.

nominated → mentoring (the instrument is run) → regency_verified → office_verified →
decided (the decision letter, the head's); regency_verified → mentoring (returned);
any open stage → not_selected (one regency chose 10 of 40 nominees).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from apik_shared.vocabulary.labels import Label


class Stage(StrEnum):
    nominated = "nominated"
    mentoring = "mentoring"  # pendampingan, the village instrument assessed
    regency_verified = "regency_verified"  # verifikasi kabupaten
    office_verified = "office_verified"  # verifikasi kantor perwakilan
    decided = "decided"  # the head's decision letter (surat keputusan)
    not_selected = "not_selected"


# The words of a village's stages, said by the problems that name them.
STAGES: Mapping[str, Label] = {
    Stage.nominated: Label("Diusulkan", "Nominated"),
    Stage.mentoring: Label("Pendampingan", "Mentoring"),
    Stage.regency_verified: Label("Terverifikasi kabupaten", "Verified by the regency"),
    Stage.office_verified: Label("Terverifikasi kantor perwakilan", "Verified by the office"),
    Stage.decided: Label("Ditetapkan", "Decided"),
    Stage.not_selected: Label("Tidak terpilih", "Not selected"),
}


STEPS: dict[tuple[Stage, Stage], str] = {
    (Stage.nominated, Stage.mentoring): "mentoring started",
    (Stage.mentoring, Stage.regency_verified): "verified by the regency",
    (Stage.regency_verified, Stage.mentoring): "returned to mentoring",
    (Stage.regency_verified, Stage.office_verified): "verified by the office",
    (Stage.office_verified, Stage.decided): "decided",
    **{
        (stage, Stage.not_selected): "not selected"
        for stage in (
            Stage.nominated,
            Stage.mentoring,
            Stage.regency_verified,
            Stage.office_verified,
        )
    },
}
# The instrument is opened while the village is mentored.
ASSESSABLE = frozenset({Stage.mentoring})


class Action(StrEnum):
    """What a reader may do to a village besides moving it (its `allowed_actions`)."""

    open_instrument = "open_instrument"  # the village instrument opened as an assessment


@dataclass(frozen=True)
class Facts:
    """What a move depends on, read by the caller."""

    has_assessment: bool
    score_complete: bool  # every indicator of the instrument has an approved answer
    is_head: bool
    decree_number: str | None


def step(current: str, target: Stage) -> str | None:
    """The move's name, or None when a village cannot go from `current` to `target`."""
    return STEPS.get((Stage(current), target))


def allowed_steps(
    current: str, *, may_move: bool, is_head: bool, has_assessment: bool
) -> list[Stage]:
    """The stages this caller may move a village to from `current`, in the programme's
    order: none for a reader who cannot move villages (`may_move`: the prevention unit or
    the head), the decision only for the head, the regency's verification only once the
    instrument is open. The instrument's completeness (needed for the office's
    verification) is the engine's score, checked on the move rather than computed for
    every row of a listing."""
    if not may_move:
        return []
    facts = Facts(
        has_assessment=has_assessment,
        score_complete=True,
        is_head=is_head,
        decree_number="given with the move",
    )
    return [
        target
        for (source, target) in STEPS
        if source == Stage(current) and refusal(target, facts) is None
    ]


def allowed_actions(current: str, *, may_move: bool, has_assessment: bool) -> list[Action]:
    """The instrument's opening, once, while the village is mentored, for those who move
    villages (the prevention unit and the head)."""
    if may_move and Stage(current) in ASSESSABLE and not has_assessment:
        return [Action.open_instrument]
    return []


def refusal(target: Stage, facts: Facts) -> tuple[str, str] | None:
    """(the field to blame, why) when the move is not possible now; None when it is."""
    if target is Stage.regency_verified and not facts.has_assessment:
        return "stage", "Open the village instrument's assessment during mentoring first."
    if target is Stage.office_verified and not facts.score_complete:
        return "stage", "Every indicator of the instrument needs an approved answer first."
    if target is Stage.decided:
        if not facts.is_head:
            return "stage", "The decision letter is the head's."
        if not facts.decree_number:
            return "decree_number", "The decision letter's number is needed."
    return None
