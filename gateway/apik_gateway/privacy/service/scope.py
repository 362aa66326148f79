"""Which office a DPO records for and lists: their own, or any when national."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from apik_gateway.models import Office
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import Forbidden, InvalidInput


async def recorded_office(*, session: AsyncSession, actor: Principal, office: str | None) -> str:
    """The office a new record belongs to: the body's, else the officer's own."""
    code = office or actor.office
    if not actor.can_see_office(code):
        raise Forbidden.other_office(
            "A data protection officer keeps the registers of their own office.", code
        )
    if await session.get(Office, code) is None:
        raise InvalidInput.field(
            "#/body/office", f"There is no office {code!r}.", code="unknown_office", office=code
        )
    return code


def listed_office(actor: Principal, office: str | None) -> str | None:
    """The office a listing is limited to; None lists every office (national only)."""
    if office is not None and not actor.can_see_office(office):
        raise Forbidden.other_office(
            "A data protection officer reads the registers of their own office.", office
        )
    return office if office is not None else actor.office_scope()
