"""A reviewer's decision: accept into a unit within its quota, or decline with a reason."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from apik_internship.applications import rules
from apik_internship.applications.rules import STATUSES, ApplicationStatus, Decision
from apik_internship.models import Application
from apik_internship.quotas import service as quotas
from apik_internship.refusals import InternshipStepRefused
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.payloads.internship import InternAccepted
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import InvalidInput
from apik_shared.vocabulary.labels import named


def _decide(application: Application, decision: Decision, actor: Principal) -> datetime:
    after = rules.decided(ApplicationStatus(application.status), decision)
    if after is None:
        raise InternshipStepRefused(
            f"The application is {application.status}: a decision is final.",
            code="decision_final",
            params={"status": named(STATUSES, application.status)},
        )
    now = datetime.now(UTC)
    application.status = after.value
    application.decided_by = actor.username
    application.decided_at = now
    application.version += 1
    return now


async def accept(
    *,
    session: AsyncSession,
    application: Application,
    unit: str,
    units: Sequence[str],
    actor: Principal,
) -> Application:
    """Accepts into `unit` (one of the office's units; usually one the applicant asked
    for, but the reviewer may place them elsewhere) when the unit has a free place in
    every month of the period; `intern.accepted` in the same transaction."""
    if unit not in units:
        raise InvalidInput.field(
            "#/body/unit",
            f"No unit {unit!r}; the units are {', '.join(units)}.",
            code="unknown_unit",
            units=", ".join(units),
        )
    if rules.decided(ApplicationStatus(application.status), Decision.accept) is not None:
        await quotas.check_fits(
            session=session,
            office=application.office,
            unit=unit,
            start=application.period_start,
            end=application.period_end,
        )
    now = _decide(application, Decision.accept, actor)
    application.unit = unit
    session.add(application)
    await session.flush()
    await publish(
        session,
        InternAccepted(
            application_id=str(application.id),
            office=application.office,
            institution_kind=application.institution_kind,
            unit=unit,
            period_start=application.period_start,
            period_end=application.period_end,
            accepted_at=now,
            accepted_by=actor.username,
        ),
        subject=str(application.id),
    )
    return application


async def decline(
    *, session: AsyncSession, application: Application, reason: str, actor: Principal
) -> Application:
    """Declines with a reason the applicant reads with their code."""
    _decide(application, Decision.decline, actor)
    application.reason = reason
    session.add(application)
    await session.flush()
    return application
