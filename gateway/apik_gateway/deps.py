"""Dependencies of the gateway's routes: who may call, the settings, the token signer,
the privacy registers' cipher, and rows loaded, locked and checked against `If-Match`
for a change."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request

from apik_gateway.models import DataSubjectRequest, Office, PersonalDataBreach, User
from apik_gateway.offices import service as offices
from apik_gateway.privacy import service as privacy
from apik_gateway.settings import Settings
from apik_gateway.tokens.service.keys import TokenSigner
from apik_gateway.users import service as users
from apik_shared.platform.app import app_settings
from apik_shared.platform.auth import (
    CurrentPrincipal,
    DataProtectionOfficer,
    Principal,
    Role,
)
from apik_shared.platform.capabilities import Capability, require_capability
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import require_if_match
from apik_shared.platform.pagination import MAX_LIMIT
from apik_shared.platform.problems import Forbidden

CurrentSettings = Annotated[Settings, Depends(app_settings)]

# The guards of the capabilities the web app is told (`apik_shared.platform.capabilities`).
Admin = Annotated[Principal, Depends(require_capability(Capability.admin_users))]
ClientsAdmin = Annotated[Principal, Depends(require_capability(Capability.admin_clients))]

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Cursor = Annotated[str | None, Query(description="`next_cursor` of the previous page")]


NationalAdmin = Annotated[
    Principal,
    Depends(
        require_capability(
            Capability.admin_offices, "Only a national admin opens and changes offices."
        )
    ),
]


async def _auditor(principal: CurrentPrincipal) -> Principal:
    # Not `require_roles(Role.dpo)`: it lets every admin through, and the admins are the
    # people the role-change audit watches. A national admin answers for every office.
    if Role.dpo in principal.roles or (Role.admin in principal.roles and principal.is_national):
        return principal
    raise Forbidden("The role-change audit is for the data protection officer.", code="dpo_only")


Auditor = Annotated[Principal, Depends(_auditor)]


async def _signer(request: Request) -> TokenSigner:
    signer: TokenSigner = request.app.state.signer
    return signer


# Signs with whichever key is active in the database; one per app (it caches keys).
Signer = Annotated[TokenSigner, Depends(_signer)]


async def _cipher(request: Request) -> FieldCipher:
    cipher: FieldCipher = request.app.state.cipher
    return cipher


# Seals and opens personal data with the gateway's keyring (`APIK_PII_KEYS`).
Cipher = Annotated[FieldCipher, Depends(_cipher)]


async def _locked_office(
    code: str, request: Request, session: DbSession, _: NationalAdmin
) -> Office:
    office = await offices.get_office(session=session, code=code, for_update=True)
    require_if_match(request, office.version)
    return office


LockedOffice = Annotated[Office, Depends(_locked_office)]


async def _locked_user(user_id: str, request: Request, session: DbSession, admin: Admin) -> User:
    # A user of another office is missing (404) before any If-Match is looked at.
    user = await users.get_user(session=session, actor=admin, user_id=user_id, for_update=True)
    require_if_match(request, user.version)
    return user


LockedUser = Annotated[User, Depends(_locked_user)]


async def _locked_request(
    request_id: uuid.UUID, request: Request, session: DbSession, officer: DataProtectionOfficer
) -> DataSubjectRequest:
    # Another office's request is missing (404) before any If-Match is looked at.
    row = await privacy.get_request(
        session=session, actor=officer, request_id=request_id, for_update=True
    )
    require_if_match(request, row.version)
    return row


LockedRequest = Annotated[DataSubjectRequest, Depends(_locked_request)]


async def _locked_breach(
    breach_id: uuid.UUID, request: Request, session: DbSession, officer: DataProtectionOfficer
) -> PersonalDataBreach:
    breach = await privacy.get_breach(
        session=session, actor=officer, breach_id=breach_id, for_update=True
    )
    require_if_match(request, breach.version)
    return breach


LockedBreach = Annotated[PersonalDataBreach, Depends(_locked_breach)]
