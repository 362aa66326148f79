"""The alumni register: kept by the office's intern supervisors, read by its staff as
the alumnus allowed (every read beyond the public's audited), updated by the alumnus
through a magic link, and their requests answered within the deadline."""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.alumni import rules
from apik_internship.alumni.rules import (
    REQUEST_STATUSES,
    Audience,
    RequestKind,
    RequestStatus,
    Visibility,
)
from apik_internship.alumni.schemas import AlumnusCreate, AlumnusWrite
from apik_internship.applications.rules import ApplicationStatus
from apik_internship.models import Alumnus, AlumnusLink, AlumnusRead, AlumnusRequest, Application
from apik_internship.refusals import InternshipStepRefused
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.events.payloads.internship import AlumnusJoinedCommunity
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import Conflict, NotFound
from apik_shared.vocabulary.labels import named

SELF = "alumnus"  # the actor of a read or change by magic link


class AlreadyInNetwork(Conflict):
    slug, title = "alumnus-exists", "The internship already has its alumnus record"


class AlreadyJoined(Conflict):
    slug, title = "alumnus-joined-community", "The alumnus already asked to join the community"


def record_context(alumnus_id: uuid.UUID) -> str:
    return f"alumnus:{alumnus_id}:record"


def request_context(request_id: uuid.UUID, field: str) -> str:
    return f"alumnus-request:{request_id}:{field}"


@dataclass(frozen=True)
class AlumniAccess:
    actor: Principal
    cipher: FieldCipher
    keepers: frozenset[str]

    def audience(self, alumnus: Alumnus) -> Audience:
        keeper = self.actor.office == alumnus.office and bool(self.actor.roles & self.keepers)
        return Audience.keeper if keeper else Audience.staff


def _seal(cipher: FieldCipher, alumnus_id: uuid.UUID, data: AlumnusWrite) -> str:
    record = data.model_dump(include={"name", "address", "institution", "network", "email"})
    return cipher.encrypt(json.dumps(record).encode(), context=record_context(alumnus_id))


def unsealed(cipher: FieldCipher, alumnus: Alumnus) -> dict[str, Any] | None:
    if alumnus.record is None:
        return None
    opened: dict[str, Any] = json.loads(
        cipher.decrypt(alumnus.record, context=record_context(alumnus.id))
    )
    return opened


def _read(alumnus: Alumnus, actor: Principal | None, purpose: str) -> AlumnusRead:
    return AlumnusRead(
        office=alumnus.office,
        alumnus_id=alumnus.id,
        actor=actor.subject if actor else SELF,
        actor_username=actor.username if actor else SELF,
        actor_roles=sorted(actor.roles) if actor else [],
        purpose=purpose,
        at=datetime.now(UTC),
    )


async def audit(
    *, session: AsyncSession, alumnus: Alumnus, actor: Principal | None, purpose: str
) -> None:
    session.add(_read(alumnus, actor, purpose))
    await session.flush()


async def create(
    *, session: AsyncSession, cipher: FieldCipher, data: AlumnusCreate, actor: Principal
) -> Alumnus:
    if data.application_id is not None:
        application = await session.get(Application, data.application_id)
        if (
            application is None
            or application.office != actor.office
            or application.status != ApplicationStatus.accepted
        ):
            raise NotFound(f"No accepted intern {data.application_id} at office {actor.office}.")
        taken = await session.scalar(
            select(Alumnus.id).where(Alumnus.application_id == data.application_id)
        )
        if taken is not None:
            raise AlreadyInNetwork(f"Alumnus {taken} is that internship's.")
    alumnus_id = uuid.uuid4()
    alumnus = Alumnus(
        id=alumnus_id,
        office=actor.office,
        application_id=data.application_id,
        record=_seal(cipher, alumnus_id, data),
        consent=data.consent.model_dump(),
        visibility=data.visibility.value,
        created_by=actor.username,
    )
    session.add(alumnus)
    await session.flush()
    return alumnus


