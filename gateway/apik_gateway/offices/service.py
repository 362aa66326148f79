"""The office registry: opened and changed here, announced to every service."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from apik_gateway.models import Office, utcnow
from apik_gateway.offices.schemas import OfficeCreate, OfficeUpdate
from apik_gateway.refusals import GatewayConflict
from apik_shared.platform.events.payloads.gateway import (
    OfficeRegistered,
    OfficeState,
    OfficeUpdated,
)
from apik_shared.platform.events.publish import publish
from apik_shared.platform.problems import InvalidInput, NotFound

# Fields a PATCH may not clear: an office always has a name and a zone.
_REQUIRED = ("name", "timezone", "observes_cuti_bersama", "letterhead", "closure_days")


def _state(office: Office, event: type[OfficeState]) -> OfficeState:
    return event(
        code=office.code,
        name=office.name,
        timezone=office.timezone,
        version=office.version,
        address=office.address,
        letterhead=list(office.letterhead),
        head_name=office.head_name,
        head_title=office.head_title,
        observes_cuti_bersama=office.observes_cuti_bersama,
        closure_days=sorted(set(office.closure_days)),
    )


async def _announce(session: AsyncSession, office: Office, event: type[OfficeState]) -> None:
    await publish(session, _state(office, event), subject=office.code)
    office.announced_version = office.version


async def list_offices(*, session: AsyncSession) -> list[Office]:
    return list((await session.execute(select(Office).order_by(Office.code))).scalars())


async def get_office(*, session: AsyncSession, code: str, for_update: bool = False) -> Office:
    office = await session.get(Office, code, with_for_update=for_update)
    if office is None:
        raise NotFound(f"There is no office {code}.")
    return office


async def require_office(*, session: AsyncSession, code: str, pointer: str) -> None:
    """For a body naming an office (a user's, a client's): it must be a registered one."""
    if await session.get(Office, code) is None:
        raise InvalidInput.field(
            pointer, f"There is no office {code}.", code="unknown_office", office=code
        )


async def create_office(*, session: AsyncSession, office_in: OfficeCreate) -> Office:
    if await session.get(Office, office_in.code) is not None:
        raise GatewayConflict(
            f"Office {office_in.code} already exists.",
            code="office_exists",
            params={"code": office_in.code},
        )
    data = office_in.model_dump()
    data["closure_days"] = sorted(set(data["closure_days"]))
    office = Office(**data)
    session.add(office)
    await session.flush()
    await _announce(session, office, OfficeRegistered)
    return office


async def update_office(*, session: AsyncSession, office: Office, changes: OfficeUpdate) -> Office:
    fields: dict[str, Any] = changes.model_dump(exclude_unset=True)
    for name in _REQUIRED:
        if name in fields and fields[name] is None:
            raise InvalidInput.field(
                f"#/body/{name}", "Cannot be cleared.", code="cannot_be_cleared"
            )
    if "closure_days" in fields:
        fields["closure_days"] = sorted(set(fields["closure_days"]))
    for name, value in fields.items():
        setattr(office, name, value)
    office.version += 1
    office.updated_at = utcnow()
    await session.flush()
    await _announce(session, office, OfficeUpdated)
    return office


async def announce_unannounced(*, session: AsyncSession) -> int:
    """Announces offices no event has carried yet (those that existed before the
    registry had events, and the bootstrap office): the services' copies start from
    them. Runs at start-up, under the bootstrap lock."""
    offices = await session.execute(
        select(Office).where(col(Office.announced_version) < col(Office.version))
    )
    count = 0
    for office in offices.scalars():
        await _announce(session, office, OfficeRegistered)
        count += 1
    return count
