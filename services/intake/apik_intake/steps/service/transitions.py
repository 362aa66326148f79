"""Moving a report along its state machine: the step row, the new status, the event.

Every step of every feature goes through `apply_step`, so a status never changes without
its history row and, when the step ends intake's part, the event that says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import col, select

from apik_intake.models import Report, ReportStep
from apik_intake.notifications.rules import NotificationKind
from apik_intake.notifications.service.queue import following
from apik_intake.reports import rules
from apik_intake.reports.rules import ReportStatus, Step
from apik_intake.steps.rules import track_of
from apik_shared.platform.auth import Principal
from apik_shared.platform.events.outbox import row_insert
from apik_shared.platform.events.payloads import ReportRef, ReportRejected, ReportVerified
from apik_shared.platform.events.payloads.base import Event
from apik_shared.platform.events.payloads.intake import ConsultationRecorded, ReportClosed
from apik_shared.platform.events.publish import outbox_of
from apik_shared.platform.problems import InvalidInput, TransitionNotAllowed
from apik_shared.vocabulary.labels import REPORT_STATUSES, named


def ref(report: Report) -> dict[str, Any]:
    """The fields every intake event carries about its report."""
    return ReportRef(
        report_id=str(report.id),
        registration_number=report.registration_number,
        office=report.office,
        kind=report.kind,
        channel=report.channel,
        substance=report.substance,
        agency_type=report.agency_type,
    ).model_dump()


# The report's columns an event's reference copies as they are (all but its id).
_REF_COLUMNS = [name for name in ReportRef.model_fields if name != "report_id"]


def ref_of_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """`ref` of a report's columns given as a mapping: the registration answers from the
    row it wrote and does not build the ORM object on its hot path. The fields are
    `ReportRef`'s, so the two cannot drift apart."""
    return {"report_id": str(row["id"]), **{name: row[name] for name in _REF_COLUMNS}}


def ensure_allowed(report: Report, step: Step) -> ReportStatus:
    """The status `step` leads to from the report's, or 409 naming the current status."""
    before = ReportStatus(report.status)
    try:
        return rules.next_status(before, step, kind=rules.Kind(report.kind))
    except rules.StepNotAllowed as exc:
        raise TransitionNotAllowed.step_refused(
            str(exc),
            step=named(rules.STEPS, step.value),
            status=named(REPORT_STATUSES, before.value),
        ) from exc


async def apply_step(
    *,
    session: AsyncSession,
    report: Report,
    step: Step,
    actor: Principal,
    details: dict[str, Any],
    changes: dict[str, Any] | None = None,
    decided_at: datetime | None = None,
    notify: NotificationKind | None = None,
) -> Report:
    """Moves the report along the state machine and records the step (report row locked).

    `changes` are further columns the step sets (e.g. the completion deadline); `notify`
    queues that message to the reporter with the new status (`queue_following`)."""
    before = ReportStatus(report.status)
    after = ensure_allowed(report, step)
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
                code="before_previous_step",
                previous=previous.isoformat(),
            )
    values: dict[str, Any] = {
        "status": after.value,
        "updated_at": now,
        "version": report.version + 1,
        **(changes or {}),
    }
    if (track := track_of(step)) is not None:
        values["track"] = track
    if step is Step.answer:
        values["answer"], values["answered_at"] = details["answer"], at
    if after is ReportStatus.rejected:
        values["rejection_reason"] = details.get("reason") or details.get("note") or step.value
    # The loaded report as the statement leaves the row (not a change of the session's
    # to flush again), so that the event is built from it before the statement is sent.
    for key, value in values.items():
        set_committed_value(report, key, value)
    history = insert(ReportStep).values(
        report_id=report.id,
        step=step.value,
        from_status=before.value,
        to_status=after.value,
        actor=actor.username,
        details=details,
        at=at,
    )
    # One statement: the report's new columns, its history row, the event when the step
    # ends intake's part and the message it sends the reporter (each a round trip of its
    # own before, and a step is the accept of every handoff: issue 22).
    statement = (
        update(Report)
        .where(col(Report.id) == report.id)
        .values(**values)
        .add_cte(history.cte("new_step"))
        .execution_options(synchronize_session=False)
    )
    written = None
    if (event := _outcome(report, actor=actor, at=at, details=details)) is not None:
        outbox = outbox_of(session, type(event))
        envelope, written = outbox.envelope(event.event_type, event, subject=str(report.id))
        statement = statement.add_cte(row_insert(written, at=envelope.time).cte("new_event"))
    if notify is not None:
        message = following(report_id=report.id, kind=notify, values={"status": after.value})
        statement = statement.add_cte(message.cte("new_notification"))
    await session.execute(statement)
    if written is not None:
        outbox.written(session, [written])
    # What the caller added before the step is written now, as it was (no round trip
    # when nothing waits: the step itself is not the session's to flush).
    await session.flush()
    return report


def _outcome(
    report: Report, *, actor: Principal, at: datetime, details: dict[str, Any] | None = None
) -> Event | None:
    """The event of a step that ends intake's part (or answers a consultation), built
    from the report as the step leaves it; None for the other steps."""
    if report.status == ReportStatus.accepted:
        return ReportVerified(
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
            letter_number=report.letter_number,
        )
    if report.status == ReportStatus.rejected:
        return ReportRejected(
            **ref(report),
            reason=report.rejection_reason or "",
            rejected_at=at,
            decided_by=actor.username,
            decided_by_subject=actor.subject,
        )
    if report.status == ReportStatus.withdrawn:
        return ReportClosed(
            **ref(report),
            # The deadline job's, unless the step says otherwise (withdrawn at a portal).
            reason=(details or {}).get("closed_reason", "not_completed_within_deadline"),
            closed_at=at,
            closed_by=actor.username,
        )
    if report.status == ReportStatus.answered:
        return ConsultationRecorded(
            **ref(report),
            reporter_id=str(report.reporter_id),
            registered_at=report.received_at,
            answered_at=at,
            answered_by=actor.username,
            answered_by_subject=actor.subject,
        )
    return None
