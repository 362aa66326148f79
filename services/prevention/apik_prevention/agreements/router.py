"""MoUs and cooperation agreements (PKS): drafted, signed document uploaded, activated,
ended (by the clock or an officer), activities recorded, renewed as a new version."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response

from apik_prevention.agreements import service, views
from apik_prevention.agreements.rules import AgreementKind, AgreementStatus
from apik_prevention.agreements.schemas import (
    ActivityCreate,
    ActivityPublic,
    AgreementCreate,
    AgreementPublic,
    AgreementSummary,
    Renewal,
    Termination,
)
from apik_prevention.deps import (
    AUTH,
    AgreementCreator,
    AgreementOfActivities,
    CurrentAgreement,
    CurrentSettings,
    LockedAgreement,
    Officer,
    Reader,
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

router = ServiceRouter(tags=["agreements"])
AGREEMENTS = "/agreements"
STEP = (*AUTH, NotFound, PreconditionFailed, TransitionNotAllowed)


@router.post(
    AGREEMENTS,
    response_model=AgreementPublic,
    status_code=201,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_agreement(
    data: AgreementCreate, request: Request, session: DbSession, actor: AgreementCreator
) -> Response:
    """A draft MoU, or a PKS under an MoU of the caller's office."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.create_agreement(
        session=session,
        actor=actor,
        kind=data.kind,
        parent_id=data.parent_id,
        number=data.number,
        title=data.title,
        parties=data.parties,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
    )
    return await created(
        idempotency,
        await views.one(session, row, actor),
        location=f"{request.url.path}/{row.id}",
        version=row.version,
    )


@router.get(
    AGREEMENTS,
    response_model=list[AgreementSummary],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_agreements(
    session: DbSession,
    actor: Reader,
    status: AgreementStatus | None = None,
    kind: AgreementKind | None = None,
    expiring_within: Annotated[
        int | None,
        Query(ge=0, le=3650, description="in force and ending within this many days"),
    ] = None,
) -> list[AgreementSummary]:
    """The office's agreements, soonest end first."""
    rows = await service.list_agreements(
        session=session, actor=actor, status=status, kind=kind, expiring_within=expiring_within
    )
    signed = await service.documents_present(session, [r.id for r in rows])
    return [views.summary(r, r.id in signed) for r in rows]


@router.get(
    AGREEMENTS + "/{agreement_id}",
    response_model=AgreementPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_agreement(
    agreement_id: uuid.UUID, session: DbSession, actor: Reader, agreement: CurrentAgreement
) -> Response:
    return await views.answer(session, agreement, actor)


@router.put(
    AGREEMENTS + "/{agreement_id}/document",
    response_model=AgreementPublic,
    responses=problem_responses(*STEP, InvalidInput, PayloadTooLarge, UnsupportedAttachment),
    openapi_extra=FILE_BODY,
)
async def upload_document(
    agreement_id: uuid.UUID,
    filename: Filename,
    request: Request,
    session: DbSession,
    actor: Officer,
    settings: CurrentSettings,
    agreement: LockedAgreement,
) -> Response:
    """The signed document as the body (`?filename=`), judged by its content
    (`APIK_AGREEMENT_DOCUMENT_TYPES`); a draft's earlier upload is replaced."""
    data = await service.read_limited(request.stream(), settings.agreement_document_max_bytes)
    agreement = await service.attach_document(
        session=session,
        agreement=agreement,
        filename=filename,
        data=data,
        allowed=settings.agreement_document_types,
        max_bytes=settings.agreement_document_max_bytes,
        actor=actor,
    )
    return await views.answer(session, agreement, actor)


@router.get(
    AGREEMENTS + "/{agreement_id}/document",
    responses=problem_responses(*AUTH, NotFound),
    response_class=Response,
)
async def download_document(
    agreement_id: uuid.UUID, session: DbSession, actor: Reader, agreement: CurrentAgreement
) -> Response:
    """The signed document (each download recorded)."""
    document = await service.read_document(session=session, agreement=agreement, actor=actor)
    return views.download(document)


@router.post(
    AGREEMENTS + "/{agreement_id}/activation",
    response_model=AgreementPublic,
    responses=problem_responses(*STEP, service.NotActivatable),
)
async def activate_agreement(
    agreement_id: uuid.UUID, session: DbSession, actor: Officer, agreement: LockedAgreement
) -> Response:
    """In force: needs the signed document, an end date not past, and for a PKS its MoU
    in force."""
    agreement = await service.activate(session=session, agreement=agreement, actor=actor)
    return await views.answer(session, agreement, actor)


@router.post(
    AGREEMENTS + "/{agreement_id}/termination",
    response_model=AgreementPublic,
    responses=problem_responses(*STEP, InvalidInput),
)
async def terminate_agreement(
    agreement_id: uuid.UUID,
    data: Termination,
    session: DbSession,
    actor: Officer,
    agreement: LockedAgreement,
) -> Response:
    """Ended before its end date, with the reason."""
    agreement = await service.terminate(
        session=session, agreement=agreement, reason=data.reason, actor=actor
    )
    return await views.answer(session, agreement, actor)


@router.post(
    AGREEMENTS + "/{agreement_id}/activities",
    response_model=ActivityPublic,
    status_code=201,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, TransitionNotAllowed),
)
async def add_activity(
    agreement_id: uuid.UUID,
    data: ActivityCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
    agreement: AgreementOfActivities,
) -> Response:
    """An internship, clinic or seminar held under a signed agreement."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.add_activity(session=session, agreement=agreement, data=data, actor=actor)
    return await created(
        idempotency,
        ActivityPublic.model_validate(row, from_attributes=True),
        location=f"{request.url.path}/{row.id}",
    )


@router.post(
    AGREEMENTS + "/{agreement_id}/renewal",
    response_model=AgreementPublic,
    status_code=201,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, TransitionNotAllowed, service.AlreadyRenewed
    ),
)
async def renew_agreement(
    agreement_id: uuid.UUID,
    data: Renewal,
    request: Request,
    session: DbSession,
    actor: Officer,
    agreement: AgreementOfActivities,
) -> Response:
    """A new draft version linked to this one (once): its own term and number, to be
    signed and activated as any draft."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.renew(
        session=session,
        previous=agreement,
        actor=actor,
        number=data.number,
        title=data.title,
        parties=data.parties,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
    )
    return await created(
        idempotency,
        await views.one(session, row, actor),
        location=f"{AGREEMENTS}/{row.id}",
        version=row.version,
    )
