"""Duplicates, copies and merges; a report's full history (merged reports' included)."""

from __future__ import annotations

from fastapi import Response

from apik_intake.deps import (
    AUTH,
    CallerPermits,
    CurrentSettings,
    LockedReport,
    Officer,
    Reader,
    ReportInOffice,
)
from apik_intake.duplicates import service
from apik_intake.duplicates.rules import without_reporter
from apik_intake.duplicates.schemas import DuplicatePublic, HeldElsewhere, HistoryItem, LinkIn
from apik_intake.reporters.rules import sees_link
from apik_intake.reporters.service import audit_links
from apik_intake.reports.schemas import ReportDetail
from apik_intake.reports.views import detail, json_response
from apik_shared.platform.db import DbSession
from apik_shared.platform.pagination import Page
from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    PreconditionFailed,
    problem_responses,
)
from apik_shared.platform.routing import ServiceRouter

router = ServiceRouter(tags=["duplicates"])


@router.get(
    "/reports/{report_id}/duplicates",
    response_model=Page[DuplicatePublic],
    responses=problem_responses(*AUTH, NotFound),
)
async def list_candidates(
    session: DbSession, actor: Reader, settings: CurrentSettings, report: ReportInOffice
) -> Page[DuplicatePublic]:
    rows = await service.candidates_of(session=session, report_id=report.id)
    entitled = sees_link(actor.roles, confidential_roles=settings.confidential_identity_roles)
    items, linked = [], []
    for candidate, other in rows:
        shown: tuple[float, list[str]] | None = (candidate.score, candidate.reasons)
        if "same_reporter" in candidate.reasons and (report.confidential or other.confidential):
            # The pair names a confidential reporter's other report: for the entitled
            # caller it is shown and audited, for any other it is as if unknown.
            if entitled:
                linked += [report, other]
            else:
                shown = without_reporter(candidate.score, candidate.reasons)
        if shown is None:
            continue
        items.append(
            DuplicatePublic(
                report_id=other.id,
                registration_number=other.registration_number,
                score=shown[0],
                reasons=shown[1],
                kind=other.kind,
                status=other.status,
                summary=other.summary,
                created_at=other.created_at,
            )
        )
    # Once per confidential report, however many of its pairs were shown.
    unique = list({r.id: r for r in linked}.values())
    purpose = f"duplicate candidates of {report.registration_number}"
    audit_links(session=session, actor=actor, reports=unique, purpose=purpose)
    items.sort(key=lambda item: item.score, reverse=True)
    return Page(items=items)


@router.get(
    "/reports/{report_id}/held-elsewhere",
    response_model=Page[HeldElsewhere],
    responses=problem_responses(*AUTH, NotFound),
)
async def list_held_elsewhere(
    session: DbSession, actor: Reader, report: ReportInOffice
) -> Page[HeldElsewhere]:
    """Other offices of the deployment holding the same letter (a copy sent to both):
    their office, the registration number and the status. Only for a report this
    office holds: there is no way to ask about a text, or another office's report."""
    rows = await service.held_elsewhere(session=session, report=report)
    return Page(
        items=[
            HeldElsewhere(
                office=row.office,
                office_name=row.office_name,
                registration_number=row.registration_number,
                status=row.status,
            )
            for row in rows
        ]
    )


@router.post(
    "/reports/{report_id}/links",
    response_model=ReportDetail,
    responses=problem_responses(*AUTH, NotFound, InvalidInput, Conflict, PreconditionFailed),
)
async def link_report(
    data: LinkIn,
    session: DbSession,
    actor: Officer,
    report: LockedReport,
    permits: CallerPermits,
) -> Response:
    """Marks the report a duplicate or a copy of another, or merges it into the other."""
    report = await service.link(
        session=session,
        report=report,
        target_id=data.target_report_id,
        link_type=data.link,
        actor=actor,
    )
    return json_response(200, await detail(session, report, permits))


@router.get(
    "/reports/{report_id}/history",
    response_model=Page[HistoryItem],
    responses=problem_responses(*AUTH, NotFound),
)
async def report_history(
    session: DbSession, actor: Reader, report: ReportInOffice
) -> Page[HistoryItem]:
    """Every transition with actor and time, those of merged reports included."""
    rows = await service.history(session=session, report=report)
    return Page(
        items=[
            HistoryItem(
                report_id=step.report_id,
                registration_number=number,
                step=step.step,
                from_status=step.from_status,
                to_status=step.to_status,
                actor=step.actor,
                details=step.details,
                at=step.at,
            )
            for step, number in rows
        ]
    )
