"""Dependencies the reporting routers share: who may call, which office, the settings.

The office a caller asks about is resolved here, once: a route takes `Scope` (one office,
or every office for national callers who name none), `ReadOffice` (exactly one office)
or `NationalReader`, and never decides who may see what itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import Depends, Path, Query, Request

from apik_reporting.exports.views import wanted_format
from apik_reporting.kpis.rules import FIRST_YEAR, LAST_YEAR
from apik_reporting.settings import Settings
from apik_shared.platform.app import app_settings
from apik_shared.platform.auth import Principal
from apik_shared.platform.capabilities import Capability, require_capability
from apik_shared.platform.db import DbSession
from apik_shared.platform.offices import office_names
from apik_shared.platform.problems import Forbidden, Unauthorized, field_error
from apik_shared.vocabulary.field_errors import invalid

# Those who read the office's figures; admin always passes the role check, and only
# `national` widens the office: an office's admin is that office's, not every office's.
Reader = Annotated[Principal, Depends(require_capability(Capability.kpi_read))]
# Targets are the head's commitment (the annual performance agreement).
TargetSetter = Annotated[Principal, Depends(require_capability(Capability.kpi_targets_edit))]
AUTH = (Unauthorized, Forbidden)
Year = Annotated[int, Query(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year")]
YearPath = Annotated[int, Path(ge=FIRST_YEAR, le=LAST_YEAR)]
OfficeQuery = Annotated[
    str | None,
    Query(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$", description="office code"),
]
CurrentSettings = Annotated[Settings, Depends(app_settings)]


async def _exported_offices(request: Request, session: DbSession) -> Mapping[str, str]:
    # Only an export (CSV, XLSX) names offices; a JSON answer keeps their codes.
    return await office_names(session) if wanted_format(request) else {}


# The offices' names, code to name, for an export's office column.
ExportedOffices = Annotated[Mapping[str, str], Depends(_exported_offices)]


def sees_every_office(actor: Principal) -> bool:
    # Not admin: an office's admin once replaced and read every other office's figures.
    return actor.is_national


def office_for(actor: Principal, office: str | None, *, pointer: str = "#/query/office") -> str:
    """The one office asked for, which the caller must be allowed to see."""
    wanted = office or actor.office
    if not (sees_every_office(actor) or wanted == actor.office):
        raise Forbidden.other_office(
            f"Office {wanted} is not yours; the national role sees every office.",
            wanted,
            errors=[field_error(pointer, invalid("own_office_only", "Not an office you may see."))],
        )
    return wanted


def scope_for(actor: Principal, office: str | None) -> str | None:
    """An office, or None for every office (national callers who name none)."""
    if office is None and actor.is_national:
        return None
    return office_for(actor, office)


# Dependencies are `async def`: a plain `def` one costs a thread-pool hop per request.
async def _scope(actor: Reader, office: OfficeQuery = None) -> str | None:
    return scope_for(actor, office)


async def _one_office(actor: Reader, office: OfficeQuery = None) -> str:
    return office_for(actor, office)


async def _national(actor: Reader) -> Principal:
    if not sees_every_office(actor):
        raise Forbidden(
            "The roll-up compares every office; it needs the national role.", code="national_role"
        )
    return actor


# The `office` query a reader may see: None is every office together.
Scope = Annotated[str | None, Depends(_scope)]
# The `office` query as one office (the caller's own when none is named).
ReadOffice = Annotated[str, Depends(_one_office)]
# A reader who sees every office side by side: national roles only.
NationalReader = Annotated[Principal, Depends(_national)]
