"""A visit's use cases, one module per kind: checking in, reading, the steps after."""

from apik_consultation.visits.service.check_in import (
    Visitor,
    check_in,
    seal_visitor,
    unseal_visitor,
)
from apik_consultation.visits.service.reads import (
    clock_marks,
    get_signature,
    get_visit,
    has_signature,
    list_visits,
)
from apik_consultation.visits.service.steps import (
    AssignedElsewhere,
    apply_step,
    assign,
    end,
    pick_up,
    rate,
)

__all__ = [
    "AssignedElsewhere",
    "Visitor",
    "apply_step",
    "assign",
    "check_in",
    "clock_marks",
    "end",
    "get_signature",
    "get_visit",
    "has_signature",
    "list_visits",
    "pick_up",
    "rate",
    "seal_visitor",
    "unseal_visitor",
]
