"""Anti-maladministration villages: nomination → mentoring (the village instrument run
in the assessment engine) → regency verification → office verification → the head's
decision letter (PDF)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Query, Request, Response

from apik_prevention.assessments import service as assessments
from apik_prevention.deps import AUTH, CurrentVillage, LockedVillage, Preparer, Reader, Writer
from apik_prevention.villages import service, views
from apik_prevention.villages.rules import Stage
from apik_prevention.villages.schemas import (
    StageMove,
    VillageAssessmentOpen,
    VillageCreate,
    VillagePublic,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created
from apik_shared.vocabulary.files import content_disposition

router = ServiceRouter(tags=["villages"])
VILLAGES = "/villages"
STEP = (*AUTH, NotFound, PreconditionFailed, TransitionNotAllowed, InvalidInput)
PDF: dict[int | str, dict[str, Any]] = {
    200: {"content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}
}


@router.post(
    VILLAGES,
    response_model=VillagePublic,
    status_code=201,
    responses=problem_responses(*AUTH, InvalidInput, service.VillageExists),
)
async def nominate_village(
    data: VillageCreate, request: Request, session: DbSession, actor: Writer
) -> Response:
    """A village nominated in a year, in the caller's office."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.nominate(session=session, data=data, actor=actor)
    return await created(
        idempotency,
        views.one(row, actor),
        location=f"{request.url.path}/{row.id}",
        version=row.version,
    )


@router.get(
    VILLAGES,
    response_model=list[VillagePublic],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_villages(
    session: DbSession,
    actor: Reader,
    year: Annotated[int | None, Query(ge=2000, le=2200)] = None,
    stage: Stage | None = None,
    regency: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
) -> list[VillagePublic]:
    rows = await service.list_villages(
        session=session, actor=actor, year=year, stage=stage, regency=regency
    )
    return [views.one(r, actor) for r in rows]


@router.get(
    VILLAGES + "/{village_id}",
    response_model=VillagePublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_village(village_id: uuid.UUID, actor: Reader, village: CurrentVillage) -> Response:
    return views.answer(village, actor)


@router.post(
    VILLAGES + "/{village_id}/assessment",
    response_model=VillagePublic,
    responses=problem_responses(*STEP, assessments.AssessmentExists),
)
async def open_village_assessment(
    village_id: uuid.UUID,
    data: VillageAssessmentOpen,
    session: DbSession,
    actor: Preparer,
    village: LockedVillage,
) -> Response:
    """The village instrument (a scheme of kind `village`) opened as an assessment
    during mentoring (`If-Match`): its entries, review and score are the engine's
    (`/assessments/{assessment_id}/…`)."""
    await service.open_assessment(
        session=session, village=village, scheme_id=data.scheme_id, actor=actor
    )
    return views.answer(village, actor)


@router.post(
    VILLAGES + "/{village_id}/stage",
    response_model=VillagePublic,
    responses=problem_responses(*STEP, service.NotReady),
)
async def move_village(
    village_id: uuid.UUID,
    data: StageMove,
    session: DbSession,
    actor: Preparer,
    village: LockedVillage,
) -> Response:
    """The next stage, recorded with who and when (`If-Match`). The regency's
    verification needs the instrument opened; the office's needs every indicator
    answered and approved (the score is kept as verified); the decision is the head's,
    with the letter's number, and publishes `village.decided`."""
    village = await service.move(
        session=session,
        village=village,
        target=data.stage,
        note=data.note,
        decree_number=data.decree_number,
        actor=actor,
    )
    return views.answer(village, actor)


@router.get(
    VILLAGES + "/{village_id}/decision.pdf",
    response_class=Response,
    responses={**PDF, **problem_responses(*AUTH, NotFound, service.NotDecided)},
)
async def get_decision_letter(
    village_id: uuid.UUID, session: DbSession, actor: Reader, village: CurrentVillage
) -> Response:
    """The head's decision letter (Bahasa Indonesia), once the village is decided."""
    data = await service.decision_data(session, village)
    filename = f"keputusan-desa-{village.year}-{village.id}.pdf"
    return Response(
        views.decision_letter(data),
        media_type="application/pdf",
        headers={"Content-Disposition": content_disposition(filename)},
    )
