"""Intake's use cases: register, verify, decide. They add and flush; the boundary commits."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import tuple_, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake import rules
from apik_intake.events import outbox
from apik_intake.identity import Identity, seal
from apik_intake.models import RegistrationCounter, Report, Reporter, ReportStep, Substance
from apik_intake.rules import ReportStatus, Step
from apik_intake.schemas import ReportCreate
from apik_shared.auth import Principal
from apik_shared.crypto import FieldCipher
from apik_shared.events.payloads import ReportRef, ReportRegistered, ReportRejected, ReportVerified
from apik_shared.pagination import decode_cursor, encode_cursor
from apik_shared.problems import InvalidInput, NotFound, TransitionNotAllowed


async def _next_registration_number(session: AsyncSession, office: str, at: datetime) -> str:
    counter = RegistrationCounter.__table__  # type: ignore[attr-defined]
    number = (
        await session.execute(
            insert(counter)
            .values(office=office, year=at.year, last=1)
            .on_conflict_do_update(
                index_elements=["office", "year"], set_={"last": counter.c.last + 1}
            )
            .returning(counter.c.last)
        )
    ).scalar_one()
    return f"{office}-{at.year}-{number:05d}"


def _ref(report: Report) -> dict[str, Any]:
    return ReportRef(
        report_id=str(report.id),
        registration_number=report.registration_number,
        office=report.office,
        kind=report.kind,
        channel=report.channel,
        substance=report.substance,
    ).model_dump()


async def register_report(
    *, session: AsyncSession, cipher: FieldCipher, data: ReportCreate, actor: Principal
) -> Report:
    substance = await session.get(Substance, data.substance)
    if substance is None or not substance.active:
        raise InvalidInput.field("#/body/substance", f"Unknown substance {data.substance!r}.")
    reporter_id = uuid.uuid4()
    identity = Identity(**data.reporter.model_dump(exclude={"confidential"}))
    session.add(
        Reporter(
            id=reporter_id,
            office=actor.office,
            identity=seal(cipher, reporter_id, identity),
        )
    )
    await session.flush()  # the report refers to it, and there is no ORM relationship
    now = datetime.now(UTC)
    report = Report(
        office=actor.office,
        registration_number=await _next_registration_number(session, actor.office, now),
        kind=data.kind.value,
        channel=data.channel.value,
        status=ReportStatus.registered.value,
        reporter_id=reporter_id,
        confidential=data.reporter.confidential,
        reported_agency=data.reported_agency.name,
        substance=data.substance,
        summary=data.summary,
        chronology=data.chronology,
        event_date=data.event_date,
        created_by=actor.username,
        created_at=now,
        updated_at=now,
    )
    session.add(report)
    await session.flush()
    session.add(
        ReportStep(
            report_id=report.id,
            step="registered",
            to_status=report.status,
            actor=actor.username,
            at=now,
        )
    )
    await outbox.add(
        session,
        "report.registered",
        ReportRegistered(**_ref(report), registered_at=now),
        subject=str(report.id),
    )
    await session.flush()
    return report


async def get_report(
    *, session: AsyncSession, report_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Report:
    query = select(Report).where(Report.id == report_id)
    if for_update:
        query = query.with_for_update()
    report = (await session.execute(query)).scalar_one_or_none()
    # Another office's report does not exist as far as this caller knows.
    if report is None or not actor.can_see_office(report.office):
        raise NotFound(f"No report {report_id}.")
    return report


async def timeline(*, session: AsyncSession, report_id: uuid.UUID) -> list[ReportStep]:
    steps = await session.execute(
        select(ReportStep).where(ReportStep.report_id == report_id).order_by(col(ReportStep.id))
    )
    return list(steps.scalars())


async def list_reports(
    *,
    session: AsyncSession,
    actor: Principal,
    status: str | None,
    cursor: str | None,
    limit: int,
) -> tuple[list[Report], str | None]:
    query = (
        select(Report)
        .order_by(col(Report.created_at).desc(), col(Report.id).desc())
        .limit(limit + 1)
    )
    if (office := actor.office_scope()) is not None:
        query = query.where(Report.office == office)
    if status:
        query = query.where(Report.status == status)
    if (after := decode_cursor(cursor)) is not None:
        try:
            created, ident = datetime.fromisoformat(after[0]), uuid.UUID(after[1])
        except (ValueError, IndexError, TypeError) as exc:
            raise InvalidInput.field("#/query/cursor", "The cursor is not valid.") from exc
        query = query.where(tuple_(col(Report.created_at), col(Report.id)) < tuple_(created, ident))
    rows = list((await session.execute(query)).scalars())
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor(rows[-1].created_at.isoformat(), str(rows[-1].id)) if more else None
    return rows, next_cursor


async def apply_step(
    *,
    session: AsyncSession,
    report: Report,
    step: Step,
    actor: Principal,
    details: dict[str, Any],
) -> Report:
    """Moves the report along the state machine and records the step (report row locked)."""
    before = ReportStatus(report.status)
    try:
        after = rules.next_status(before, step)
    except rules.StepNotAllowed as exc:
        raise TransitionNotAllowed(str(exc), current_status=before.value) from exc
    now = datetime.now(UTC)
    values: dict[str, Any] = {
        "status": after.value,
        "updated_at": now,
        "version": report.version + 1,
    }
    if step in (Step.plenary_accept, Step.plenary_rco):
        values["track"] = "rapid_response" if step is Step.plenary_rco else "regular"
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
            at=now,
        )
    )
    await _publish_outcome(session=session, report=report, actor=actor, at=now)
    await session.flush()
    return report


async def _publish_outcome(
    *, session: AsyncSession, report: Report, actor: Principal, at: datetime
) -> None:
    if report.status == ReportStatus.accepted:
        payload = ReportVerified(
            **_ref(report),
            track=report.track or "regular",
            reported_agency=report.reported_agency,
            summary=report.summary,
            event_date=report.event_date,
            reporter_id=str(report.reporter_id),
            confidential=report.confidential,
            registered_at=report.created_at,
            verified_at=at,
            decided_by=actor.username,
        )
        await outbox.add(session, "report.verified", payload, subject=str(report.id))
    elif report.status == ReportStatus.rejected:
        rejected = ReportRejected(
            **_ref(report),
            reason=report.rejection_reason or "",
            rejected_at=at,
            decided_by=actor.username,
        )
        await outbox.add(session, "report.rejected", rejected, subject=str(report.id))
