"""What the desk's routes share: who may call, the settings, the cipher, the calendar of
the caller's office, and the rows a route works on (loaded, office-checked and, for
writes, locked and checked against `If-Match` in one place)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from apik_consultation.models import Risk, Visit
from apik_consultation.objections.rules import AnswerCountsFrom, ObjectionTerms
from apik_consultation.risks import service as risks
from apik_consultation.settings import Settings
from apik_consultation.visitors.service import VisitorAccess
from apik_consultation.visits import service as visits
from apik_shared.platform.app import app_settings
from apik_shared.platform.auth import CurrentPrincipal, Principal, Role, require_roles
from apik_shared.platform.capabilities import Capability, require_capability
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match
from apik_shared.platform.offices import office_calendar
from apik_shared.platform.problems import Forbidden, InvalidInput, Unauthorized
from apik_shared.vocabulary.calendar import OfficeCalendar
from apik_shared.vocabulary.inputs import refuse_control_characters

DESK = (Role.desk_officer, Role.desk_supervisor)
Desk = Annotated[Principal, Depends(require_capability(Capability.desk_work))]
Supervisor = Annotated[Principal, Depends(require_roles(Role.desk_supervisor))]
Officer = Annotated[Principal, Depends(require_roles(Role.desk_officer))]
Reader = Annotated[Principal, Depends(require_roles(*DESK, Role.head, Role.analyst))]
# Who keeps the procurement risk register.
Keeper = Annotated[Principal, Depends(require_roles(Role.desk_supervisor, Role.head))]
# Who reads the audit of visitors' reads.
Dpo = Annotated[Principal, Depends(require_roles(Role.dpo))]
AUTH = (Unauthorized, Forbidden)

CurrentSettings = Annotated[Settings, Depends(app_settings)]


# Dependencies are `async def`: a plain `def` one costs a thread-pool hop per request.
async def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


Cipher = Annotated[FieldCipher, Depends(_cipher)]


async def _visitor_access(
    actor: CurrentPrincipal, cipher: Cipher, settings: CurrentSettings
) -> VisitorAccess:
    return VisitorAccess(actor=actor, cipher=cipher, roles=frozenset(settings.visitor_roles))


# What a route that shows visitors needs: who reads them, the key, the roles that serve.
Visitors = Annotated[VisitorAccess, Depends(_visitor_access)]


PurposeQuery = Annotated[
    str | None,
    Query(
        max_length=500,
        description="why visitors are read, kept in the audit with who and when"
        " (without it, what the route does)",
    ),
]


def read_purpose(default: str) -> Callable[..., Coroutine[Any, Any, str]]:
    """A route's `purpose` query parameter, kept in the audit of each visitor it shows in
    full: what the caller says, or what the route does when they say nothing (the desk's
    own screens read visitors to serve them)."""

    async def purpose(purpose: PurposeQuery = None) -> str:
        if purpose is None:
            return default
        stripped = purpose.strip()
        try:
            refuse_control_characters(stripped)
        except ValueError as exc:
            raise InvalidInput.field("#/query/purpose", str(exc), code="control_character") from exc
        if len(stripped) < 3:
            raise InvalidInput.field(
                "#/query/purpose",
                "Say why the visitors are read.",
                code="purpose_required",
                min_length=3,
            )
        return stripped

    return purpose


async def _desk_calendar(session: DbSession, actor: CurrentPrincipal) -> OfficeCalendar:
    return await office_calendar(session, actor.office)


# The calendar of the caller's office (its zone, from the office registry): what it
# creates (a visit, a risk) counts its days in it. A row of another office counts in
# that office's own (`visits.service.days`).
DeskCalendar = Annotated[OfficeCalendar, Depends(_desk_calendar)]


def terms_of(settings: Settings) -> ObjectionTerms:
    return ObjectionTerms(
        filing_days=settings.objection_filing_days,
        answer_days=settings.objection_answer_days,
        appeal_filing_days=settings.appeal_filing_days,
        appeal_answer_days=settings.appeal_answer_days,
        appeal_guarantee_percent=settings.appeal_guarantee_percent,
        roll_to_working_day=settings.objection_periods_end_on_working_day,
        answer_counts_from=AnswerCountsFrom(settings.objection_answer_counts_from),
        appeal_construction_only=settings.appeal_construction_only,
    )


async def _terms(settings: CurrentSettings) -> ObjectionTerms:
    return terms_of(settings)


Terms = Annotated[ObjectionTerms, Depends(_terms)]


# The route declares its role type before these, so that a caller without the role gets
# 403 before learning whether the row exists. The principal is the same (FastAPI caches
# `current_principal` per request).
async def _visit(visit_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> Visit:
    return await visits.get_visit(session=session, visit_id=visit_id, actor=actor)


async def _locked_visit(
    visit_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Visit:
    # The row lock makes concurrent steps on one visit take turns: of two starts, the
    # second finds the visit in service and is refused.
    visit = await visits.get_visit(session=session, visit_id=visit_id, actor=actor, for_update=True)
    check_if_match(request, visit.version)
    return visit


async def _locked_risk(
    risk_id: uuid.UUID, request: Request, session: DbSession, actor: CurrentPrincipal
) -> Risk:
    risk = await risks.get(session=session, risk_id=risk_id, actor=actor, for_update=True)
    check_if_match(request, risk.version)
    return risk


async def _risk(risk_id: uuid.UUID, session: DbSession, actor: CurrentPrincipal) -> Risk:
    return await risks.get(session=session, risk_id=risk_id, actor=actor)


CurrentVisit = Annotated[Visit, Depends(_visit)]
LockedVisit = Annotated[Visit, Depends(_locked_visit)]
CurrentRisk = Annotated[Risk, Depends(_risk)]
LockedRisk = Annotated[Risk, Depends(_locked_risk)]
