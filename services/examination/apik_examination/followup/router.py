"""Routes of the steps after the final report (LHP): the reporter's response and the
recommendation. The move to monitoring has no route: the job makes it (`jobs.py`)."""

from __future__ import annotations

import uuid

from fastapi import Request, Response

from apik_examination.deps import (
    AUTH,
    WRITE_PROBLEMS,
    CurrentSettings,
    LockedCase,
    ReadableCase,
    Reader,
    Worker,
    lock_case,
)
from apik_examination.followup import service, views
from apik_examination.followup.schemas import (
    OverdueRecommendation,
    RecommendationCreate,
    RecommendationPublic,
    RecommendationReceipt,
    RecommendationReportCreate,
    ReporterResponseCreate,
    ReporterResponsePublic,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import NotFound, problem_responses
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["followup"])


@router.post(
    "/cases/{case_id}/reporter-responses",
    response_model=ReporterResponsePublic,
    status_code=201,
    responses=WRITE_PROBLEMS,
)
async def record_reporter_response(
    case_id: uuid.UUID,
    data: ReporterResponseCreate,
    request: Request,
    session: DbSession,
    actor: Worker,
) -> Response:
    """The reporter's response to the LHP (agrees, objects, other); one received after
    the deadline is recorded with `late: true`. With `Idempotency-Key`, a retry replays."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    case = await lock_case(request=request, session=session, actor=actor, case_id=case_id)
    response = await service.record_response(
        session=session,
        case=case,
        stance=data.stance,
        text=data.text,
        responded_at=data.responded_at,
        actor=actor,
    )
    return await created(
        idempotency,
        ReporterResponsePublic.model_validate(response, from_attributes=True),
        location=f"{request.url.path}/{response.id}",
        version=case.version,
    )


@router.get(
    "/cases/{case_id}/reporter-responses",
    response_model=list[ReporterResponsePublic],
    responses=problem_responses(*AUTH, NotFound),
)
async def list_reporter_responses(
    case: ReadableCase, session: DbSession, actor: Reader
) -> list[ReporterResponsePublic]:
    """The reporter's responses to the LHP, in the order they were received."""
    rows = await service.list_responses(session=session, case=case)
    return [ReporterResponsePublic.model_validate(r, from_attributes=True) for r in rows]


@router.post(
    "/cases/{case_id}/recommendation",
    response_model=RecommendationPublic,
    responses=WRITE_PROBLEMS,
)
async def issue_recommendation(
    data: RecommendationCreate,
    case: LockedCase,
    session: DbSession,
    actor: Worker,
    settings: CurrentSettings,
    response: Response,
) -> RecommendationPublic:
    """Issues the recommendation after an LHP that found maladministration (one per
    case); with `received_on`, the 60 days for the implementation report start."""
    await service.issue_recommendation(
        session=session,
        case=case,
        text=data.text,
        issued_at=data.issued_at,
        received_on=data.received_on,
        actor=actor,
        settings=settings,
    )
    state = await service.recommendation_state(session=session, case=case)
    return views.answer(state, case, response)


@router.post(
    "/cases/{case_id}/recommendation/receipt",
    response_model=RecommendationPublic,
    responses=WRITE_PROBLEMS,
)
async def record_recommendation_receipt(
    data: RecommendationReceipt,
    case: LockedCase,
    session: DbSession,
    actor: Worker,
    settings: CurrentSettings,
    response: Response,
) -> RecommendationPublic:
    """The day the agency received the recommendation (once): the deadline starts."""
    await service.record_receipt(
        session=session, case=case, received_on=data.received_on, actor=actor, settings=settings
    )
    state = await service.recommendation_state(session=session, case=case)
    return views.answer(state, case, response)


@router.post(
    "/cases/{case_id}/recommendation/reports",
    response_model=RecommendationPublic,
    status_code=201,
    responses=WRITE_PROBLEMS,
)
async def record_recommendation_report(
    case_id: uuid.UUID,
    data: RecommendationReportCreate,
    request: Request,
    session: DbSession,
    actor: Worker,
) -> Response:
    """A report on the implementation; one after the deadline is recorded as late.
    With `Idempotency-Key`, a retry replays the first answer."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    case = await lock_case(request=request, session=session, actor=actor, case_id=case_id)
    report = await service.record_report(
        session=session,
        case=case,
        implementation=data.implementation,
        text=data.text,
        reported_at=data.reported_at,
        actor=actor,
    )
    state = await service.recommendation_state(session=session, case=case)
    return await created(
        idempotency,
        views.recommendation(state),
        location=f"{request.url.path}/{report.id}",
        version=case.version,
    )


@router.get(
    "/cases/{case_id}/recommendation",
    response_model=RecommendationPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_recommendation(
    case: ReadableCase, session: DbSession, actor: Reader, response: Response
) -> RecommendationPublic:
    """The case's recommendation, its reports, and whether it is overdue."""
    state = await service.recommendation_state(session=session, case=case)
    return views.answer(state, case, response)


@router.get(
    "/recommendations/overdue",
    response_model=list[OverdueRecommendation],
    responses=problem_responses(*AUTH),
)
async def list_overdue_recommendations(
    session: DbSession, actor: Reader
) -> list[OverdueRecommendation]:
    """Recommendations of the caller's office past their deadline with no
    implementation report, oldest deadline first."""
    rows = await service.overdue_recommendations(session=session, actor=actor)
    return views.overdue(rows)
