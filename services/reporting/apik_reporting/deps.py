"""Dependencies the reporting routers share: who may call, which office, the settings."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request

from apik_reporting.rules import FIRST_YEAR, LAST_YEAR
from apik_reporting.settings import Settings
from apik_shared.auth import Principal, Role, require_roles
from apik_shared.problems import Forbidden, Unauthorized

# Those who read the office's figures; admin always passes, `national` widens the office.
Reader = Annotated[Principal, Depends(require_roles(Role.head, Role.analyst))]
# Targets are the head's commitment (the annual performance agreement).
TargetSetter = Annotated[Principal, Depends(require_roles(Role.head))]
AUTH = (Unauthorized, Forbidden)
Year = Annotated[int, Query(ge=FIRST_YEAR, le=LAST_YEAR, description="calendar year")]
OfficeQuery = Annotated[
    str | None,
    Query(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$", description="office code"),
]


# Dependencies are `async def`: a plain `def` one costs a thread-pool hop per request.
async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


ReportingSettings = Annotated[Settings, Depends(_settings)]


def sees_every_office(actor: Principal) -> bool:
    return actor.is_national or Role.admin in actor.roles


def office_for(actor: Principal, office: str | None, *, pointer: str = "#/query/office") -> str:
    """The one office asked for, which the caller must be allowed to see."""
    wanted = office or actor.office
    if not (sees_every_office(actor) or wanted == actor.office):
        raise Forbidden(
            f"Office {wanted} is not yours; the national role sees every office.",
            errors=[{"pointer": pointer, "detail": "Not an office you may see."}],
        )
    return wanted


def scope_for(actor: Principal, office: str | None) -> str | None:
    """An office, or None for every office (national callers who name none)."""
    if office is None and actor.is_national:
        return None
    return office_for(actor, office)
