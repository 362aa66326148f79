"""Notifications to reporters: a report's messages, the reporter's opt-out, and the
office's templates."""

from __future__ import annotations

from fastapi import Response

from apik_intake.deps import (
    AUTH,
    CallerPermits,
    LockedReport,
    Manager,
    Officer,
    Reader,
    ReportInOffice,
)
from apik_intake.notifications import service
from apik_intake.notifications.rules import NotificationKind
from apik_intake.notifications.schemas import (
    NotificationList,
    NotificationOut,
    TemplateIn,
    TemplateOut,
)
from apik_intake.reports.schemas import ReportDetail
from apik_intake.reports.views import detail, json_response
from apik_shared.platform.db import DbSession
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["notifications"])


@router.get(
    "/reports/{report_id}/notifications",
    response_model=NotificationList,
    responses=problem_responses(*AUTH, NotFound),
)
async def list_notifications(
    session: DbSession, actor: Reader, report: ReportInOffice
) -> NotificationList:
    """The messages to the report's reporter and where each stands (no address)."""
    rows = await service.notifications_of(session=session, report_id=report.id)
    return NotificationList(
        items=[NotificationOut.model_validate(row, from_attributes=True) for row in rows],
        stopped_at=report.notifications_stopped_at,
    )


@router.post(
    "/reports/{report_id}/notifications/opt-out",
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, NotFound, PreconditionFailed),
)
async def opt_out(
    session: DbSession, actor: Officer, report: LockedReport, permits: CallerPermits
) -> Response:
    """The reporter asked the office to stop: pending messages are skipped, none is
    queued any more. Recorded in the report's history."""
    report, _ = await service.opt_out(session=session, report=report, actor=actor)
    return json_response(200, await detail(session, report, permits))


def _template_out(office: str, kind: NotificationKind, found: service.FoundTemplate) -> TemplateOut:
    template, row = found
    return TemplateOut(
        office=office,
        kind=kind,
        subject=template.subject,
        body=template.body,
        custom=row is not None,
        updated_by=row.updated_by if row else None,
        updated_at=row.updated_at if row else None,
    )


@router.get(
    "/notification-templates/{kind}",
    response_model=TemplateOut,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def read_template(kind: NotificationKind, session: DbSession, actor: Manager) -> TemplateOut:
    """The office's wording of `kind`, or the default when it has none."""
    found = await service.template_for(session=session, office=actor.office, kind=kind)
    return _template_out(actor.office, kind, found)


@router.put(
    "/notification-templates/{kind}",
    response_model=TemplateOut,
    responses=problem_responses(*AUTH, InvalidInput),
)
async def write_template(
    kind: NotificationKind, data: TemplateIn, session: DbSession, actor: Manager
) -> TemplateOut:
    """The office's own wording; a placeholder the renderer does not know is refused,
    naming the field. The templates carry no name and no reported agency by design."""
    row = await service.save_template(
        session=session,
        office=actor.office,
        kind=kind,
        subject=data.subject,
        body=data.body,
        actor=actor,
    )
    return _template_out(actor.office, kind, ((service.Template(row.subject, row.body)), row))
