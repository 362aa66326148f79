"""Why internship refuses a step the record's state contradicts: the reasons of the
shared `conflict`, `forbidden` and `transition-not-allowed` types that internship names in the
`code` member (`params` fill the wording; the web app words each, i18n/problems.ts)."""

from __future__ import annotations

from apik_shared.platform.problems import Conflict, Forbidden, TransitionNotAllowed
from apik_shared.vocabulary.labels import Named


class InternshipConflict(Conflict):
    """Internship's reasons (`code`): `entry_not_submitted` (`day`, `status`: a logbook
    entry is reviewed while it waits for review)."""

    reasons = ("entry_not_submitted",)


class InternshipForbidden(Forbidden):
    """Internship's reasons (`code`): `own_records` (an intern's records are their
    own), `interns_only` (the learning library is the office's interns' and their
    supervisors'), `no_internship` (no accepted internship is linked to the account)."""

    reasons = ("own_records", "interns_only", "no_internship")


class InternshipStepRefused(TransitionNotAllowed):
    """Internship's reasons (`code`): `application_not_accepted` (`status`: completion,
    the account and the letter are an accepted intern's), `decision_final` (`status`),
    `case_acknowledged` (`at`), `case_not_acknowledged`, `alumnus_erased`,
    `request_answered` (`status`), `not_a_module` (only a module has pre- and post-tests)."""

    reasons = (
        "application_not_accepted",
        "decision_final",
        "case_acknowledged",
        "case_not_acknowledged",
        "alumnus_erased",
        "request_answered",
        "not_a_module",
    )

    @classmethod
    def not_accepted(cls, detail: str, status: Named) -> InternshipStepRefused:
        return cls(detail, code="application_not_accepted", params={"status": status})
