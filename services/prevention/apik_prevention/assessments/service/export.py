"""The assessments list as a whole, for its CSV: every row the filters select (all pages,
not the one on screen), with what the file prints beside each row read in one query
each, not one per row as a page's answer does."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.assessments.rules import EntryStatus
from apik_prevention.assessments.service.opening import office_assessments
from apik_prevention.models import Assessment, AssessmentEntry, SchemeVersion
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendars
from apik_shared.vocabulary.calendar import OfficeCalendar

# A working list, not an archive: past this, narrow the filters.
EXPORT_MAX_ROWS = 10_000


@dataclass(frozen=True)
class AssessmentExport:
    rows: list[Assessment]
    approved: Mapping[uuid.UUID, int]  # approved entries of each assessment
    schemes: Mapping[uuid.UUID, str]  # scheme version id to "code v<version>"
    calendars: Mapping[str, OfficeCalendar]  # of every row's office


async def export_assessments(
    *, session: AsyncSession, actor: Principal, year: int | None, status: str | None
) -> AssessmentExport:
    query = (
        office_assessments(actor, year, status)
        .order_by(col(Assessment.created_at).desc(), col(Assessment.id).desc())
        .limit(EXPORT_MAX_ROWS)
    )
    rows = list((await session.execute(query)).scalars())
    if not rows:
        return AssessmentExport(rows=[], approved={}, schemes={}, calendars={})
    ids = [r.id for r in rows]
    counted = await session.execute(
        select(col(AssessmentEntry.assessment_id), func.count())
        .where(
            col(AssessmentEntry.assessment_id).in_(ids),
            AssessmentEntry.status == EntryStatus.approved.value,
        )
        .group_by(col(AssessmentEntry.assessment_id))
    )
    versions = await session.execute(
        select(col(SchemeVersion.id), col(SchemeVersion.code), col(SchemeVersion.version)).where(
            col(SchemeVersion.id).in_({r.scheme_id for r in rows})
        )
    )
    return AssessmentExport(
        rows=rows,
        approved={ident: count for ident, count in counted.all()},
        schemes={ident: f"{code} v{version}" for ident, code, version in versions.all()},
        calendars=await office_calendars(session, [r.office for r in rows]),
    )
