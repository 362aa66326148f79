"""Sahabat Ombudsman: the office's community groups, their members (recorded by the
prevention unit, or intern alumni who asked to join and completed their own record),
induction and status, and members' training records."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Query, Request, Response
from fastapi.responses import JSONResponse

from apik_prevention.community import service, views
from apik_prevention.community.rules import MemberStatus
from apik_prevention.community.schemas import (
    AlumnusCompletion,
    Completed,
    GroupCreate,
    GroupPublic,
    MemberCreate,
    MemberPublic,
    MemberSummary,
    StatusChange,
    TrainingCreate,
    TrainingPublic,
)
from apik_prevention.deps import (
    AUTH,
    Cipher,
    CommunityCreator,
    CurrentCommunityGroup,
    CurrentMember,
    LockedMember,
    Officer,
    Reader,
    TrainingsOf,
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

router = ServiceRouter(tags=["community"])
MEMBERS = "/api/v1/prevention/community/members"
PRIVATE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


@router.post(
    "/community/groups",
    status_code=201,
    response_model=GroupPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_group(
    data: GroupCreate, request: Request, session: DbSession, actor: CommunityCreator
) -> Response:
    """A Sahabat Ombudsman group of the caller's office, in a regency, for a segment
    (women, students, pupils, general)."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    group = await service.create_group(session=session, data=data, actor=actor)
    [body] = await views.groups(session, [group])
    location = f"{request.url.path}/{group.id}"
    return await created(idempotency, body, location=location, version=group.version)


@router.get(
    "/community/groups", response_model=list[GroupPublic], responses=problem_responses(*AUTH)
)
async def list_groups(session: DbSession, actor: Reader) -> list[GroupPublic]:
    """The office's groups by regency and name, with their active members' count."""
    rows = await service.list_groups(session=session, actor=actor)
    return await views.groups(session, rows)


@router.get(
    "/community/groups/{group_id}",
    response_model=GroupPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_group(
    group_id: uuid.UUID, session: DbSession, actor: Reader, group: CurrentCommunityGroup
) -> GroupPublic:
    [body] = await views.groups(session, [group])
    return body


@router.post(
    "/community/members",
    status_code=201,
    response_model=MemberPublic,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def create_member(
    data: MemberCreate,
    request: Request,
    session: DbSession,
    actor: CommunityCreator,
    cipher: Cipher,
) -> Response:
    """A member of one of the office's groups, with their consent (date; scope `contact`
    to keep a phone or an email): a `candidate`, or `active` when already inducted
    (`inducted_on`). Name and contacts are sealed at rest."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    member = await service.create_member(session=session, cipher=cipher, data=data, actor=actor)
    body = await views.one(session, cipher, member, actor)
    return await created(
        idempotency, body, location=f"{MEMBERS}/{member.id}", version=member.version
    )


@router.get(
    "/community/members",
    response_model=list[MemberSummary],
    responses=problem_responses(*AUTH, InvalidInput),
)
async def list_members(
    session: DbSession,
    actor: Reader,
    cipher: Cipher,
    group_id: uuid.UUID | None = None,
    status: MemberStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> list[MemberSummary]:
    """The office's members, oldest first, without contacts; names masked outside the
    prevention unit (whose listings are audited)."""
    rows = await service.list_members(
        session=session, actor=actor, group_id=group_id, status=status, limit=limit
    )
    return views.listing(session, cipher, rows, actor)


@router.get(
    "/community/members/{member_id}",
    response_model=MemberPublic,
    responses=problem_responses(*AUTH, NotFound),
)
async def get_member(
    member_id: uuid.UUID, session: DbSession, actor: Reader, cipher: Cipher, member: CurrentMember
) -> Response:
    """A member with their training records; name and contacts masked outside the
    prevention unit (whose reads are audited)."""
    return await views.answer(session, cipher, member, actor)


@router.post(
    "/community/members/{member_id}/status",
    response_model=MemberPublic,
    responses=problem_responses(
        *AUTH, NotFound, InvalidInput, PreconditionFailed, TransitionNotAllowed
    ),
)
async def change_member_status(
    member_id: uuid.UUID,
    data: StatusChange,
    session: DbSession,
    actor: Officer,
    cipher: Cipher,
    member: LockedMember,
) -> Response:
    """The induction (candidate → active, with `inducted_on`, and a group for an
    alumnus), leaving (→ inactive) and coming back (inactive → active). `If-Match`: the
    member's."""
    member = await service.change_status(session=session, member=member, data=data, actor=actor)
    return await views.answer(session, cipher, member, actor)


@router.post(
    "/community/members/{member_id}/trainings",
    status_code=201,
    response_model=TrainingPublic,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, TransitionNotAllowed),
)
async def record_training(
    member_id: uuid.UUID,
    data: TrainingCreate,
    request: Request,
    session: DbSession,
    actor: Officer,
    member: TrainingsOf,
) -> Response:
    """A training the (inducted) member attended."""
    idempotency = Idempotency(session, request, caller=actor.subject)
    if (replay := await idempotency.begin()) is not None:
        return replay
    training = await service.add_training(session=session, member=member, data=data, actor=actor)
    body = TrainingPublic.model_validate(training, from_attributes=True)
    return await created(idempotency, body, location=f"{MEMBERS}/{member.id}", version=1)


@router.post(
    "/public/community/join",
    response_model=Completed,
    responses=problem_responses(NotFound, InvalidInput),
)
async def complete_alumnus_join(
    data: AlumnusCompletion, session: DbSession, cipher: Cipher
) -> JSONResponse:
    """An intern alumnus completes their request to join (name, contacts, consent) with
    the one-time code the internship service gave them. No login: the code is the key,
    in the body; it is spent. The prevention unit then inducts them."""
    member = await service.complete_by_code(session=session, cipher=cipher, data=data)
    body = Completed(
        status=MemberStatus(member.status),
        message=(
            "Terima kasih, data Anda sudah kami terima. Unit pencegahan akan menghubungi "
            "Anda untuk induksi Sahabat Ombudsman."
        ),
    )
    return JSONResponse(body.model_dump(mode="json"), headers=PRIVATE)
