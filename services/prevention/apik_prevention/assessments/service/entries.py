"""The enumerators' entries: added, reviewed (approved, returned, on hold) by another
officer, and corrected (back to the reviewer). Only approved answers are scored."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.assessments.rules import (
    ENTRY_STATUSES,
    EntryStatus,
    indicator_codes,
    review_decisions,
)
from apik_prevention.assessments.schemas import AnswerIn, EntryCorrection, EntryCreate, EntryReview
from apik_prevention.assessments.service.opening import ensure_draft
from apik_prevention.models import Assessment, AssessmentEntry, SchemeVersion
from apik_prevention.refusals import PreventionForbidden, PreventionStepRefused
from apik_prevention.schemes.schemas import RespondentType, SchemeDefinition
from apik_prevention.schemes.service import definition_of
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import InvalidInput, NotFound
from apik_shared.vocabulary.labels import named


def check_answers(
    definition: SchemeDefinition,
    respondent: RespondentType,
    answers: Sequence[AnswerIn],
) -> None:
    """Each answer names an indicator of the scheme that this respondent answers, once,
    with a value on its scale."""
    if respondent not in {r.type for r in definition.respondents}:
        raise InvalidInput.field(
            "#/body/respondent_type",
            f"The scheme {definition.code} has no {respondent} respondent.",
            code="unknown_respondent",
            scheme=definition.code,
            respondent=respondent,
        )
    indicators = indicator_codes(definition)
    seen: set[str] = set()
    for n, answer in enumerate(answers):
        at = f"#/body/answers/{n}"
        indicator = indicators.get(answer.indicator)
        if indicator is None:
            raise InvalidInput.field(
                f"{at}/indicator",
                f"No indicator {answer.indicator}.",
                code="unknown_indicator",
                indicator=answer.indicator,
            )
        if answer.indicator in seen:
            raise InvalidInput.field(
                f"{at}/indicator", f"{answer.indicator} is answered twice.", code="listed_twice"
            )
        seen.add(answer.indicator)
        if respondent not in indicator.respondents:
            raise InvalidInput.field(
                f"{at}/indicator",
                f"{answer.indicator} is answered by {', '.join(indicator.respondents)}.",
                code="not_for_respondent",
                respondents=", ".join(indicator.respondents),
            )
        scale = indicator.scale or definition.scale
        if not scale.min <= answer.value <= scale.max:
            raise InvalidInput.field(
                f"{at}/value",
                f"{answer.indicator} takes {scale.min} to {scale.max}.",
                code="out_of_range",
                min=scale.min,
                max=scale.max,
            )


async def _definition(session: AsyncSession, assessment: Assessment) -> SchemeDefinition:
    scheme = await session.get(SchemeVersion, assessment.scheme_id)
    assert scheme is not None  # a foreign key
    return definition_of(scheme)


def _dumped(answers: Sequence[AnswerIn]) -> list[dict[str, object]]:
    return [a.model_dump(mode="json", exclude_none=True) for a in answers]


async def add_entry(
    *, session: AsyncSession, assessment: Assessment, data: EntryCreate, actor: Principal
) -> AssessmentEntry:
    ensure_draft(assessment)
    definition = await _definition(session, assessment)
    check_answers(definition, data.respondent_type, data.answers)
    entry = AssessmentEntry(
        assessment_id=assessment.id,
        office=assessment.office,
        respondent_type=data.respondent_type.value,
        respondent_ref=data.respondent_ref,
        method=data.method.value,
        taken_at=data.taken_at,
        place=data.place,
        photos=[p.model_dump(mode="json", exclude_none=True) for p in data.photos],
        answers=_dumped(data.answers),
        status=EntryStatus.submitted.value,
        enumerator=actor.username,
    )
    session.add(entry)
    await session.flush()
    return entry


async def get_entry(
    *,
    session: AsyncSession,
    assessment_id: uuid.UUID,
    entry_id: uuid.UUID,
    actor: Principal,
    for_update: bool = False,
) -> AssessmentEntry:
    entry = await session.get(AssessmentEntry, entry_id, with_for_update=for_update)
    if (
        entry is None
        or entry.assessment_id != assessment_id
        or not actor.can_see_office(entry.office)
    ):
        raise NotFound(f"No entry {entry_id} in assessment {assessment_id}.")
    return entry


async def list_entries(
    *, session: AsyncSession, assessment: Assessment, status: str | None = None
) -> list[AssessmentEntry]:
    query = select(AssessmentEntry).where(AssessmentEntry.assessment_id == assessment.id)
    if status is not None:
        query = query.where(AssessmentEntry.status == status)
    query = query.order_by(col(AssessmentEntry.submitted_at), col(AssessmentEntry.id))
    return list((await session.execute(query)).scalars())


async def review_entry(
    *,
    session: AsyncSession,
    assessment: Assessment,
    entry: AssessmentEntry,
    review: EntryReview,
    actor: Principal,
) -> AssessmentEntry:
    """The reviewer's decision; never the enumerator's own entry (four eyes)."""
    ensure_draft(assessment)
    if entry.enumerator == actor.username:
        raise PreventionForbidden(
            "An entry is reviewed by another officer than its enumerator.", code="own_entry"
        )
    if review.decision not in review_decisions(entry.status):
        raise PreventionStepRefused.status_is(
            f"The entry is {entry.status}; a returned entry is corrected first, an approved "
            "one is corrected to be reviewed again, a held one is not held twice.",
            "entry_status",
            named(ENTRY_STATUSES, entry.status),
        )
    entry.status = review.decision.value
    entry.reviewed_by, entry.reviewed_at = actor.username, datetime.now(UTC)
    entry.review_note = review.note
    entry.version += 1
    session.add(entry)
    await session.flush()
    return entry


async def correct_entry(
    *,
    session: AsyncSession,
    assessment: Assessment,
    entry: AssessmentEntry,
    data: EntryCorrection,
    actor: Principal,
) -> AssessmentEntry:
    """Replaces the named answers (the others stay); the entry goes back to review."""
    ensure_draft(assessment)
    definition = await _definition(session, assessment)
    check_answers(definition, RespondentType(entry.respondent_type), data.answers)
    before = {a["indicator"]: a for a in entry.answers}
    changed = {a.indicator: a.model_dump(mode="json", exclude_none=True) for a in data.answers}
    entry.answers = [changed.pop(code, answer) for code, answer in before.items()] + list(
        changed.values()
    )
    entry.corrections = [
        *entry.corrections,
        {
            "at": datetime.now(UTC).isoformat(),
            "by": actor.username,
            "reason": data.reason,
            "before": [before[a.indicator] for a in data.answers if a.indicator in before],
            "after": _dumped(data.answers),
            "status_before": entry.status,
        },
    ]
    entry.status = EntryStatus.submitted.value
    entry.reviewed_by = entry.reviewed_at = entry.review_note = None
    entry.version += 1
    session.add(entry)
    await session.flush()
    return entry
