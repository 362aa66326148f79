"""The report's state machine: which step may follow which (no FastAPI, no database)."""

from __future__ import annotations

from enum import StrEnum


class ReportStatus(StrEnum):
    registered = "registered"
    # Formal verification found gaps; the reporter has 30 days to complete them.
    awaiting_completion = "awaiting_completion"
    formally_verified = "formally_verified"
    materially_verified = "materially_verified"
    accepted = "accepted"  # handed over to examination (regular or rapid-response track)
    rejected = "rejected"


class Step(StrEnum):
    formal_complete = "formal_complete"
    formal_incomplete = "formal_incomplete"
    material_within_authority = "material_within_authority"
    material_outside_authority = "material_outside_authority"
    plenary_accept = "plenary_accept"
    plenary_rco = "plenary_rco"
    plenary_reject = "plenary_reject"


S = ReportStatus
TRANSITIONS: dict[Step, tuple[frozenset[ReportStatus], ReportStatus]] = {
    Step.formal_complete: (frozenset({S.registered, S.awaiting_completion}), S.formally_verified),
    Step.formal_incomplete: (
        frozenset({S.registered, S.awaiting_completion}),
        S.awaiting_completion,
    ),
    Step.material_within_authority: (frozenset({S.formally_verified}), S.materially_verified),
    Step.material_outside_authority: (frozenset({S.formally_verified}), S.rejected),
    Step.plenary_accept: (frozenset({S.materially_verified}), S.accepted),
    Step.plenary_rco: (frozenset({S.materially_verified}), S.accepted),
    Step.plenary_reject: (frozenset({S.materially_verified}), S.rejected),
}


class StepNotAllowed(Exception):
    def __init__(self, step: Step, status: ReportStatus) -> None:
        super().__init__(f"{step.value} is not allowed when the report is {status.value}")
        self.step, self.status = step, status


def next_status(status: ReportStatus, step: Step) -> ReportStatus:
    allowed_from, target = TRANSITIONS[step]
    if status not in allowed_from:
        raise StepNotAllowed(step, status)
    return target


def allowed_steps(status: ReportStatus) -> list[Step]:
    return [step for step, (sources, _) in TRANSITIONS.items() if status in sources]
