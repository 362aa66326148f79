"""What the examination routers share: who may call, the case a route works on, and
the service's settings."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request

from apik_examination.cases import service as cases
from apik_examination.models import Case
from apik_examination.settings import Settings
from apik_shared.platform.app import app_settings
from apik_shared.platform.auth import Principal, require_roles
from apik_shared.platform.capabilities import Capability, require_capability
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match
from apik_shared.platform.problems import (
    Forbidden,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    TransitionNotAllowed,
    Unauthorized,
    problem_responses,
)

Reader = Annotated[Principal, Depends(require_capability(Capability.examination_cases_read))]
# Those who work a case: its examiners and their supervisor.
Worker = Annotated[Principal, Depends(require_roles(*cases.WORKER_ROLES))]
# Closing a case: those who work it, or the head of office signing it off.
Closer = Annotated[Principal, Depends(require_roles(*cases.CLOSER_ROLES))]
Supervisor = Annotated[Principal, Depends(require_roles(*cases.SUPERVISOR_ROLES))]
# The office's roster of examiners and its round-robin: the supervisor's.
RosterKeeper = Annotated[Principal, Depends(require_capability(Capability.examination_roster))]
# SLA policies hold for every office: a national supervisor or head changes them.
PolicyMaker = Annotated[Principal, Depends(require_capability(Capability.examination_sla))]
AUTH = (Unauthorized, Forbidden)
# What a write on a case may answer besides its success.
WRITE_PROBLEMS = problem_responses(
    *AUTH, NotFound, InvalidInput, TransitionNotAllowed, PreconditionFailed
)

CurrentSettings = Annotated[Settings, Depends(app_settings)]


def require_office(actor: Principal, office: str) -> None:
    """Another office's roster or rotation is a 404, as if it did not exist."""
    if not actor.can_see_office(office):
        raise NotFound(f"No office {office} among yours.")


def require_national(actor: Principal) -> None:
    # Not admin: an office's admin is that office's, and a policy binds every office.
    if not actor.is_national:
        raise Forbidden(
            "SLA policies hold for every office; this needs the national role.",
            code="national_role",
        )


# Dependencies are `async def`: a plain `def` one costs a thread-pool hop per request.
async def readable_case(case_id: uuid.UUID, session: DbSession, actor: Reader) -> Case:
    """The case, if the caller's office may see it (another office's is a 404)."""
    return await cases.get_case(session=session, case_id=case_id, actor=actor)


async def lock_case(
    *, request: Request, session: DbSession, actor: Principal, case_id: uuid.UUID
) -> Case:
    """The case `actor` is about to change: seen from their office, theirs to work (an
    examiner's own or unassigned; any for a supervisor or the head), locked until the
    request commits, and at the version the client read (`If-Match`, else 412).

    The one place a write on a case starts; the dependencies below call it, and so does
    a route that must replay an `Idempotency-Key` before it looks at the case.
    """
    case = await cases.get_case_to_work(session=session, case_id=case_id, actor=actor)
    check_if_match(request, case.version)
    return case


async def case_to_work(
    case_id: uuid.UUID, request: Request, session: DbSession, actor: Worker
) -> Case:
    return await lock_case(request=request, session=session, actor=actor, case_id=case_id)


async def case_to_close(
    case_id: uuid.UUID, request: Request, session: DbSession, actor: Closer
) -> Case:
    return await lock_case(request=request, session=session, actor=actor, case_id=case_id)


async def case_to_assign(
    case_id: uuid.UUID, request: Request, session: DbSession, actor: Supervisor
) -> Case:
    return await lock_case(request=request, session=session, actor=actor, case_id=case_id)


ReadableCase = Annotated[Case, Depends(readable_case)]
# Locked and checked against If-Match, for an examiner or supervisor working it.
LockedCase = Annotated[Case, Depends(case_to_work)]
# The same, for closing (the head of office may close too).
CaseToClose = Annotated[Case, Depends(case_to_close)]
# The same, for a supervisor (re)assigning it.
CaseToAssign = Annotated[Case, Depends(case_to_assign)]
