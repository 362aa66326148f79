"""The reference lists: the national substance catalogue (the domain page's seventeen
and the national sectors of revision 0023), edited by the national role only, and each
office's own substances, offered to it alone."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Substance
from apik_intake.reference.schemas import SubstanceCreate, SubstanceUpdate
from apik_intake.refusals import IntakeConflict
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import Forbidden, NotFound, field_error
from apik_shared.platform.refcache import ReferenceCache
from apik_shared.vocabulary.field_errors import invalid


def offered_to(office: str) -> sa.ColumnElement[bool]:
    """The substances an office may file under: the national ones and its own."""
    return sa.or_(col(Substance.office).is_(None), col(Substance.office) == office)


async def active_substances(*, session: AsyncSession, office: str) -> list[Substance]:
    rows = await session.execute(
        select(Substance)
        .where(col(Substance.active).is_(True), offered_to(office))
        .order_by(Substance.code)
    )
    return list(rows.scalars())


# The catalogue as (active, owning office) per code, read per registration that names a
# substance. Dropped in this process when `add_substance` or `update_substance` commits;
# another replica reads it again within a minute (a substance retired there may be
# filed under here for that long, as it could be by a form opened before the change).
_CATALOGUE: ReferenceCache[dict[str, tuple[bool, str | None]]] = ReferenceCache("substance", ttl=60)
_ALL = sa.select(col(Substance.code), col(Substance.active), col(Substance.office))


async def substance_usable(*, session: AsyncSession, code: str, office: str) -> bool:
    """`usable_substance`, answered from the catalogue kept in the process."""
    found, catalogue = _CATALOGUE.get(session, None)
    # A code the kept catalogue lacks is read again: another replica may have added it.
    if not found or catalogue is None or code not in catalogue:
        ticket = _CATALOGUE.ticket(session)
        rows = await session.execute(_ALL)
        catalogue = {row.code: (row.active, row.office) for row in rows}
        _CATALOGUE.put(session, None, catalogue, ticket=ticket)
    active, owner = catalogue.get(code, (False, None))
    return active and (owner is None or owner == office)


async def usable_substance(*, session: AsyncSession, code: str, office: str) -> Substance | None:
    """The active substance `code` if a report of `office` may be filed under it."""
    row = await session.execute(
        select(Substance).where(
            col(Substance.code) == code, col(Substance.active).is_(True), offered_to(office)
        )
    )
    return row.scalar_one_or_none()


async def add_substance(
    *, session: AsyncSession, data: SubstanceCreate, actor: Principal
) -> Substance:
    """Into the national catalogue (national role only) or the caller's office's own."""
    if data.national and not actor.is_national:
        raise Forbidden(
            "The national catalogue is edited nationally; add one of your office's own.",
            code="national_role",
            errors=[
                field_error(
                    "#/body/national", invalid("national_role_required", "Needs the national role.")
                )
            ],
        )
    # Codes are one namespace (reports keep the code): a taken code says only "taken".
    if await session.get(Substance, data.code) is not None:
        raise IntakeConflict(
            f"The substance code {data.code!r} is taken; choose another.",
            code="substance_code_taken",
            params={"code": data.code},
        )
    fields = data.model_dump(exclude={"national"})
    substance = Substance(**fields, active=True, office=None if data.national else actor.office)
    session.add(substance)
    _CATALOGUE.drop_after_transaction(session)
    await session.flush()
    return substance


async def update_substance(
    *, session: AsyncSession, code: str, data: SubstanceUpdate, actor: Principal
) -> Substance:
    """Renames or retires a category; reports keep the code they were filed with.

    Another office's own substance is a 404, as if it did not exist; a national one is
    a 403 outside the national role (one office's head once retired it for every office).
    """
    substance = await session.get(Substance, code, with_for_update=True)
    if substance is None or not (
        substance.office is None or actor.can_see_office(substance.office)
    ):
        raise NotFound(f"No substance {code!r}.")
    if substance.office is None and not actor.is_national:
        raise Forbidden(
            "The national catalogue is edited nationally; this needs that role.",
            code="national_role",
        )
    for field, value in data.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(substance, field, value)
    _CATALOGUE.drop_after_transaction(session)
    await session.flush()
    return substance
