"""The alumni register: kept by the office's intern supervisors, read by its staff as
each alumnus allowed, a public directory of what alumni made public, and the alumnus's
own routes by magic link (the token in the body, never the URL)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Query, Request, Response
from fastapi.responses import JSONResponse

from apik_internship.alumni import service, views
from apik_internship.alumni.rules import RequestStatus
from apik_internship.alumni.schemas import (
    AlumnusCreate,
    AlumnusPublic,
    AlumnusWrite,
    CommunityInvitation,
    CommunityJoin,
    DirectoryEntry,
    MagicLink,
    RequestAnswer,
    RequestPublic,
    SelfRead,
    SelfRequest,
    SelfUpdate,
)
from apik_internship.applications.schemas import OfficeCode
from apik_internship.deps import (
    AUTH,
    Alumni,
    Cipher,
    CodeKey,
    CurrentAlumnus,
    CurrentSettings,
    LockedAlumnus,
    Reader,
    Supervisor,
)
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import etag_for
from apik_shared.platform.idempotency import Idempotency
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter, created

router = ServiceRouter(tags=["alumni"])
ALUMNI = "/api/v1/internship/alumni"
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}
REQUEST_PROBLEMS = problem_responses(NotFound, InvalidInput)


def _one(shown: dict[str, Any], *, status_code: int = 200) -> JSONResponse:
    body = AlumnusPublic.model_validate(shown)
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=status_code,
        headers={"ETag": etag_for(body.version), **PRIVATE},
    )


@router.post(
    "/alumni",
    status_code=201,
    response_model=AlumnusPublic,
    responses=problem_responses(*AUTH, InvalidInput, NotFound, service.AlreadyInNetwork),
)
async def add_alumnus(
    data: AlumnusCreate,
    request: Request,
    session: DbSession,
    actor: Supervisor,
    access: Alumni,
    cipher: Cipher,
) -> Response:
    """Records an alumnus in the caller's office's network, with the consent per field
    and the visibility they gave (hidden unless said)."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    alumnus = await service.create(session=session, cipher=cipher, data=data, actor=actor)
    [shown] = await service.present(
        session=session, access=access, alumni=[alumnus], purpose="record an alumnus"
    )
    return await created(
        idempotency,
        AlumnusPublic.model_validate(shown),
        location=f"{ALUMNI}/{alumnus.id}",
        version=alumnus.version,
    )


@router.get("/alumni", response_model=list[AlumnusPublic], responses=problem_responses(*AUTH))
async def list_alumni(session: DbSession, actor: Reader, access: Alumni) -> list[AlumnusPublic]:
    """The office's alumni, newest first: in full for the register's keepers, the
    consented fields of `office` and `public` records for other staff, the rest masked.
    Every record read is audited."""
    rows = await service.list_office(session=session, office=actor.office_scope())
    shown = await service.present(session=session, access=access, alumni=rows, purpose="list")
    return [AlumnusPublic.model_validate(s) for s in shown]


@router.get(
    "/alumni/{alumnus_id}",
    response_model=AlumnusPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_alumnus(
    alumnus_id: uuid.UUID,
    session: DbSession,
    actor: Reader,
    access: Alumni,
    alumnus: CurrentAlumnus,
) -> Response:
    [shown] = await service.present(
        session=session, access=access, alumni=[alumnus], purpose="read an alumnus"
    )
    return _one(shown)


@router.put(
    "/alumni/{alumnus_id}",
    response_model=AlumnusPublic,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed
    ),
)
async def correct_alumnus(
    alumnus_id: uuid.UUID,
    data: AlumnusWrite,
    session: DbSession,
    actor: Supervisor,
    access: Alumni,
    cipher: Cipher,
    alumnus: LockedAlumnus,
) -> Response:
    """The keepers' correction of a record (`If-Match`), e.g. on a correction request."""
    alumnus = await service.correct(session=session, cipher=cipher, alumnus=alumnus, data=data)
    [shown] = await service.present(
        session=session, access=access, alumni=[alumnus], purpose="correct an alumnus"
    )
    return _one(shown)


@router.post(
    "/alumni/{alumnus_id}/magic-link",
    status_code=201,
    response_model=MagicLink,
    responses=problem_responses(*AUTH, NotFound, TransitionNotAllowed),
)
async def issue_magic_link(
    alumnus_id: uuid.UUID,
    session: DbSession,
    actor: Supervisor,
    alumnus: CurrentAlumnus,
    code_key: CodeKey,
    settings: CurrentSettings,
) -> JSONResponse:
    """A link for the alumnus to read and update their own record, shown once (the
    office sends it: no mail is sent from here). Single-use, it expires after
    `APIK_ALUMNI_LINK_HOURS`."""
    token, expires = await service.magic_link(
        session=session,
        alumnus=alumnus,
        key=code_key,
        hours=settings.alumni_link_hours,
        actor=actor,
    )
    link = f"{settings.public_url.rstrip('/')}/alumni#token={token}"
    body = MagicLink(token=token, link=link, expires_at=expires)
    return JSONResponse(body.model_dump(mode="json"), status_code=201, headers=PRIVATE)


