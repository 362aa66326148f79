"""The report's state machine and what each kind needs (no FastAPI, no database).

The transitions are one table of data: a step, the statuses it may start from, the
status it leads to, and the kinds of report it applies to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.field_errors import invalid
from apik_shared.vocabulary.labels import Label


class Kind(StrEnum):
    LM = "LM"  # Laporan Masyarakat: a public report
    RCO = "RCO"  # Respon Cepat Ombudsman: rapid response
    KNL = "KNL"  # Konsultasi Non Laporan: a question answered and closed at intake
    TEMBUSAN = "TEMBUSAN"  # a copy of a letter addressed elsewhere: recorded, not examined
    # Investigasi atas Prakarsa Sendiri: opened by the office itself, no reporter; no
    # formal or material verification, straight to the plenary, then examination.
    IPS = "IPS"


class ReportStatus(StrEnum):
    registered = "registered"
    # Formal verification found gaps; the reporter has 30 days to complete them.
    awaiting_completion = "awaiting_completion"
    formally_verified = "formally_verified"
    materially_verified = "materially_verified"
    # Material verification found a reason not to examine it (outside authority, in
    # court…): recorded with the reason, the report waits for the plenary, which decides.
    material_failed = "material_failed"
    accepted = "accepted"  # handed over to examination (regular or rapid-response track)
    rejected = "rejected"
    answered = "answered"  # a consultation (KNL), answered and closed
    # Not completed within the deadline after formal verification: counts as withdrawn.
    withdrawn = "withdrawn"
    merged = "merged"  # merged into another report of the same matter, which goes on
    recorded = "recorded"  # a copy (TEMBUSAN), filed and linked
    # An office's old record brought in (integration's imports): history, no step applies.
    imported = "imported"


class Step(StrEnum):
    formal_complete = "formal_complete"
    formal_incomplete = "formal_incomplete"
    material_within_authority = "material_within_authority"
    material_outside_authority = "material_outside_authority"
    plenary_accept = "plenary_accept"
    plenary_rco = "plenary_rco"
    plenary_reject = "plenary_reject"
    answer = "answer"
    withdraw = "withdraw"  # by the deadline job, never by a person
    merge = "merge"  # through the link endpoint, with the survivor


# The words of a report's steps, said by the problems that name them.
STEPS: Mapping[str, Label] = {
    Step.formal_complete: Label("Verifikasi formil: lengkap", "Formal verification: complete"),
    Step.formal_incomplete: Label(
        "Verifikasi formil: belum lengkap", "Formal verification: incomplete"
    ),
    Step.material_within_authority: Label(
        "Verifikasi materiil: kewenangan Ombudsman", "Material verification: within authority"
    ),
    Step.material_outside_authority: Label(
        "Verifikasi materiil: tidak memenuhi", "Material verification: failed"
    ),
    Step.plenary_accept: Label("Pleno: diterima", "Plenary: accepted"),
    Step.plenary_rco: Label("Pleno: jalur RCO", "Plenary: RCO track"),
    Step.plenary_reject: Label("Pleno: ditolak", "Plenary: rejected"),
    Step.answer: Label("Dijawab", "Answered"),
    Step.withdraw: Label("Dicabut (tidak dilengkapi)", "Withdrawn (not completed)"),
    Step.merge: Label("Digabungkan", "Merged"),
}


S = ReportStatus
REPORTS = frozenset({Kind.LM, Kind.RCO})
# What the plenary meeting decides on: reports that passed material verification, and
# those that failed it (the plenary rejects them, with the failure before it).
BEFORE_PLENARY = frozenset({S.materially_verified, S.material_failed})


@dataclass(frozen=True)
class Transition:
    sources: frozenset[ReportStatus]
    target: ReportStatus
    kinds: frozenset[Kind] = REPORTS
    # Where a kind starts the step from elsewhere than `sources` (an own-initiative
    # investigation reaches the plenary straight from its registration).
    sources_of: tuple[tuple[Kind, frozenset[ReportStatus]], ...] = ()

    def starts_from(self, kind: Kind) -> frozenset[ReportStatus]:
        return dict(self.sources_of).get(kind, self.sources)


# The plenary decides on an own-initiative investigation as soon as it is registered.
_PLENARY_KINDS = REPORTS | {Kind.IPS}
_PLENARY_OF_IPS = ((Kind.IPS, frozenset({S.registered})),)


TRANSITIONS: dict[Step, Transition] = {
    Step.formal_complete: Transition(
        frozenset({S.registered, S.awaiting_completion}), S.formally_verified
    ),
    Step.formal_incomplete: Transition(
        frozenset({S.registered, S.awaiting_completion}), S.awaiting_completion
    ),
    Step.material_within_authority: Transition(
        frozenset({S.formally_verified}), S.materially_verified
    ),
    # A failed material verification does not reject: the plenary does (it may also
    # overrule the finding, with the record of it in the history).
    Step.material_outside_authority: Transition(
        frozenset({S.formally_verified}), S.material_failed
    ),
    Step.plenary_accept: Transition(BEFORE_PLENARY, S.accepted, _PLENARY_KINDS, _PLENARY_OF_IPS),
    Step.plenary_rco: Transition(BEFORE_PLENARY, S.accepted, _PLENARY_KINDS, _PLENARY_OF_IPS),
    Step.plenary_reject: Transition(BEFORE_PLENARY, S.rejected, _PLENARY_KINDS, _PLENARY_OF_IPS),
    Step.answer: Transition(frozenset({S.registered}), S.answered, frozenset({Kind.KNL})),
    Step.withdraw: Transition(frozenset({S.awaiting_completion}), S.withdrawn),
    Step.merge: Transition(
        frozenset(
            {
                S.registered,
                S.awaiting_completion,
                S.formally_verified,
                S.materially_verified,
                S.material_failed,
            }
        ),
        S.merged,
        frozenset({Kind.LM, Kind.RCO, Kind.TEMBUSAN}),
    ),
}
# The statuses in which intake still works on a report: it may be routed to another
# office or given to a staff member (neither is a transition: the status stays).
OPEN_AT_INTAKE = frozenset(
    {
        S.registered,
        S.awaiting_completion,
        S.formally_verified,
        S.materially_verified,
        S.material_failed,
    }
)

# Steps not offered among a report's next steps: the deadline job's, and the merge,
# which the link endpoint takes together with the survivor.
SYSTEM_STEPS = frozenset({Step.withdraw, Step.merge})

# The status a new report starts in: a copy is filed at once.
INITIAL_STATUS: dict[Kind, ReportStatus] = {
    Kind.LM: S.registered,
    Kind.RCO: S.registered,
    Kind.KNL: S.registered,
    Kind.TEMBUSAN: S.recorded,
    Kind.IPS: S.registered,
}

# What a kind needs besides the reporter, the channel and the summary. A consultation
# is only identity and the question; a copy needs whom the letter was addressed to.
REQUIRED_FIELDS: dict[Kind, tuple[str, ...]] = {
    Kind.LM: ("reported_agency", "substance", "chronology"),
    Kind.RCO: ("reported_agency", "substance", "chronology"),
    Kind.KNL: ("question",),
    Kind.TEMBUSAN: ("addressed_to",),
    Kind.IPS: ("reported_agency", "substance", "chronology"),
}
# Fields that make no sense for a kind, refused rather than silently dropped.
FORBIDDEN_FIELDS: dict[Kind, tuple[str, ...]] = {
    Kind.LM: ("question", "answer", "addressed_to"),
    Kind.RCO: ("question", "answer", "addressed_to"),
    Kind.KNL: ("addressed_to", "linked_report_id"),
    Kind.TEMBUSAN: ("question", "answer"),
    # The office opens it itself: there is no reporter, so none is taken.
    Kind.IPS: ("reporter", "question", "answer", "addressed_to"),
}
# Every kind but the office's own investigation has a reporter.
WITHOUT_REPORTER = frozenset({Kind.IPS})


def kind_problems(kind: Kind, given: set[str]) -> list[tuple[str, PydanticCustomError]]:
    """(field, why) for each field a report of `kind` lacks or must not have."""
    required = REQUIRED_FIELDS[kind] + (() if kind in WITHOUT_REPORTER else ("reporter",))
    needs = "a {kind} needs {field}"
    has_no = "a {kind} has no {field}"
    problems = [
        (f, invalid("required_for_kind", needs, kind=kind.value, field=f))
        for f in required
        if f not in given
    ]
    problems += [
        (f, invalid("not_for_kind", has_no, kind=kind.value, field=f))
        for f in FORBIDDEN_FIELDS[kind]
        if f in given
    ]
    return problems


class StepNotAllowed(Exception):
    def __init__(self, step: Step, status: ReportStatus, kind: Kind) -> None:
        super().__init__(
            f"{step.value} is not allowed when the {kind.value} report is {status.value}"
        )
        self.step, self.status, self.kind = step, status, kind


def next_status(status: ReportStatus, step: Step, *, kind: Kind = Kind.LM) -> ReportStatus:
    transition = TRANSITIONS[step]
    if status not in transition.starts_from(kind) or kind not in transition.kinds:
        raise StepNotAllowed(step, status, kind)
    return transition.target


# What formal verification looks at about the event's age: the flag registration sets
# when the event is older than the limit, and the one a head's exception sets.
TOO_OLD = "event_older_than_two_years"
AGE_EXCEPTED = "age_limit_excepted"
BEFORE_FORMAL = frozenset({ReportStatus.registered, ReportStatus.awaiting_completion})


def age_exception_open(status: ReportStatus, flags: Sequence[str]) -> bool:
    """Whether a head's exception to the age limit is still to be made: an event flagged
    too old, not yet excepted, before formal verification is done."""
    return status in BEFORE_FORMAL and TOO_OLD in flags and AGE_EXCEPTED not in flags


@dataclass(frozen=True)
class Permits:
    """What the caller's roles let them do to a report (the roles the writes require):
    the workflow's steps (the intake officers'), and which actions (`assign`, `route`,
    `age_exception`). A report's answer offers those its status allows among these."""

    steps: bool
    actions: frozenset[str]


def allowed_steps(status: ReportStatus, *, kind: Kind = Kind.LM) -> list[Step]:
    """The steps a person may take now (the deadline job's are not offered)."""
    return [
        step
        for step, t in TRANSITIONS.items()
        if status in t.starts_from(kind) and kind in t.kinds and step not in SYSTEM_STEPS
    ]


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def event_too_old(event_date: date | None, today: date, *, years: int = 2) -> bool:
    """An event more than two years before the report is past the Ombudsman's window."""
    return event_date is not None and event_date < years_before(today, years)
