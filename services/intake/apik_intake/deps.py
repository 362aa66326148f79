"""What intake's routes depend on: who may call, the settings and keys, and the report a
route acts on (loaded, checked against the caller's office, locked and matched to
`If-Match` in one place)."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request, Response
from sqlalchemy.ext.asyncio import AsyncSession

from apik_intake.attachments.service import SealedStore
from apik_intake.models import Report
from apik_intake.public.rules import Lockout, client_address
from apik_intake.reports.rules import Permits
from apik_intake.settings import Settings
from apik_shared.platform.access import get_in_office
from apik_shared.platform.app import app_settings
from apik_shared.platform.auth import (
    CurrentPrincipal,
    Principal,
    Role,
    current_principal,
    require_roles,
)
from apik_shared.platform.capabilities import (
    CAPABILITY_ATTRIBUTE,
    INTAKE_READERS,
    REFUSAL_ATTRIBUTE,
    Capability,
    require_capability,
)
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import DbSession, request_session
from apik_shared.platform.etag import check_if_match
from apik_shared.platform.problems import (
    Forbidden,
    TooManyRequests,
    Unauthorized,
    problem_response,
)

Officer = Annotated[Principal, Depends(require_capability(Capability.intake_reports_work))]
Reader = Annotated[Principal, Depends(require_capability(Capability.intake_reports_read))]
# A Sahabat Ombudsman member files community reports as themselves and lists those only
# (`reports.service.community`): these two admit them besides the staff.
_may_file = require_capability(Capability.intake_reports_file)
Filer = Annotated[Principal, Depends(_may_file)]
ListReader = Annotated[Principal, Depends(require_roles(*INTAKE_READERS, Role.community_member))]
IdentityReader = Annotated[Principal, Depends(require_roles(*INTAKE_READERS, Role.dpo))]
Dpo = Annotated[Principal, Depends(require_roles(Role.dpo))]
Manager = Annotated[Principal, Depends(require_capability(Capability.intake_manage))]
AUTH = (Unauthorized, Forbidden)

CurrentSettings = Annotated[Settings, Depends(app_settings)]


# Async on purpose: FastAPI runs a plain `def` dependency in its thread pool, three
# thread hops per request for what is an attribute read.
async def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


async def _index_key(request: Request) -> bytes:
    key: bytes = request.app.state.index_key
    return key


async def _tracking_key(request: Request) -> bytes:
    key: bytes = request.app.state.tracking_key
    return key


async def _vault(request: Request) -> SealedStore:
    vault: SealedStore = request.app.state.attachments
    return vault


@dataclass(frozen=True, slots=True)
class Filing:
    """What registering a report needs of its request, resolved by one dependency: the
    session, the caller admitted as a `Filer`, the keys and the settings. FastAPI's
    dependency solving costs about 20 µs of CPU per dependency per request (a trivial
    endpoint with five against one doing the same work: 240 against 150 µs), and the
    registration, the busiest write, had six. The same functions run in the same
    order as the separate dependencies did: the session (opened lazily, no I/O), then
    the token and the capability (401, 403), and the body is validated after them."""

    session: AsyncSession
    actor: Principal
    cipher: FieldCipher
    index_key: bytes
    settings: Settings


async def _filing(request: Request) -> Filing:
    session = await request_session(request)
    actor = await _may_file(await current_principal(request))
    state = request.app.state
    return Filing(session, actor, state.cipher, state.index_key, state.settings)


# It admits exactly the filers (it calls their guard), so it names their capability as a
# guard does: what walks a route's guards (the capability tests) finds it.
for _attribute in (CAPABILITY_ATTRIBUTE, REFUSAL_ATTRIBUTE):
    setattr(_filing, _attribute, getattr(_may_file, _attribute))


Cipher = Annotated[FieldCipher, Depends(_cipher)]
IndexKey = Annotated[bytes, Depends(_index_key)]
TrackingKey = Annotated[bytes, Depends(_tracking_key)]
Vault = Annotated[SealedStore, Depends(_vault)]
FilingRequest = Annotated[Filing, Depends(_filing)]


def may_assign(principal: Principal, settings: Settings) -> bool:
    """A caller holding one of `APIK_ASSIGN_ROLES` (the office decides who hands out work)."""
    return principal.has_any(*settings.assign_roles)


def list_actions(principal: Principal, settings: Settings) -> frozenset[str]:
    """The list actions the caller's roles allow (the roles the writes require: `Officer`
    routes, `Assigner` assigns); a list item offers those its report's status allows."""
    actions = set()
    if principal.has_any(Role.intake_officer):
        actions.add("route")
    if may_assign(principal, settings):
        actions.add("assign")
    return frozenset(actions)


def permits_of(principal: Principal, settings: Settings) -> Permits:
    """What the caller's roles let them do to a report: the steps (every step a person
    takes is an `Officer` route), the list actions, and the age exception (`Manager`)."""
    actions = list_actions(principal, settings)
    if principal.has_any(Role.head):
        actions |= {"age_exception"}
    return Permits(steps=principal.has_any(Role.intake_officer), actions=actions)


async def _permits(principal: CurrentPrincipal, settings: CurrentSettings) -> Permits:
    return permits_of(principal, settings)


# A report's answer offers the steps and actions of the caller's roles (issue 21).
CallerPermits = Annotated[Permits, Depends(_permits)]


async def _assigner(principal: CurrentPrincipal, settings: CurrentSettings) -> Principal:
    if not may_assign(principal, settings):
        raise Forbidden.roles_needed(settings.assign_roles)
    return principal


Assigner = Annotated[Principal, Depends(_assigner)]


# The report a route acts on. The role a route needs is its own `actor` parameter, put
# before the report so that a caller without the role is refused before any row is read;
# these check what the role cannot: that the caller's office may see this report.
async def report_in_office(
    report_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal
) -> Report:
    return await get_in_office(
        session=session, model=Report, ident=report_id, actor=actor, label="report"
    )


async def locked_report(
    report_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Report:
    """The report locked for the write (`FOR UPDATE`), refused with 412 when `If-Match`
    names another version than the one now stored."""
    report = await get_in_office(
        session=session,
        model=Report,
        ident=report_id,
        actor=actor,
        label="report",
        for_update=True,
    )
    check_if_match(request, report.version)
    return report


ReportInOffice = Annotated[Report, Depends(report_in_office)]
LockedReport = Annotated[Report, Depends(locked_report)]


def request_client(request: Request) -> str:
    """`client_address` of a request: whose wrong guesses are counted."""
    peer = request.client.host if request.client else None
    return client_address(request.headers.get("x-forwarded-for"), peer)


def tracking_lockout(settings: Settings) -> Lockout:
    """The limits of wrong guesses, one counter per client for the tracking page and the
    saved drafts alike."""
    return Lockout(
        max_failures=settings.tracking_max_failures,
        window=timedelta(seconds=settings.tracking_window_seconds),
        lock=timedelta(seconds=settings.tracking_lock_seconds),
    )


def locked_out(request: Request, message: str, until: datetime | None, now: datetime) -> Response:
    """The 429 for a client past its wrong guesses, with when to try again. Returned, not
    raised: the counter of wrong guesses must commit with the answer."""
    wait = 1 if until is None else max(1, math.ceil((until - now).total_seconds()))
    problem = TooManyRequests(message, headers={"Retry-After": str(wait)})
    return problem_response(problem, request.url.path)
