"""The unit's cases whose follow-up decides the suffix "Tanpa Maladministrasi"."""

from __future__ import annotations

import uuid

from fastapi import Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from apik_prevention.assessments.rules import AssessmentStatus
from apik_prevention.assessments.service import NotEditable
from apik_prevention.deps import AUTH, CurrentAssessment, LockedAssessment, Officer, Reader
from apik_prevention.follow_up import service, views
from apik_prevention.follow_up.schemas import CasesFollowUp, CasesNamed
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import etag_for
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["follow-up"])


@router.put(
    "/assessments/{assessment_id}/cases",
    response_model=CasesFollowUp,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed
    ),
)
async def name_cases(
    assessment_id: uuid.UUID,
    data: CasesNamed,
    session: DbSession,
    actor: Officer,
    assessment: LockedAssessment,
) -> Response:
    """Names the office's cases about the assessed unit (examination's events do not
    name the agency): their corrective actions and recommendations, as examination
    reports them, decide the suffix instead of a recorded follow-up."""
    if assessment.status == AssessmentStatus.published:
        raise NotEditable(
            "The assessment is published: its result no longer changes.", code="published"
        )
    await service.name_cases(
        session=session, assessment=assessment, registration_numbers=data.registration_numbers
    )
    body = await views.cases_follow_up(session, assessment)
    return JSONResponse(jsonable_encoder(body), headers={"ETag": etag_for(assessment.version)})


@router.get(
    "/assessments/{assessment_id}/cases",
    response_model=CasesFollowUp,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_cases(
    assessment_id: uuid.UUID, session: DbSession, actor: Reader, assessment: CurrentAssessment
) -> CasesFollowUp:
    """Each named case's corrective actions and recommendation: followed up, not
    followed up, or pending (`follow_up.rules` says when)."""
    return await views.cases_follow_up(session, assessment)