async def get(
    *, session: AsyncSession, alumnus_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Alumnus:
    alumnus = await session.get(Alumnus, alumnus_id, with_for_update=for_update)
    if alumnus is None or not actor.can_see_office(alumnus.office):
        raise NotFound(f"No alumnus {alumnus_id}.")
    return alumnus


async def list_office(*, session: AsyncSession, office: str | None) -> Sequence[Alumnus]:
    query = select(Alumnus).order_by(col(Alumnus.created_at).desc())
    if office is not None:
        query = query.where(Alumnus.office == office)
    return (await session.scalars(query)).all()


def _apply(cipher: FieldCipher, alumnus: Alumnus, data: AlumnusWrite) -> None:
    if alumnus.erased_at is not None:
        raise InternshipStepRefused(
            "The record was erased at the alumnus's request.", code="alumnus_erased"
        )
    alumnus.record = _seal(cipher, alumnus.id, data)
    alumnus.consent = data.consent.model_dump()
    alumnus.visibility = data.visibility.value
    alumnus.updated_at = datetime.now(UTC)
    alumnus.version += 1


async def correct(
    *, session: AsyncSession, cipher: FieldCipher, alumnus: Alumnus, data: AlumnusWrite
) -> Alumnus:
    """The keepers' correction of a (locked) record."""
    _apply(cipher, alumnus, data)
    session.add(alumnus)
    await session.flush()
    return alumnus


async def magic_link(
    *, session: AsyncSession, alumnus: Alumnus, key: bytes, hours: int, actor: Principal
) -> tuple[str, datetime]:
    if alumnus.erased_at is not None:
        raise InternshipStepRefused(
            "The record was erased at the alumnus's request.", code="alumnus_erased"
        )
    token = rules.new_token()
    expires = datetime.now(UTC) + timedelta(hours=hours)
    session.add(
        AlumnusLink(
            token_hash=rules.token_hash(key, token),
            alumnus_id=alumnus.id,
            expires_at=expires,
            created_by=actor.username,
        )
    )
    await session.flush()
    return token, expires


async def by_token(*, session: AsyncSession, key: bytes, token: str, spend: bool) -> Alumnus:
    """The alumnus the link is for, if it is usable (404 otherwise: nothing tells an
    expired link from a wrong one). `spend` uses it up, atomically: of two changes sent
    with one link, one wins."""
    now = datetime.now(UTC)
    hashed = rules.token_hash(key, token)
    if spend:
        alumnus_id = await session.scalar(
            update(AlumnusLink)
            .where(
                col(AlumnusLink.token_hash) == hashed,
                col(AlumnusLink.used_at).is_(None),
                col(AlumnusLink.expires_at) > now,
            )
            .values(used_at=now)
            .returning(col(AlumnusLink.alumnus_id))
        )
    else:
        link = await session.get(AlumnusLink, hashed)
        usable = link is not None and rules.link_usable(link.expires_at, link.used_at, now)
        alumnus_id = link.alumnus_id if link is not None and usable else None
    alumnus = None
    if alumnus_id is not None:
        alumnus = await session.get(Alumnus, alumnus_id, with_for_update=spend)
    if alumnus is None or alumnus.erased_at is not None:
        raise NotFound("This link does not open a record: it may have expired or been used.")
    return alumnus


async def self_update(
    *, session: AsyncSession, cipher: FieldCipher, alumnus: Alumnus, data: AlumnusWrite
) -> Alumnus:
    _apply(cipher, alumnus, data)
    session.add(alumnus)
    await session.flush()
    return alumnus


async def file_request(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    alumnus: Alumnus,
    kind: RequestKind,
    detail: str | None,
    hours: int,
) -> AlumnusRequest:
    now = datetime.now(UTC)
    request_id = uuid.uuid4()
    request = AlumnusRequest(
        id=request_id,
        office=alumnus.office,
        alumnus_id=alumnus.id,
        kind=kind.value,
        detail=(
            cipher.encrypt(detail.encode(), context=request_context(request_id, "detail"))
            if detail
            else None
        ),
        status=RequestStatus.received.value,
        received_at=now,
        due_at=rules.due(now, hours),
    )
    session.add(request)
    await session.flush()
    return request


async def list_requests(
    *, session: AsyncSession, office: str | None, open_only: bool
) -> Sequence[AlumnusRequest]:
    query = select(AlumnusRequest).order_by(col(AlumnusRequest.due_at))
    if office is not None:
        query = query.where(AlumnusRequest.office == office)
    if open_only:
        query = query.where(AlumnusRequest.status == RequestStatus.received.value)
    return (await session.scalars(query)).all()


async def get_request(
    *, session: AsyncSession, request_id: uuid.UUID, actor: Principal
) -> AlumnusRequest:
    request = await session.get(AlumnusRequest, request_id, with_for_update=True)
    if request is None or request.office != actor.office:
        raise NotFound(f"No alumni request {request_id}.")
    return request


async def answer_request(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    request: AlumnusRequest,
    status: RequestStatus,
    answer: str,
    actor: Principal,
) -> AlumnusRequest:
    """Answers (or refuses, with the reason) a request once; answering an erasure
    erases the record: the sealed fields and the consent go, the row stays as proof."""
    if request.status != RequestStatus.received.value or status is RequestStatus.received:
        raise InternshipStepRefused(
            f"The request is {request.status}: answer it once.",
            code="request_answered",
            params={"status": named(REQUEST_STATUSES, request.status)},
        )
    now = datetime.now(UTC)
    if status is RequestStatus.answered and request.kind == RequestKind.erasure.value:
        alumnus = await session.get(Alumnus, request.alumnus_id, with_for_update=True)
        if alumnus is not None and alumnus.erased_at is None:
            alumnus.record = None
            alumnus.consent = {}
            alumnus.visibility = Visibility.hidden.value
            alumnus.erased_at = now
            alumnus.version += 1
            session.add(alumnus)
            await session.execute(
                update(AlumnusLink)
                .where(
                    col(AlumnusLink.alumnus_id) == alumnus.id, col(AlumnusLink.used_at).is_(None)
                )
                .values(used_at=now)
            )
    request.status = status.value
    request.answer = cipher.encrypt(answer.encode(), context=request_context(request.id, "answer"))
    request.answered_by = actor.username
    request.answered_at = now
    request.version += 1
    session.add(request)
    await session.flush()
    return request


def request_text(cipher: FieldCipher, request: AlumnusRequest, field: str) -> str | None:
    sealed = getattr(request, field)
    if sealed is None:
        return None
    return cipher.decrypt(sealed, context=request_context(request.id, field)).decode()


async def directory(*, session: AsyncSession, office: str) -> Sequence[Alumnus]:
    rows = await session.scalars(
        select(Alumnus)
        .where(
            Alumnus.office == office,
            Alumnus.visibility == Visibility.public.value,
            col(Alumnus.erased_at).is_(None),
        )
        .order_by(col(Alumnus.created_at))
    )
    return rows.all()


async def present(
    *, session: AsyncSession, access: AlumniAccess, alumni: Sequence[Alumnus], purpose: str
) -> list[dict[str, Any]]:
    """Each alumnus as this reader may see them (`rules.shown`); every read of a record
    that is not erased is audited, masked or not (the reader learned it exists)."""
    out: list[dict[str, Any]] = []
    for alumnus in alumni:
        record = unsealed(access.cipher, alumnus)
        base = {
            "id": alumnus.id,
            "office": alumnus.office,
            "application_id": alumnus.application_id,
            "consent": alumnus.consent,
            "visibility": alumnus.visibility,
            "erased_at": alumnus.erased_at,
            "version": alumnus.version,
        }
        if record is None:
            out.append({**base, "fields": None, "email": None, "disclosure": "erased"})
            continue
        audience = access.audience(alumnus)
        fields = rules.shown(record, alumnus.consent, Visibility(alumnus.visibility), audience)
        keeper = audience is Audience.keeper
        out.append(
            {
                **base,
                "fields": fields,
                "email": record.get("email") if keeper else None,
                "disclosure": "full" if keeper else "consented",
            }
        )
        session.add(_read(alumnus, access.actor, purpose))
    await session.flush()
    return out


def own_view(cipher: FieldCipher, alumnus: Alumnus) -> dict[str, Any]:
    """The record as the alumnus reads it by magic link: all of it."""
    record = unsealed(cipher, alumnus) or {}
    return {
        "id": alumnus.id,
        "office": alumnus.office,
        "application_id": alumnus.application_id,
        "fields": {f: record.get(f) for f in rules.FIELDS},
        "email": record.get("email"),
        "consent": alumnus.consent,
        "visibility": alumnus.visibility,
        "disclosure": "full",
        "erased_at": alumnus.erased_at,
        "version": alumnus.version,
    }


async def join_community(*, session: AsyncSession, alumnus: Alumnus) -> str:
    """The alumnus's (locked) request to join the office's Sahabat Ombudsman community,
    announced once. The event names the alumnus by id and carries only the SHA-256 of a
    one-time code; the code goes to the alumnus, who gives their name and contacts to the
    prevention service themselves, with their consent there. Nothing personal leaves."""
    if alumnus.community_joined_at is not None:
        raise AlreadyJoined(
            f"Asked on {alumnus.community_joined_at:%Y-%m-%d}: the prevention unit has it."
        )
    now = datetime.now(UTC)
    code = secrets.token_urlsafe(32)
    alumnus.community_joined_at = now
    alumnus.version += 1
    session.add(alumnus)
    await session.flush()
    await publish(
        session,
        AlumnusJoinedCommunity(
            alumnus_id=str(alumnus.id),
            office=alumnus.office,
            join_code_sha256=hashlib.sha256(code.encode()).hexdigest(),
            joined_at=now,
        ),
        subject=str(alumnus.id),
    )
    return code
