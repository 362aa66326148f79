"""Why prevention refuses a step the record's state contradicts: the reasons of the
shared `forbidden` and `transition-not-allowed` types that prevention names in the `code` member
(`params` fill the wording; the web app words each, i18n/problems.ts)."""

from __future__ import annotations

from apik_shared.platform.problems import Forbidden, TransitionNotAllowed
from apik_shared.vocabulary.labels import Named


class PreventionForbidden(Forbidden):
    """Prevention's reasons (`code`): `own_entry` (an entry is reviewed by another
    officer than its enumerator), `own_article` (an author does not approve or return
    their own article: four eyes), `writers_only` (submitting, withdrawing and
    publishing an article are the prevention unit's)."""

    reasons = ("own_entry", "own_article", "writers_only")


class PreventionStepRefused(TransitionNotAllowed):
    """Prevention's reasons (`code`): `member_not_inducted` (training follows the
    induction), `village_not_mentoring` (`stage`: the instrument opens during
    mentoring), `instrument_open`, `document_kept` (`status`: only a draft agreement
    takes another document), `not_renewable` (`status`), `agreement_not_signed`,
    `article_not_draft` (`status`), `entry_status` (`status`: the review does not follow
    from it), `study_before_drafting`, `suggestion_closed` (`status`), `evidence_kept`
    (`status`), `focal_point_erased`, `request_answered` (`status`)."""

    reasons = (
        "member_not_inducted",
        "village_not_mentoring",
        "instrument_open",
        "document_kept",
        "not_renewable",
        "agreement_not_signed",
        "article_not_draft",
        "entry_status",
        "study_before_drafting",
        "suggestion_closed",
        "evidence_kept",
        "focal_point_erased",
        "request_answered",
    )

    @classmethod
    def status_is(cls, detail: str, code: str, status: Named) -> PreventionStepRefused:
        return cls(detail, code=code, params={"status": status})
