"""Why intake refuses a step the record's state contradicts: the reasons of the shared
`conflict` and `transition-not-allowed` types that intake names in the `code` member
(`params` fill the wording; the web app words each, i18n/problems.ts)."""

from __future__ import annotations

from apik_shared.platform.problems import Conflict, Forbidden, TransitionNotAllowed


class IntakeConflict(Conflict):
    """Intake's reasons (`code`): `file_code_taken` (`code`), `file_on_loan` (`holder`),
    `loan_returned`, `substance_code_taken` (`code`), `already_assigned` (`assignee`),
    `already_unassigned`, `age_exception_recorded`, `event_within_limit` (`event_date`,
    `years`, `received_on`), `reporter_anonymised`, `link_target_merged`,
    `already_linked` (`link_type`)."""

    reasons = (
        "file_code_taken",
        "file_on_loan",
        "loan_returned",
        "substance_code_taken",
        "already_assigned",
        "already_unassigned",
        "age_exception_recorded",
        "event_within_limit",
        "reporter_anonymised",
        "link_target_merged",
        "already_linked",
    )


class IntakeForbidden(Forbidden):
    """Intake's reasons (`code`): `not_a_member` (the account is not linked to a
    Sahabat Ombudsman member)."""

    reasons = ("not_a_member",)


class IntakeStepRefused(TransitionNotAllowed):
    """Intake's reasons (`code`, with the report's `status`): `report_not_routed`,
    `report_not_assignable`, `notice_not_awaiting_completion`, `formal_check_done`."""

    reasons = (
        "report_not_routed",
        "report_not_assignable",
        "notice_not_awaiting_completion",
        "formal_check_done",
    )
