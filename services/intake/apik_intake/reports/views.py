"""Shaping a report row into the bodies staff read (every feature that answers with the
report uses these)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi.responses import JSONResponse
from sqlalchemy.ext.asyncio import AsyncSession

from apik_intake.assignment.rules import ASSIGNABLE
from apik_intake.models import Report
from apik_intake.reporters.service import link_summaries
from apik_intake.reports import rules
from apik_intake.reports.schemas import (
    AgencyPublic,
    RegionPublic,
    ReportDetail,
    ReporterPublic,
    ReportPublic,
    StepPublic,
)
from apik_intake.reports.service.lookup import timeline_and_link
from apik_intake.reports.service.registration import Registered
from apik_intake.routing.rules import ROUTABLE
from apik_shared.platform.etag import set_etag

Link = tuple[uuid.UUID, list[str]]
_NESTED = {
    "reporter_id",
    "reported_agency",
    "agency_type",
    "agency_province",
    "agency_regency",
    "location_province",
    "location_regency",
    "status",
    "confidential",
    # Secrets of the reporter's tracking page, never shown to staff.
    "tracking_pin_hash",
    "survey_token",
}


def _region(province: str | None, regency: str | None) -> RegionPublic | None:
    return RegionPublic(province=province, regency=regency) if province else None


def _fields(values: Mapping[str, Any], link: Link | None, permits: rules.Permits) -> dict[str, Any]:
    """What a staff answer shows of a report's row (`values`: its columns), with the
    steps and actions its status allows the caller (`permits`: what their roles do)."""
    confidential = values["confidential"]
    # A confidential report's person ties it to the person's other reports, whose
    # identity most roles read: it is shown only with the identity, audited.
    person_id, matched_on = (None, []) if confidential or link is None else link
    status, kind = rules.ReportStatus(values["status"]), rules.Kind(values["kind"])
    agency = (
        AgencyPublic(
            name=values["reported_agency"],
            type=values["agency_type"],
            region=_region(values["agency_province"], values["agency_regency"]),
        )
        if values["reported_agency"]
        else None
    )
    return {
        **{name: value for name, value in values.items() if name not in _NESTED},
        "status": status,
        "reporter": ReporterPublic(
            id=values["reporter_id"],
            confidential=confidential,
            person_id=person_id,
            matched_on=matched_on,
        ),
        "reported_agency": agency,
        "location": _region(values["location_province"], values["location_regency"]),
        "allowed_steps": [s.value for s in rules.allowed_steps(status, kind=kind)]
        if permits.steps
        else [],
        "allowed_actions": allowed_actions(status, values["flags"], permits.actions),
    }


def allowed_actions(
    status: rules.ReportStatus, flags: Sequence[str], permitted: frozenset[str]
) -> list[str]:
    """The actions (`assign` and `route` on one report or many at once, the head's
    `age_exception`) its status allows now, from the rules the writes apply, among those
    the caller's roles `permitted` (`deps.permits_of`)."""
    actions = []
    if status in ASSIGNABLE:
        actions.append("assign")
    if status in ROUTABLE:
        actions.append("route")
    if rules.age_exception_open(status, flags):
        actions.append("age_exception")
    return [a for a in actions if a in permitted]


def public(report: Report, link: Link | None, permits: rules.Permits) -> ReportPublic:
    return ReportPublic(**_fields(report.model_dump(), link, permits))


async def public_page(
    session: AsyncSession, rows: Sequence[Report], permits: rules.Permits
) -> list[ReportPublic]:
    """A list's items, each with the steps and list actions its status and the caller's
    roles (`permits`) allow: the queue offers bulk work from these."""
    links = await link_summaries(session=session, reporter_ids=[r.reporter_id for r in rows])
    return [public(r, links.get(r.reporter_id), permits) for r in rows]


async def detail(session: AsyncSession, report: Report, permits: rules.Permits) -> ReportDetail:
    """The report with its timeline, and what its status allows the caller now."""
    steps, link = await timeline_and_link(session=session, report=report)
    return ReportDetail(
        **public(report, link, permits).model_dump(),
        timeline=[StepPublic.model_validate(s, from_attributes=True) for s in steps],
    )


def registered(registration: Registered, permits: rules.Permits) -> ReportDetail:
    """A new report's answer, from the rows registration wrote (no query, no ORM object)."""
    return ReportDetail(
        **_fields(registration.row, registration.link, permits),
        timeline=[StepPublic(**step) for step in registration.steps],
    )


def json_response(status: int, body: ReportDetail) -> JSONResponse:
    response = JSONResponse(body.model_dump(mode="json"), status_code=status)
    set_etag(response, body.version)
    return response
