"""Dependencies of the gateway's routes: who may call, and rows loaded for a change."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from apik_gateway.models import Office
from apik_gateway.offices import service as offices
from apik_shared.auth import Principal, Role, require_roles
from apik_shared.db import DbSession
from apik_shared.etag import check_if_match
from apik_shared.problems import Forbidden

Admin = Annotated[Principal, Depends(require_roles(Role.admin))]


async def _national_admin(
    admin: Admin,
) -> Principal:
    if not admin.is_national:
        raise Forbidden("Only a national admin opens and changes offices.")
    return admin


NationalAdmin = Annotated[Principal, Depends(_national_admin)]


async def _locked_office(
    code: str, request: Request, session: DbSession, _: NationalAdmin
) -> Office:
    office = await offices.get_office(session=session, code=code, for_update=True)
    check_if_match(request, office.version, required=True)
    return office


LockedOffice = Annotated[Office, Depends(_locked_office)]
