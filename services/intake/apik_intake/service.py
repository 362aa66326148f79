"""Intake's use cases: find, verify, decide, answer. They add and flush; the boundary commits.

Registration is in `registration.py`, reporters and identity reads in `reporters.py`.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake import rules
from apik_intake.events import outbox
from apik_intake.models import Report, ReportStep
from apik_intake.rules import ReportStatus, Step
from apik_shared.access import get_in_office
from apik_shared.auth import Principal
from apik_shared.events.payloads import ReportRef, ReportRejected, ReportVerified
from apik_shared.events.payloads.intake import ConsultationRecorded, ReportClosed, ReportLinked
from apik_shared.problems import InvalidInput, TransitionNotAllowed


def ref(report: Report) -> dict[str, Any]:
    return ReportRef(
        report_id=str(report.id),
        registration_number=report.registration_number,
        office=report.office,
        kind=report.kind,
        channel=report.channel,
        substance=report.substance,
        agency_type=report.agency_type,
    ).model_dump()


async def get_report(
    *, session: AsyncSession, report_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Report:
    return await get_in_office(
        session=session,
        model=Report,
        ident=report_id,
        actor=actor,
        label="report",
        for_update=for_update,
    )


async def find_by_number(*, session: AsyncSession, registration_number: str) -> Report | None:
    query = select(Report).where(Report.registration_number == registration_number)
    return (await session.execute(query)).scalar_one_or_none()


async def timeline(*, session: AsyncSession, report_id: uuid.UUID) -> list[ReportStep]:
    steps = await session.execute(
        select(ReportStep).where(ReportStep.report_id == report_id).order_by(col(ReportStep.id))
    )
    return list(steps.scalars())


async def apply_step(
    *,
    session: AsyncSession,
    report: Report,
    step: Step,
    actor: Principal,
    details: dict[str, Any],
    changes: dict[str, Any] | None = None,
    decided_at: datetime | None = None,
) -> Report:
    """Moves the report along the state machine and records the step (report row locked).

    `changes` are further columns the step sets (e.g. the completion deadline)."""
    before = ReportStatus(report.status)
    try:
        after = rules.next_status(before, step, kind=rules.Kind(report.kind))
    except rules.StepNotAllowed as exc:
        raise TransitionNotAllowed(str(exc), current_status=before.value) from exc
    now = datetime.now(UTC)
    at = decided_at or now
    if decided_at is not None:
        before_step = await session.execute(
            select(func.max(ReportStep.at)).where(ReportStep.report_id == report.id)
        )
        previous = before_step.scalar_one_or_none()
        if previous is not None and decided_at < previous:
            raise InvalidInput.field(
                "#/body/decided_at",
                f"The step before it was taken at {previous.isoformat()}; this cannot be earlier.",
            )
    values: dict[str, Any] = {
        "status": after.value,
        "updated_at": now,
        "version": report.version + 1,
        **(changes or {}),
    }
    if step in (Step.plenary_accept, Step.plenary_rco):
        values["track"] = "rapid_response" if step is Step.plenary_rco else "regular"
    if step is Step.answer:
        values["answer"], values["answered_at"] = details["answer"], at
    if after is ReportStatus.rejected:
        values["rejection_reason"] = details.get("reason") or details.get("note") or step.value
    await session.execute(update(Report).where(col(Report.id) == report.id).values(**values))
    for key, value in values.items():
        setattr(report, key, value)
    session.add(
        ReportStep(
            report_id=report.id,
            step=step.value,
            from_status=before.value,
            to_status=after.value,
            actor=actor.username,
            details=details,
            at=at,
        )
    )
    await _publish_outcome(session=session, report=report, actor=actor, at=at)
    await session.flush()
    return report


async def _publish_outcome(
    *, session: AsyncSession, report: Report, actor: Principal, at: datetime
) -> None:
    if report.status == ReportStatus.accepted:
        payload = ReportVerified(
            **ref(report),
            track=report.track or "regular",
            reported_agency=report.reported_agency or "",
            maladministration=report.maladministration,
            location_province=report.location_province,
            location_regency=report.location_regency,
            summary=report.summary,
            event_date=report.event_date,
            reporter_id=str(report.reporter_id),
            confidential=report.confidential,
            registered_at=report.received_at,
            verified_at=at,
            examination_unit=report.examination_unit,
            decided_by=actor.username,
            decided_by_subject=actor.subject,
        )
        await outbox.add(session, "report.verified", payload, subject=str(report.id))
    elif report.status == ReportStatus.rejected:
        rejected = ReportRejected(
            **ref(report),
            reason=report.rejection_reason or "",
            rejected_at=at,
            decided_by=actor.username,
            decided_by_subject=actor.subject,
        )
        await outbox.add(session, "report.rejected", rejected, subject=str(report.id))
    elif report.status == ReportStatus.withdrawn:
        closed = ReportClosed(
            **ref(report),
            reason="not_completed_within_deadline",
            closed_at=at,
            closed_by=actor.username,
        )
        await outbox.add(session, "report.closed", closed, subject=str(report.id))
    elif report.status == ReportStatus.answered:
        consultation = ConsultationRecorded(
            **ref(report),
            reporter_id=str(report.reporter_id),
            registered_at=report.received_at,
            answered_at=at,
            answered_by=actor.username,
            answered_by_subject=actor.subject,
        )
        await outbox.add(session, "consultation.recorded", consultation, subject=str(report.id))


async def publish_link(
    *,
    session: AsyncSession,
    report: Report,
    linked_report_id: uuid.UUID,
    link: str,
    actor: Principal,
    at: datetime,
) -> None:
    payload = ReportLinked(
        **ref(report),
        linked_report_id=str(linked_report_id),
        link=link,
        linked_at=at,
        linked_by=actor.username,
    )
    await outbox.add(session, "report.linked", payload, subject=str(report.id))
