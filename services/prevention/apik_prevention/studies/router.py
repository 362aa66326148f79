"""Studies (kajian) from topic to publication, and their suggestions (saran perbaikan)
to agencies: progress, status, the agency's evidence, the follow-up rate."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from apik_prevention.deps import (
    AUTH,
    CurrentSettings,
    CurrentStudy,
    CurrentSuggestion,
    LockedStudy,
    LockedSuggestion,
    Officer,
    Reader,
    SuggestionsOf,
)
from apik_prevention.studies import service, views
from apik_prevention.studies.rules import Stage, follow_up_rate
from apik_prevention.studies.schemas import (
    FollowUpRate,
    Progress,
    StageMove,
    StatusMove,
    StudyCreate,
    StudyPublic,
    StudySummary,
    SuggestionCreate,
    SuggestionPublic,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.platform.uploads import FILE_BODY, Filename, UnsupportedAttachment

router = ServiceRouter(tags=["studies"])
STUDIES = "/studies"
SUGGESTION = STUDIES + "/{study_id}/suggestions/{suggestion_id}"
STEP = (*AUTH, NotFound, PreconditionFailed, TransitionNotAllowed)
Year = Annotated[int, Query(ge=2000, le=2100)]


@router.post(
    STUDIES,
    response_model=StudyPublic,
    status_code=201,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_study(
    data: StudyCreate, request: Request, session: DbSession, actor: Officer
) -> Response:
    """A study of the caller's office at its first stage, the topic."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.create_study(
        session=session, actor=actor, title=data.title, topic=data.topic, year=data.year
    )
    return await created(
        idempotency,
        await views.one(session, row),
        location=f"{request.url.path}/{row.id}",
        version=row.version,
    )


@router.get(
    STUDIES,
    response_model=list[StudySummary],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_studies(
    session: DbSession, actor: Reader, year: Year | None = None, stage: Stage | None = None
) -> list[StudySummary]:
    """The office's studies, latest year first."""
    rows = await service.list_studies(session=session, actor=actor, year=year, stage=stage)
    return [views.summary(r) for r in rows]


@router.get(
    STUDIES + "/follow-up-rate",
    response_model=FollowUpRate,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def get_follow_up_rate(
    session: DbSession,
    actor: Reader,
    year: Year,
    office: Annotated[
        str | None,
        Query(min_length=1, max_length=32, description="the national unit's choice; else own"),
    ] = None,
) -> FollowUpRate:
    """Of the office's suggestions due in the year (due date come, or closed before it),
    the share followed up: followed_up / due."""
    office, counts = await service.follow_up_counts(
        session=session, actor=actor, office=office, year=year
    )
    return FollowUpRate(
        office=office,
        year=year,
        rate=follow_up_rate(counts["followed_up"], counts["due"]),
        **counts,
    )


@router.get(
    STUDIES + "/{study_id}",
    response_model=StudyPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_study(
    study_id: uuid.UUID, session: DbSession, actor: Reader, study: CurrentStudy
) -> Response:
    return await views.answer(session, study)


@router.post(
    STUDIES + "/{study_id}/stage",
    response_model=StudyPublic,
    responses=problem_responses(*STEP, InvalidInput),
)
async def move_study(
    study_id: uuid.UUID, data: StageMove, session: DbSession, actor: Officer, study: LockedStudy
) -> Response:
    """The next stage (topic → proposal → fieldwork → drafting → review → published), or
    back from review to drafting; each move recorded with who and when."""
    study = await service.move_study(
        session=session, study=study, target=data.stage, note=data.note, actor=actor
    )
    return await views.answer(session, study)


@router.post(
    STUDIES + "/{study_id}/suggestions",
    response_model=SuggestionPublic,
    status_code=201,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, TransitionNotAllowed),
)
async def add_suggestion(
    study_id: uuid.UUID,
    data: SuggestionCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
    study: SuggestionsOf,
) -> Response:
    """A suggestion to a named agency with its due date (from the drafting stage on)."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.add_suggestion(
        session=session,
        study=study,
        agency=data.agency,
        text=data.text,
        due_on=data.due_on,
        actor=actor,
    )
    return await created(
        idempotency,
        await views.suggestion(session, row),
        location=f"{request.url.path}/{row.id}",
        version=row.version,
    )


@router.get(
    SUGGESTION, response_model=SuggestionPublic, responses=problem_responses(*AUTH, NotFound)
)
async def get_suggestion(
    study_id: uuid.UUID,
    suggestion_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    suggestion: CurrentSuggestion,
) -> Response:
    return await views.suggestion_answer(session, suggestion)


@router.post(
    SUGGESTION + "/progress",
    response_model=SuggestionPublic,
    responses=problem_responses(*STEP, InvalidInput),
)
async def add_progress(
    study_id: uuid.UUID,
    suggestion_id: uuid.UUID,
    data: Progress,
    session: DbSession,
    actor: Officer,
    suggestion: LockedSuggestion,
) -> Response:
    """A progress note (what the agency reported, a meeting held…)."""
    suggestion = await service.add_progress(
        session=session, suggestion=suggestion, note=data.note, actor=actor
    )
    return await views.suggestion_answer(session, suggestion)


@router.post(
    SUGGESTION + "/status",
    response_model=SuggestionPublic,
    responses=problem_responses(*STEP, InvalidInput, service.NotFollowedUpYet),
)
async def move_suggestion(
    study_id: uuid.UUID,
    suggestion_id: uuid.UUID,
    data: StatusMove,
    session: DbSession,
    actor: Officer,
    suggestion: LockedSuggestion,
) -> Response:
    """open → in_progress → followed_up | not_followed_up (or open → not_followed_up),
    once the study is published; followed up needs the agency's evidence and publishes
    `suggestion.followed_up`."""
    suggestion = await service.move_suggestion(
        session=session, suggestion=suggestion, target=data.status, note=data.note, actor=actor
    )
    return await views.suggestion_answer(session, suggestion)


@router.put(
    SUGGESTION + "/evidence",
    response_model=SuggestionPublic,
    responses=problem_responses(*STEP, InvalidInput, PayloadTooLarge, UnsupportedAttachment),
    openapi_extra=FILE_BODY,
)
async def upload_evidence(
    study_id: uuid.UUID,
    suggestion_id: uuid.UUID,
    filename: Filename,
    request: Request,
    session: DbSession,
    actor: Officer,
    settings: CurrentSettings,
    suggestion: LockedSuggestion,
) -> Response:
    """The agency's evidence as the body (`?filename=`), judged by its content
    (`APIK_SUGGESTION_EVIDENCE_TYPES`); replaced while the suggestion is not closed."""
    data = await service.read_limited(request.stream(), settings.suggestion_evidence_max_bytes)
    suggestion = await service.attach_evidence(
        session=session,
        suggestion=suggestion,
        filename=filename,
        data=data,
        allowed=settings.suggestion_evidence_types,
        max_bytes=settings.suggestion_evidence_max_bytes,
        actor=actor,
    )
    return await views.suggestion_answer(session, suggestion)


@router.get(
    SUGGESTION + "/evidence",
    responses=problem_responses(*AUTH, NotFound),
    response_class=Response,
)
async def download_evidence(
    study_id: uuid.UUID,
    suggestion_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    suggestion: CurrentSuggestion,
) -> Response:
    """The agency's evidence as uploaded."""
    evidence = await service.evidence_of(session, suggestion.id)
    if evidence is None:
        raise NotFound("No evidence yet.")
    return views.download(evidence)
