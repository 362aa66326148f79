"""The steps a report goes through (use cases); they add and flush, the boundary commits."""

from apik_intake.steps.service.decisions import (
    answer_consultation,
    decide_plenary,
    take_step,
    verify_materially,
)
from apik_intake.steps.service.identity import complete_identity
from apik_intake.steps.service.notices import record_age_exception, record_notice
from apik_intake.steps.service.transitions import apply_step, ref, ref_of_row
from apik_intake.steps.service.verification import SYSTEM, close_overdue, verify_formally

__all__ = [
    "SYSTEM",
    "answer_consultation",
    "apply_step",
    "close_overdue",
    "complete_identity",
    "decide_plenary",
    "record_age_exception",
    "record_notice",
    "ref",
    "ref_of_row",
    "take_step",
    "verify_formally",
    "verify_materially",
]
