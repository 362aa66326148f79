"""Evaluations: supervisors' rubrics of an intern, the intern's of their unit and the
programme (read back by staff only as counts and means above a minimum), and the
intern's final report."""

from __future__ import annotations

import uuid

from fastapi import Request, Response
from fastapi.responses import JSONResponse

from apik_internship.deps import (
    AUTH,
    AcceptedIntern,
    Cipher,
    CurrentIntern,
    CurrentSettings,
    InternRole,
    LibraryReader,
    Reader,
    Supervisor,
)
from apik_internship.evaluations import service, views
from apik_internship.evaluations.rules import Subject
from apik_internship.evaluations.schemas import (
    EvaluationCreate,
    EvaluationPublic,
    FeedbackPublic,
    FinalReportPublic,
    InternEvaluations,
    Rubrics,
)
from apik_internship.learning.service import read_limited
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.platform.uploads import FILE_BODY, Filename, UnsupportedAttachment
from apik_shared.vocabulary.files import content_disposition

router = ServiceRouter(tags=["evaluations"])
EVALUATIONS = "/api/v1/internship/evaluations"


@router.get("/evaluations/rubrics", response_model=Rubrics, responses=problem_responses(*AUTH))
async def read_rubrics(actor: LibraryReader, settings: CurrentSettings) -> Rubrics:
    """The office's rubrics (`APIK_RUBRICS`): each subject's criteria, scored 1 to 5."""
    return Rubrics(rubrics=settings.rubrics)


@router.post(
    "/evaluations/interns/{application_id}",
    status_code=201,
    response_model=EvaluationPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, service.AlreadyEvaluated),
)
async def evaluate_intern(
    application_id: uuid.UUID,
    data: EvaluationCreate,
    request: Request,
    session: DbSession,
    actor: Supervisor,
    intern: AcceptedIntern,
    cipher: Cipher,
    settings: CurrentSettings,
) -> Response:
    """A supervisor's rubric of an accepted intern of their office (one per supervisor)."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    evaluation = await service.evaluate(
        session=session,
        cipher=cipher,
        application=intern,
        subject=Subject.intern,
        data=data,
        rubric=settings.rubrics[Subject.intern],
        evaluator=actor.username,
    )
    return await created(
        idempotency,
        views.public(cipher, evaluation),
        location=f"{EVALUATIONS}/interns/{application_id}",
    )


@router.get(
    "/evaluations/interns/{application_id}",
    response_model=InternEvaluations,
    responses=problem_responses(*AUTH, NotFound),
)
async def intern_evaluations(
    application_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    intern: AcceptedIntern,
    cipher: Cipher,
) -> InternEvaluations:
    """The supervisors' evaluations of an intern and the final score completion uses."""
    rows = await service.evaluations_of(
        session=session, application=intern, subjects=[Subject.intern]
    )
    return InternEvaluations(
        items=[views.public(cipher, e) for e in rows],
        final_score=await service.final_score(session=session, application=intern),
    )


@router.get(
    "/evaluations/mine",
    response_model=InternEvaluations,
    responses=problem_responses(*AUTH),
)
async def my_evaluations(
    session: DbSession, actor: InternRole, intern: CurrentIntern, cipher: Cipher
) -> InternEvaluations:
    """The intern's own: the supervisors' evaluations of them, and their own feedback."""
    rows = await service.evaluations_of(session=session, application=intern, subjects=list(Subject))
    return InternEvaluations(
        items=[views.public(cipher, e) for e in rows],
        final_score=await service.final_score(session=session, application=intern),
    )


@router.post(
    "/evaluations/mine/{subject}",
    status_code=201,
    response_model=EvaluationPublic,
    responses=problem_responses(*AUTH, InvalidInput, service.AlreadyEvaluated),
)
async def evaluate_placement(
    subject: Subject,
    data: EvaluationCreate,
    request: Request,
    session: DbSession,
    actor: InternRole,
    intern: CurrentIntern,
    cipher: Cipher,
    settings: CurrentSettings,
) -> Response:
    """The intern's rubric of their unit (`unit`) or of the programme (`programme`),
    once each."""
    if subject is Subject.intern:
        raise InvalidInput.field(
            "#/path/subject",
            "An intern evaluates `unit` or `programme`.",
            code="enum",
            expected="'unit' or 'programme'",
        )
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    evaluation = await service.evaluate(
        session=session,
        cipher=cipher,
        application=intern,
        subject=subject,
        data=data,
        rubric=settings.rubrics[subject],
        evaluator=actor.username,
    )
    return await created(
        idempotency, views.public(cipher, evaluation), location=f"{EVALUATIONS}/mine"
    )


@router.get(
    "/evaluations/feedback",
    response_model=list[FeedbackPublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def interns_feedback(
    session: DbSession,
    actor: Reader,
    settings: CurrentSettings,
    subject: Subject = Subject.unit,
) -> list[FeedbackPublic]:
    """The interns' feedback of the caller's office per unit (or on the programme):
    counts and means only, and none for a unit fewer than `APIK_STATISTICS_MIN_COUNT`
    interns evaluated; never who wrote what, nor their comments."""
    if subject is Subject.intern:
        raise InvalidInput.field(
            "#/query/subject",
            "Feedback is on `unit` or `programme`.",
            code="enum",
            expected="'unit' or 'programme'",
        )
    found = await service.feedback(
        session=session,
        office=actor.office,
        subject=subject,
        rubric=settings.rubrics[subject],
        min_count=settings.statistics_min_count,
    )
    return [FeedbackPublic.model_validate(f, from_attributes=True) for f in found]


@router.put(
    "/evaluations/mine/final-report",
    response_model=FinalReportPublic,
    responses=problem_responses(*AUTH, InvalidInput, PayloadTooLarge, UnsupportedAttachment),
    openapi_extra=FILE_BODY,
)
async def upload_final_report(
    filename: Filename,
    request: Request,
    session: DbSession,
    actor: InternRole,
    intern: CurrentIntern,
    cipher: Cipher,
    settings: CurrentSettings,
) -> Response:
    """The intern's final report, the file as the body (PDF, DOCX or ODT); a later
    upload replaces it: 201 the first time, 200 after."""
    data = await read_limited(request.stream(), settings.learning_max_bytes)
    report, first = await service.upload_report(
        session=session,
        cipher=cipher,
        intern=intern,
        filename=filename,
        data=data,
        allowed=settings.learning_types,
        max_bytes=settings.learning_max_bytes,
    )
    body = FinalReportPublic.model_validate(report, from_attributes=True)
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=201 if first else 200,
        headers={"Location": f"{EVALUATIONS}/interns/{intern.id}/final-report"},
    )


@router.get(
    "/evaluations/interns/{application_id}/final-report",
    response_class=Response,
    responses=problem_responses(*AUTH, NotFound),
)
async def download_final_report(
    application_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    intern: AcceptedIntern,
    cipher: Cipher,
) -> Response:
    """The intern's final report as uploaded."""
    report, content = await service.get_report(session=session, cipher=cipher, application=intern)
    return Response(
        content,
        media_type=report.media_type,
        headers={
            "Content-Disposition": content_disposition(report.filename),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
