"""The assessments' use cases: opening (`opening`), the enumerators' entries and their
review (`entries`), the score computed from what was approved (`scoring`), and the
list as a whole for its CSV (`export`)."""

from apik_prevention.assessments.service.entries import (
    add_entry,
    correct_entry,
    get_entry,
    list_entries,
    review_entry,
)
from apik_prevention.assessments.service.export import AssessmentExport, export_assessments
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
    "AssessmentExport",
    "NotEditable",
    "add_entry",
    "change_scheme",
    "correct_entry",
    "create_assessment",
    "entry_counts",
    "export_assessments",
    "get_assessment",
    "get_entry",
    "list_assessments",
    "list_entries",
    "record_follow_up",
    "review_entry",
    "score_of",
]
