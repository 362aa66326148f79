"""How an examiner on a roster is shown, with their workload (pure shaping)."""

from __future__ import annotations

from apik_examination.assignment.schemas import ExaminerWorkload
from apik_examination.assignment.service import Workload


def workload(w: Workload) -> ExaminerWorkload:
    return ExaminerWorkload(
        **w.examiner.model_dump(exclude={"updated_at"}),
        open_cases=w.open_cases,
        by_sla_state=w.by_sla_state,
    )
