"""The case list as a whole, for its CSV: every row the filters select (all pages, not
the one on screen), with what the file prints beside each row read in one query each."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_examination.cases.service.work import CaseFilter, filtered
from apik_examination.models import Case, Examiner
from apik_shared.platform.auth import Principal
from apik_shared.platform.offices import office_calendars
from apik_shared.vocabulary.calendar import OfficeCalendar

# A board's export is a working list, not an archive: past this, narrow the filters.
EXPORT_MAX_ROWS = 10_000


@dataclass(frozen=True)
class CaseExport:
    rows: list[Case]
    calendars: Mapping[str, OfficeCalendar]  # of every row's office
    examiners: Mapping[tuple[str, str], str]  # (office, examiner id) to display name


async def export_cases(
    *, session: AsyncSession, actor: Principal, where: CaseFilter, now: datetime
) -> CaseExport:
    """The rows newest first, as the board lists them, up to `EXPORT_MAX_ROWS`."""
    query = (
        filtered(actor, where, now)
        .order_by(col(Case.opened_at).desc(), col(Case.id).desc())
        .limit(EXPORT_MAX_ROWS)
    )
    rows = list((await session.execute(query)).scalars())
    offices = sorted({r.office for r in rows})
    calendars = await office_calendars(session, offices) if rows else {}
    names: dict[tuple[str, str], str] = {}
    if rows:
        found = await session.execute(
            select(Examiner.office, Examiner.examiner_id, Examiner.display_name).where(
                col(Examiner.office).in_(offices)
            )
        )
        names = {(office, ident): name for office, ident, name in found.all()}
    return CaseExport(rows=rows, calendars=calendars, examiners=names)
