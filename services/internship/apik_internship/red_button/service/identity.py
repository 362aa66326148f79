"""Opening a confidential reporter's identity: one officer asks with a reason, a second
officer approves, then the first reads it, each read audited. Never the same person
twice: an officer alone, or one the report names, cannot unseal it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.models import IdentityRequest, RedButtonCase
from apik_internship.red_button.rules import Mode
from apik_internship.red_button.schemas import Reporter, ReporterShown
from apik_internship.red_button.service.cases import (
    audit_read,
    hidden_from,
    identity_context,
    staff_entry,
)
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.problems import Conflict, Forbidden, NotFound


class NothingSealed(Conflict):
    """`code`: `identity_shown` (an identified case shows the identity),
    `identity_not_kept` (an anonymous case kept none)."""

    slug, title = "nothing-sealed", "The case holds no sealed identity"
    reasons = ("identity_shown", "identity_not_kept")


class SecondOfficerRequired(Forbidden):
    slug, title = "second-officer-required", "A second protection officer must approve"


async def request_identity(
    *, session: AsyncSession, case: RedButtonCase, reason: str, actor: Principal
) -> IdentityRequest:
    if case.mode != Mode.confidential.value:
        shown = case.mode == Mode.identified.value
        raise NothingSealed(
            f"An {case.mode} case has no sealed identity: "
            + ("it is shown." if shown else "none was kept."),
            code="identity_shown" if shown else "identity_not_kept",
        )
    request = IdentityRequest(
        case_id=case.id,
        office=case.office,
        reason=reason,
        requested_by=actor.subject,
        requested_username=actor.username,
        requested_at=datetime.now(UTC),
    )
    session.add(request)
    await session.flush()
    return request


async def approve(
    *, session: AsyncSession, request_id: uuid.UUID, actor: Principal
) -> IdentityRequest:
    request = await session.get(IdentityRequest, request_id, with_for_update=True)
    if request is None or not actor.can_see_office(request.office):
        raise NotFound(f"No identity request {request_id}.")
    # An officer the case names cannot open its reporter by approving someone's request.
    case = await session.get(RedButtonCase, request.case_id)
    if case is None or hidden_from(case, await staff_entry(session, actor)):
        raise NotFound(f"No identity request {request_id}.")
    if request.requested_by == actor.subject:
        raise SecondOfficerRequired("You asked for it: another protection officer approves.")
    if request.approved_at is None:
        request.approved_by, request.approved_username = actor.subject, actor.username
        request.approved_at = datetime.now(UTC)
        session.add(request)
        await session.flush()
    return request


async def read_identity(
    *, session: AsyncSession, cipher: FieldCipher, case: RedButtonCase, actor: Principal
) -> ReporterShown:
    """The sealed reporter, to an officer who asked and whom another officer approved."""
    approved = await session.execute(
        select(IdentityRequest.id).where(
            IdentityRequest.case_id == case.id,
            IdentityRequest.requested_by == actor.subject,
            col(IdentityRequest.approved_at).is_not(None),
        )
    )
    if approved.first() is None or case.identity is None:
        raise SecondOfficerRequired(
            "Ask to open the identity with a reason, and have another officer approve it."
        )
    session.add(audit_read(actor, case, "read_identity", datetime.now(UTC)))
    await session.flush()
    sealed = cipher.decrypt(case.identity, context=identity_context(case.id))
    return ReporterShown(**Reporter.model_validate_json(sealed).model_dump())
