"""The assessments' use cases: opening (`opening`), the enumerators' entries and their
review (`entries`), and the score computed from what was approved (`scoring`)."""

from apik_prevention.assessments.service.entries import (
    add_entry,
    correct_entry,
    get_entry,
    list_entries,
    review_entry,
)
from apik_prevention.assessments.service.opening import (
    AssessmentExists,
    NotEditable,
    change_scheme,
    create_assessment,
    entry_counts,
    get_assessment,
    list_assessments,
    record_follow_up,
)
from apik_prevention.assessments.service.scoring import score_of

__all__ = [
    "AssessmentExists",
    "NotEditable",
    "add_entry",
    "change_scheme",
    "correct_entry",
    "create_assessment",
    "entry_counts",
    "get_assessment",
    "get_entry",
    "list_assessments",
    "list_entries",
    "record_follow_up",
    "review_entry",
    "score_of",
]
