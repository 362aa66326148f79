"""Dependencies the intake routers share: who may call, and the keys for identity."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from apik_intake.settings import Settings
from apik_shared.auth import Principal, Role, require_roles
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


def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


def _index_key(request: Request) -> bytes:
    key: bytes = request.app.state.index_key
    return key


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Cipher = Annotated[FieldCipher, Depends(_cipher)]
IndexKey = Annotated[bytes, Depends(_index_key)]
IntakeSettings = Annotated[Settings, Depends(_settings)]
