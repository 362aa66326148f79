"""Dependencies the intake routers share: who may call, and the keys for identity."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from apik_intake.settings import Settings
from apik_shared.auth import CurrentPrincipal, Principal, Role, require_roles
from apik_shared.crypto import FieldCipher
from apik_shared.problems import Forbidden, Unauthorized

READ_ROLES = (
    Role.intake_officer,
    Role.head,
    Role.analyst,
    Role.examiner,
    Role.examination_supervisor,
)
Officer = Annotated[Principal, Depends(require_roles(Role.intake_officer))]
Reader = Annotated[Principal, Depends(require_roles(*READ_ROLES))]
IdentityReader = Annotated[Principal, Depends(require_roles(*READ_ROLES, Role.dpo))]
Dpo = Annotated[Principal, Depends(require_roles(Role.dpo))]
AUTH = (Unauthorized, Forbidden)


# Async on purpose: FastAPI runs a plain `def` dependency in its thread pool, three
# thread hops per request for what is an attribute read.
async def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


async def _index_key(request: Request) -> bytes:
    key: bytes = request.app.state.index_key
    return key


async def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Cipher = Annotated[FieldCipher, Depends(_cipher)]
IndexKey = Annotated[bytes, Depends(_index_key)]
IntakeSettings = Annotated[Settings, Depends(_settings)]


async def _assigner(principal: CurrentPrincipal, settings: IntakeSettings) -> Principal:
    """A caller holding one of `APIK_ASSIGN_ROLES` (the office decides who hands out work)."""
    if not principal.has_any(*settings.assign_roles):
        roles = ", ".join(sorted(settings.assign_roles))
        raise Forbidden(f"This needs one of the roles: {roles}.")
    return principal


Assigner = Annotated[Principal, Depends(_assigner)]
