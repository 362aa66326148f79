"""Assessments: opened by the prevention unit, filled by enumerators' entries that
another officer reviews, and scored on every read with the explanation."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import Query, Request, Response

from apik_prevention.assessments import service, views
from apik_prevention.assessments.rules import AssessmentStatus, EntryStatus
from apik_prevention.assessments.schemas import (
    AssessmentCreate,
    AssessmentPublic,
    AssessmentScore,
    EntryCorrection,
    EntryCreate,
    EntryPublic,
    EntryReview,
    FollowUp,
    SchemeChange,
    Year,
)
from apik_prevention.deps import (
    AUTH,
    CurrentAssessment,
    EntriesOf,
    LockedAssessment,
    LockedEntry,
    Officer,
    Reader,
)
from apik_shared.documents.delimited import (
    CSV_RESPONSE,
    CsvDelimiter,
    CsvLanguage,
    Delimiter,
    csv_download,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from apik_shared.platform.problems import (
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["assessments"])
WRITE = (*AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed)


@router.post(
    "/assessments",
    status_code=201,
    response_model=AssessmentPublic,
    responses=problem_responses(*AUTH, InvalidInput, service.AssessmentExists),
)
async def open_assessment(
    data: AssessmentCreate, request: Request, session: DbSession, actor: Officer
) -> Response:
    """A unit of the caller's office to assess in a year, with a scheme version (which is
    frozen from now on: a correction makes a new version)."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    assessment = await service.create_assessment(session=session, data=data, actor=actor)
    body = await views.one(session, assessment, actor)
    location = f"{request.url.path}/{assessment.id}"
    return await created(idempotency, body, location=location, version=assessment.version)


@router.get(
    "/assessments",
    response_model=Page[AssessmentPublic],
    responses={**problem_responses(*AUTH, InvalidInput), **CSV_RESPONSE},
)
async def list_assessments(
    session: DbSession,
    actor: Reader,
    language: CsvLanguage,
    year: Annotated[Year | None, Query()] = None,
    status: AssessmentStatus | None = None,
    format: Annotated[
        Literal["json", "csv"], Query(description="csv: every row the filters select")
    ] = "json",
    delimiter: CsvDelimiter = Delimiter.comma,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> Page[AssessmentPublic] | Response:
    if format == "csv":
        export = await service.export_assessments(
            session=session, actor=actor, year=year, status=status.value if status else None
        )
        name = f"penilaian-kepatuhan-{year}.csv" if year else "penilaian-kepatuhan.csv"
        return csv_download(views.to_csv(export, language=language, delimiter=delimiter), name)
    rows, next_cursor = await service.list_assessments(
        session=session,
        actor=actor,
        year=year,
        status=status.value if status else None,
        cursor=cursor,
        limit=limit,
    )
    return Page(
        items=[await views.one(session, row, actor) for row in rows], next_cursor=next_cursor
    )


@router.get(
    "/assessments/{assessment_id}",
    response_model=AssessmentPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_assessment(
    assessment_id: uuid.UUID, session: DbSession, actor: Reader, assessment: CurrentAssessment
) -> Response:
    return await views.answer(session, assessment, actor)


@router.put(
    "/assessments/{assessment_id}/scheme",
    response_model=AssessmentPublic,
    responses=problem_responses(*WRITE),
)
async def change_scheme(
    assessment_id: uuid.UUID,
    data: SchemeChange,
    session: DbSession,
    actor: Officer,
    assessment: LockedAssessment,
) -> Response:
    """Scores the assessment with another version of its scheme (a corrected one); the
    answers stay and the score is recomputed from them."""
    assessment = await service.change_scheme(
        session=session,
        assessment=assessment,
        scheme_id=data.scheme_id,
        reason=data.reason,
        actor=actor,
    )
    return await views.answer(session, assessment, actor)


@router.put(
    "/assessments/{assessment_id}/follow-up",
    response_model=AssessmentPublic,
    responses=problem_responses(*WRITE),
)
async def record_follow_up(
    assessment_id: uuid.UUID,
    data: FollowUp,
    session: DbSession,
    actor: Officer,
    assessment: LockedAssessment,
) -> Response:
    """How many of the Ombudsman's corrective actions and recommendations the unit had,
    and followed up: the suffix "Tanpa Maladministrasi" depends on it."""
    assessment = await service.record_follow_up(
        session=session, assessment=assessment, follow_up=data, actor=actor
    )
    return await views.answer(session, assessment, actor)


@router.post(
    "/assessments/{assessment_id}/entries",
    status_code=201,
    response_model=EntryPublic,
    responses=problem_responses(*WRITE),
)
async def add_entry(
    assessment_id: uuid.UUID,
    data: EntryCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
    assessment: EntriesOf,
) -> Response:
    """One interview or observation checklist, for the reviewer."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    entry = await service.add_entry(session=session, assessment=assessment, data=data, actor=actor)
    location = f"{request.url.path}/{entry.id}"
    return await created(
        idempotency, views.entry(entry, assessment, actor), location=location, version=entry.version
    )


@router.get(
    "/assessments/{assessment_id}/entries",
    response_model=list[EntryPublic],
    responses=problem_responses(*AUTH, NotFound),
)
async def list_entries(
    assessment_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    assessment: CurrentAssessment,
    status: EntryStatus | None = None,
) -> list[EntryPublic]:
    rows = await service.list_entries(
        session=session, assessment=assessment, status=status.value if status else None
    )
    return [views.entry(row, assessment, actor) for row in rows]


@router.post(
    "/assessments/{assessment_id}/entries/{entry_id}/review",
    response_model=EntryPublic,
    responses=problem_responses(*WRITE, Forbidden),
)
async def review_entry(
    assessment_id: uuid.UUID,
    entry_id: uuid.UUID,
    data: EntryReview,
    session: DbSession,
    actor: Officer,
    assessment: EntriesOf,
    entry: LockedEntry,
) -> Response:
    """Approved (scored), returned to the enumerator, or on hold; by another officer."""
    entry = await service.review_entry(
        session=session, assessment=assessment, entry=entry, review=data, actor=actor
    )
    return views.entry_answer(entry, assessment, actor)


@router.patch(
    "/assessments/{assessment_id}/entries/{entry_id}",
    response_model=EntryPublic,
    responses=problem_responses(*WRITE),
)
async def correct_entry(
    assessment_id: uuid.UUID,
    entry_id: uuid.UUID,
    data: EntryCorrection,
    session: DbSession,
    actor: Officer,
    assessment: EntriesOf,
    entry: LockedEntry,
) -> Response:
    """Corrects answers (the reason kept with the old values); back to the reviewer."""
    entry = await service.correct_entry(
        session=session, assessment=assessment, entry=entry, data=data, actor=actor
    )
    return views.entry_answer(entry, assessment, actor)


@router.get(
    "/assessments/{assessment_id}/score",
    response_model=AssessmentScore,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_score(
    assessment_id: uuid.UUID, session: DbSession, actor: Reader, assessment: CurrentAssessment
) -> AssessmentScore:
    """The score from the approved answers, with how each dimension, variable and
    indicator made it (weights, answers, indicator score, contribution)."""
    return await service.score_of(session, assessment)
