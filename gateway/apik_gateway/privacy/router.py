"""The data protection officer's registers (`/api/v1/auth/privacy`), UU 27/2022.

Only a data protection officer reads and keeps them: of their own office, or of every
office when national. Admins and heads are refused: the requester's identity is the
DPO's to hold, and admins are the people whose role changes the DPO audits. Another
office's request or breach is missing (404), never forbidden, so its existence is not
told. Every opening of a request (the requester, what they asked, the answer) is
audited; listings carry nothing of the person.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi import Request, Response, status

from apik_gateway.deps import (
    Cipher,
    CurrentSettings,
    Cursor,
    Limit,
    LockedBreach,
    LockedRequest,
)
from apik_gateway.privacy import rules, service, views
from apik_gateway.privacy.schemas import (
    AccessExport,
    BreachCreate,
    BreachDetail,
    BreachPublic,
    BreachUpdate,
    ExportIdentifiers,
    NotificationCreate,
    NotificationPublic,
    RequestCreate,
    RequestCreated,
    RequestOpened,
    RequestRead,
    RequestSummary,
    RequestUpdate,
)
from apik_shared.platform.auth import DataProtectionOfficer
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import set_etag
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.pagination import DEFAULT_LIMIT, Page
from apik_shared.platform.problems import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    PreconditionRequired,
    TransitionNotAllowed,
    Unauthorized,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(prefix="/api/v1/auth/privacy", tags=["privacy"])
_DENIED = (Unauthorized, Forbidden)
_CHANGE = (NotFound, PreconditionFailed, PreconditionRequired, InvalidInput)


# --- data subjects' requests ----------------------------------------------------------


@router.post(
    "/requests",
    status_code=status.HTTP_201_CREATED,
    response_model=RequestCreated,
    summary="Record a data subject's request; it is due 72 hours after its receipt",
    responses=problem_responses(*_DENIED, Conflict, InvalidInput),
)
async def record_request(
    body: RequestCreate,
    request: Request,
    session: DbSession,
    officer: DataProtectionOfficer,
    cipher: Cipher,
) -> Response:
    idempotency = Idempotency(session, request, caller=officer.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    row = await service.record_request(session=session, cipher=cipher, actor=officer, body=body)
    return await created(
        idempotency,
        RequestCreated(id=row.id, due_at=row.due_at),
        location=f"{request.url.path}/{row.id}",
        version=row.version,
    )


@router.get(
    "/requests",
    response_model=Page[RequestSummary],
    summary="Data subjects' requests, newest first; `overdue=true`: open past their deadline",
    responses=problem_responses(*_DENIED, InvalidInput),
)
async def list_requests(
    session: DbSession,
    officer: DataProtectionOfficer,
    office: str | None = None,
    status: rules.RequestStatus | None = None,
    kind: rules.RequestKind | None = None,
    overdue: bool | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[RequestSummary]:
    now = datetime.now(UTC)
    rows, next_cursor = await service.list_requests(
        session=session,
        office=service.listed_office(officer, office),
        status=status,
        kind=kind,
        overdue=overdue,
        now=now,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=[views.request_summary(r, now) for r in rows], next_cursor=next_cursor)


@router.get(
    "/requests/{request_id}",
    response_model=RequestOpened,
    summary="Open one request: who asked, what, the answer (the opening is audited)",
    responses=problem_responses(*_DENIED, NotFound),
)
async def open_request(
    request_id: uuid.UUID,
    session: DbSession,
    officer: DataProtectionOfficer,
    cipher: Cipher,
    response: Response,
) -> RequestOpened:
    row = await service.get_request(session=session, actor=officer, request_id=request_id)
    requester, details, answer = await service.open_request(
        session=session, cipher=cipher, actor=officer, row=row
    )
    set_etag(response, row.version)
    return views.request_opened(row, requester, details, answer, datetime.now(UTC))


@router.patch(
    "/requests/{request_id}",
    response_model=RequestSummary,
    summary="Take up, answer or refuse a request; send If-Match with the ETag you read",
    responses=problem_responses(*_DENIED, *_CHANGE, TransitionNotAllowed),
)
async def update_request(
    row: LockedRequest,
    changes: RequestUpdate,
    session: DbSession,
    officer: DataProtectionOfficer,
    cipher: Cipher,
    response: Response,
) -> RequestSummary:
    row = await service.update_request(
        session=session, cipher=cipher, actor=officer, row=row, changes=changes
    )
    set_etag(response, row.version)
    return views.request_summary(row, datetime.now(UTC))


@router.get(
    "/requests/{request_id}/reads",
    response_model=Page[RequestRead],
    summary="Who opened a request, and when, newest first",
    responses=problem_responses(*_DENIED, NotFound, InvalidInput),
)
async def list_request_reads(
    request_id: uuid.UUID,
    session: DbSession,
    officer: DataProtectionOfficer,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[RequestRead]:
    row = await service.get_request(session=session, actor=officer, request_id=request_id)
    reads, next_cursor = await service.list_reads(
        session=session, row=row, cursor=cursor, limit=limit
    )
    return Page(items=[RequestRead.model_validate(r) for r in reads], next_cursor=next_cursor)


@router.post(
    "/requests/{request_id}/access-export",
    response_model=AccessExport,
    summary="Answer an access request: one export from every service, withheld data named",
    responses=problem_responses(*_DENIED, NotFound, InvalidInput, TransitionNotAllowed),
)
async def access_export(
    request_id: uuid.UUID,
    request: Request,
    session: DbSession,
    officer: DataProtectionOfficer,
    cipher: Cipher,
    settings: CurrentSettings,
    body: ExportIdentifiers | None = None,
) -> AccessExport:
    """Asks every service's subject-access route with the request's identifiers (and the
    body's, for what the request lacks), adds the staff accounts the gateway holds under
    the subject's name, and merges them: per service what it holds, everything withheld
    with its reason and law, the services that did not answer (`complete: false`). The
    opening of the requester is audited (`/reads`: who generated it, when); a received
    request is taken up."""
    row = await service.get_request(
        session=session, actor=officer, request_id=request_id, for_update=True
    )
    return await service.access_export(
        session=session,
        cipher=cipher,
        actor=officer,
        row=row,
        extra=body or ExportIdentifiers(),
        client=request.app.state.http,
        service_urls=settings.service_replicas,
        authorization=request.headers.get("authorization", ""),
    )


# --- personal-data breaches -----------------------------------------------------------


@router.post(
    "/breaches",
    status_code=status.HTTP_201_CREATED,
    response_model=BreachPublic,
    summary="Record a personal-data breach; notification is due 72 hours after discovery",
    responses=problem_responses(*_DENIED, Conflict, InvalidInput),
)
async def record_breach(
    body: BreachCreate, request: Request, session: DbSession, officer: DataProtectionOfficer
) -> Response:
    idempotency = Idempotency(session, request, caller=officer.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    breach = await service.record_breach(session=session, actor=officer, body=body)
    return await created(
        idempotency,
        views.breach(breach, datetime.now(UTC)),
        location=f"{request.url.path}/{breach.id}",
        version=breach.version,
    )


@router.get(
    "/breaches",
    response_model=Page[BreachPublic],
    summary="The breach register, newest discovered first; `overdue=true`: someone untold",
    responses=problem_responses(*_DENIED, InvalidInput),
)
async def list_breaches(
    session: DbSession,
    officer: DataProtectionOfficer,
    office: str | None = None,
    status: rules.BreachStatus | None = None,
    overdue: bool | None = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[BreachPublic]:
    now = datetime.now(UTC)
    rows, next_cursor = await service.list_breaches(
        session=session,
        office=service.listed_office(officer, office),
        status=status,
        overdue=overdue,
        now=now,
        cursor=cursor,
        limit=limit,
    )
    return Page(items=[views.breach(r, now) for r in rows], next_cursor=next_cursor)


@router.get(
    "/breaches/{breach_id}",
    response_model=BreachDetail,
    summary="One breach with every notification recorded",
    responses=problem_responses(*_DENIED, NotFound),
)
async def get_breach(
    breach_id: uuid.UUID, session: DbSession, officer: DataProtectionOfficer, response: Response
) -> BreachDetail:
    breach = await service.get_breach(session=session, actor=officer, breach_id=breach_id)
    notifications = await service.notifications_of(session=session, breach=breach)
    set_etag(response, breach.version)
    return views.breach_detail(breach, notifications, datetime.now(UTC))


@router.patch(
    "/breaches/{breach_id}",
    response_model=BreachPublic,
    summary="Correct or move a breach on (closing needs both notifications); If-Match",
    responses=problem_responses(*_DENIED, *_CHANGE, Conflict, TransitionNotAllowed),
)
async def update_breach(
    breach: LockedBreach, changes: BreachUpdate, session: DbSession, response: Response
) -> BreachPublic:
    breach = await service.update_breach(session=session, breach=breach, changes=changes)
    set_etag(response, breach.version)
    return views.breach(breach, datetime.now(UTC))


@router.post(
    "/breaches/{breach_id}/notifications",
    status_code=status.HTTP_201_CREATED,
    response_model=NotificationPublic,
    summary="Record that the authority, the subjects or the public were told: when, how",
    description="`Location` is the breach, which lists its notifications; `ETag` its version.",
    responses=problem_responses(*_DENIED, NotFound, Conflict, InvalidInput),
)
async def record_notification(
    breach_id: uuid.UUID,
    body: NotificationCreate,
    request: Request,
    session: DbSession,
    officer: DataProtectionOfficer,
) -> Response:
    idempotency = Idempotency(session, request, caller=officer.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    breach = await service.get_breach(
        session=session, actor=officer, breach_id=breach_id, for_update=True
    )
    notification = await service.record_notification(
        session=session, actor=officer, breach=breach, body=body
    )
    return await created(
        idempotency,
        NotificationPublic.model_validate(notification),
        location=request.url.path.removesuffix("/notifications"),
        version=breach.version,
    )
