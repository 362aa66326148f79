"""Publication: draft → plenary → published (the head), and the public results page."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Response

from apik_prevention.assessments import views
from apik_prevention.assessments.schemas import AssessmentPublic, Year
from apik_prevention.deps import AUTH, Head, LockedAssessment, Preparer
from apik_prevention.publication import service
from apik_prevention.publication.schemas import PlenaryReturn, YearResults
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["publication"])
STEP = (*AUTH, NotFound, PreconditionFailed, TransitionNotAllowed)


@router.post(
    "/assessments/{assessment_id}/plenary",
    response_model=AssessmentPublic,
    responses=problem_responses(*STEP, service.NotReady),
)
async def send_to_plenary(
    assessment_id: uuid.UUID, session: DbSession, actor: Preparer, assessment: LockedAssessment
) -> Response:
    """For the plenary: every indicator has an approved answer and no entry waits for
    its reviewer; entries and the scheme no longer change."""
    assessment = await service.to_plenary(session=session, assessment=assessment, actor=actor)
    return await views.answer(session, assessment, actor)


@router.post(
    "/assessments/{assessment_id}/return",
    response_model=AssessmentPublic,
    responses=problem_responses(*STEP, InvalidInput),
)
async def return_to_draft(
    assessment_id: uuid.UUID,
    data: PlenaryReturn,
    session: DbSession,
    actor: Head,
    assessment: LockedAssessment,
) -> Response:
    """The plenary sends it back to draft, with the reason."""
    assessment = await service.return_to_draft(
        session=session, assessment=assessment, reason=data.reason, actor=actor
    )
    return await views.answer(session, assessment, actor)


@router.post(
    "/assessments/{assessment_id}/publication",
    response_model=AssessmentPublic,
    responses=problem_responses(*STEP, service.NotReady),
)
async def publish_assessment(
    assessment_id: uuid.UUID, session: DbSession, actor: Head, assessment: LockedAssessment
) -> Response:
    """The head publishes the result decided in the plenary: it is fixed as it stands
    and `assessment.published` is announced."""
    assessment = await service.publish_result(session=session, assessment=assessment, actor=actor)
    return await views.answer(session, assessment, actor)


@router.get(
    "/public/results",
    response_model=YearResults,
    responses=problem_responses(InvalidInput),
)
async def public_results(
    session: DbSession, year: Annotated[Year, Query(description="the assessment's year")]
) -> YearResults:
    """No login: the year's published results, every office, by result and by region."""
    return await service.year_results(session, year)
