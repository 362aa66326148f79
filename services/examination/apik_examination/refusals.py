"""Why examination refuses a step the case's state contradicts: the reasons of the shared
`conflict`, `forbidden` and `transition-not-allowed` types that examination names in the `code`
member (`params` fill the wording; the web app words each, i18n/problems.ts)."""

from __future__ import annotations

from apik_shared.platform.problems import Conflict, Forbidden, TransitionNotAllowed
from apik_shared.vocabulary.labels import Named


class ExaminationConflict(Conflict):
    """Examination's reasons (`code`): `no_sla_policy` (`track`), `already_assigned`
    (`assignee`), `survey_answered`, `survey_closed` (`closed_on`)."""

    reasons = ("no_sla_policy", "already_assigned", "survey_answered", "survey_closed")


class ExaminationForbidden(Forbidden):
    """Examination's reasons (`code`): `assigned_elsewhere` (the case is another
    examiner's)."""

    reasons = ("assigned_elsewhere",)


class CaseStepRefused(TransitionNotAllowed):
    """Examination's reasons (`code`): `case_status` (`status`: a case in it takes no
    such step), `case_closed`, `no_final_report`, `no_maladministration_found` (a
    recommendation follows an LHP that found it), `recommendation_issued`,
    `receipt_recorded`; closing with an outcome its LHP does not support:
    `outcome_needs_report` (`outcome`, `needed`), `outcome_against_finding` (`finding`,
    `outcome`, `needed`), `no_corrective_action`, `actions_not_done` (`actions`)."""

    reasons = (
        "case_status",
        "case_closed",
        "no_final_report",
        "no_maladministration_found",
        "recommendation_issued",
        "receipt_recorded",
        "outcome_needs_report",
        "outcome_against_finding",
        "no_corrective_action",
        "actions_not_done",
    )

    @classmethod
    def in_status(cls, detail: str, status: Named) -> CaseStepRefused:
        return cls(
            detail, code="case_status", params={"status": status}, current_status=status.code
        )
