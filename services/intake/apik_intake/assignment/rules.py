"""Who works on a report (pure): when it may be handed out, what the history calls it."""

from __future__ import annotations

from apik_intake.reports.rules import OPEN_AT_INTAKE

# A report is given to a staff member while intake still works on it.
ASSIGNABLE = OPEN_AT_INTAKE
# The steps an assignment leaves in the history: the office's own business, not the
# reporter's (the tracking page leaves them out).
ASSIGNMENT_STEPS = frozenset({"assigned", "reassigned", "unassigned"})


def assignment_step(*, previous: str | None, assignee: str | None) -> str:
    """The history's name for an assignment: `assigned`, `reassigned` or `unassigned`."""
    if assignee is None:
        return "unassigned"
    return "reassigned" if previous else "assigned"
