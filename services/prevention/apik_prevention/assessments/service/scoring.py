"""The score of an assessment from its scheme version and its approved answers, computed
on every read (`rules.explain`), so a corrected answer or scheme shows at once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import select

from apik_prevention.assessments.rules import Answer, EntryStatus, explain
from apik_prevention.assessments.schemas import (
    AssessmentScore,
    FollowUpState,
    SuggestionsFollowUp,
)
from apik_prevention.follow_up import service as follow_up
from apik_prevention.models import Assessment, AssessmentEntry, SchemeVersion
from apik_prevention.schemes.service import definition_of
from apik_shared.platform.offices import office_calendar


def follow_up_of(assessment: Assessment) -> FollowUpState | None:
    """The follow-up recorded through the API, if any."""
    if assessment.follow_up_issued is None or assessment.follow_up_done is None:
        return None
    return FollowUpState(issued=assessment.follow_up_issued, followed_up=assessment.follow_up_done)


async def follow_up_used(session: AsyncSession, assessment: Assessment) -> FollowUpState | None:
    """Examination's word on the named cases when any are named; else what was recorded."""
    tally = await follow_up.tally(session, assessment)
    if tally is None:
        return follow_up_of(assessment)
    return FollowUpState(
        issued=tally.issued,
        followed_up=tally.followed_up,
        pending=tally.pending,
        source="examination",
    )


async def suggestions_of(session: AsyncSession, assessment: Assessment) -> SuggestionsFollowUp:
    """The unit's suggestions due in the year, as of the office's own date."""
    today = (await office_calendar(session, assessment.office)).local_date(datetime.now(UTC))
    tally = await follow_up.suggestion_tally(session, assessment, today)
    return SuggestionsFollowUp(
        followed_up=tally.followed_up,
        not_followed_up=tally.not_followed_up,
        pending=tally.pending,
        holds=tally.holds,
    )


async def score_of(session: AsyncSession, assessment: Assessment) -> AssessmentScore:
    scheme = await session.get(SchemeVersion, assessment.scheme_id)
    assert scheme is not None  # a foreign key
    rows = await session.execute(
        select(AssessmentEntry.answers).where(
            AssessmentEntry.assessment_id == assessment.id,
            AssessmentEntry.status == EntryStatus.approved.value,
        )
    )
    answers = [
        Answer(indicator=a["indicator"], value=int(a["value"]))
        for entry_answers in rows.scalars()
        for a in entry_answers
    ]
    explained = explain(
        definition_of(scheme),
        answers,
        await follow_up_used(session, assessment),
        await suggestions_of(session, assessment),
    )
    return AssessmentScore(
        **explained.model_dump(),
        assessment_id=assessment.id,
        scheme_id=scheme.id,
        scheme_code=scheme.code,
        scheme_version=scheme.version,
    )