@router.get(
    "/alumni-requests",
    response_model=list[RequestPublic],
    responses=problem_responses(*AUTH),
)
async def list_alumni_requests(
    session: DbSession,
    actor: Supervisor,
    cipher: Cipher,
    open_only: Annotated[bool, Query(alias="open")] = True,
) -> list[RequestPublic]:
    """The office's alumni requests, soonest due first (`overdue` past the deadline)."""
    rows = await service.list_requests(
        session=session, office=actor.office_scope(), open_only=open_only
    )
    return [views.request(cipher, r, with_text=True) for r in rows]


@router.post(
    "/alumni-requests/{request_id}/answer",
    response_model=RequestPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, TransitionNotAllowed),
)
async def answer_alumni_request(
    request_id: uuid.UUID,
    data: RequestAnswer,
    session: DbSession,
    actor: Supervisor,
    cipher: Cipher,
) -> RequestPublic:
    """Answers a request once (`answered`, or `refused` with the reason); answering an
    erasure erases the record and spends its open links."""
    row = await service.get_request(session=session, request_id=request_id, actor=actor)
    row = await service.answer_request(
        session=session,
        cipher=cipher,
        request=row,
        status=RequestStatus(data.status),
        answer=data.answer,
        actor=actor,
    )
    return views.request(cipher, row, with_text=True)


@router.get(
    "/public/alumni",
    response_model=list[DirectoryEntry],
    responses=problem_responses(InvalidInput),
)
async def alumni_directory(
    office: Annotated[OfficeCode, Query()], session: DbSession, cipher: Cipher
) -> list[DirectoryEntry]:
    """The office's public alumni directory: the records their alumni made `public`,
    only the fields they consented to, and none without a consented name. No login."""
    rows = await service.directory(session=session, office=office)
    return views.directory(cipher, list(rows))


@router.post(
    "/public/alumni/self",
    response_model=AlumnusPublic,
    responses=REQUEST_PROBLEMS,
)
async def read_own_record(
    data: SelfRead, session: DbSession, cipher: Cipher, code_key: CodeKey
) -> Response:
    """The alumnus's own record in full, by the magic link's token (in the body). Reading
    does not spend the link; the read is audited as the alumnus's."""
    alumnus = await service.by_token(session=session, key=code_key, token=data.token, spend=False)
    await service.audit(session=session, alumnus=alumnus, actor=None, purpose="read own record")
    return _one(service.own_view(cipher, alumnus))


@router.put(
    "/public/alumni/self",
    response_model=AlumnusPublic,
    responses=REQUEST_PROBLEMS,
)
async def update_own_record(
    data: SelfUpdate, session: DbSession, cipher: Cipher, code_key: CodeKey
) -> Response:
    """The alumnus updates their record, consent and visibility: spends the link."""
    alumnus = await service.by_token(session=session, key=code_key, token=data.token, spend=True)
    alumnus = await service.self_update(session=session, cipher=cipher, alumnus=alumnus, data=data)
    return _one(service.own_view(cipher, alumnus))


@router.post(
    "/public/alumni/self/requests",
    status_code=201,
    response_model=RequestPublic,
    responses=REQUEST_PROBLEMS,
)
async def file_alumni_request(
    data: SelfRequest,
    session: DbSession,
    cipher: Cipher,
    code_key: CodeKey,
    settings: CurrentSettings,
) -> JSONResponse:
    """Access, correction or erasure: due within `APIK_ALUMNI_REQUEST_HOURS` (72, the
    PDP law's 3 x 24 hours). Spends the link."""
    alumnus = await service.by_token(session=session, key=code_key, token=data.token, spend=True)
    row = await service.file_request(
        session=session,
        cipher=cipher,
        alumnus=alumnus,
        kind=data.kind,
        detail=data.detail,
        hours=settings.alumni_request_hours,
    )
    body = views.request(cipher, row, with_text=False)
    return JSONResponse(body.model_dump(mode="json"), status_code=201, headers=PRIVATE)


@router.post(
    "/public/alumni/self/community",
    status_code=201,
    response_model=CommunityInvitation,
    responses=problem_responses(NotFound, InvalidInput, service.AlreadyJoined),
)
async def join_community(
    data: CommunityJoin, session: DbSession, code_key: CodeKey, settings: CurrentSettings
) -> JSONResponse:
    """The alumnus asks to join the office's Sahabat Ombudsman community (prevention):
    announced once as `alumnus.joined_community`, with no name or contact. The answer's
    one-time code, shown once, is how they give those to the prevention unit themselves.
    Spends the link."""
    alumnus = await service.by_token(session=session, key=code_key, token=data.token, spend=True)
    code = await service.join_community(session=session, alumnus=alumnus)
    body = CommunityInvitation(
        code=code,
        link=f"{settings.public_url.rstrip('/')}/community/join#code={code}",
        message=(
            "Permintaan Anda diteruskan ke unit pencegahan. Lengkapi data Anda dengan kode ini"
            " (hanya sekali); kami tidak mengirim nama atau kontak Anda."
        ),
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=201, headers=PRIVATE)
