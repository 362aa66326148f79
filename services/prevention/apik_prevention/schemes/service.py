"""Schemes: the shipped files loaded once, versions listed and read, corrections made
as new versions, and the freeze an assessment puts on the version it uses."""

from __future__ import annotations

import uuid
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_prevention.models import SchemeVersion
from apik_prevention.schemes import rules
from apik_prevention.schemes.schemas import SchemeDefinition
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import Conflict, InvalidInput, NotFound

SHIPPED = Path(__file__).parent
SHIPPED_BY = "shipped"  # created_by of the versions that came with the release


class SchemeFrozen(Conflict):
    slug, title = "scheme-frozen", "The scheme version is in use and cannot change"


def check(definition: SchemeDefinition, pointer: str = "#/body/definition") -> None:
    """Refuses a definition that does not hold together, naming the first field."""
    if found := rules.problems(definition):
        raise InvalidInput.each([(pointer + at, why) for at, why in found])


@cache
def shipped() -> tuple[SchemeDefinition, ...]:
    """The schemes shipped with the service (`schemes/scheme_*.json`), checked."""
    definitions = []
    for path in sorted(SHIPPED.glob("scheme_*.json")):
        definition = SchemeDefinition.model_validate_json(path.read_text(encoding="utf-8"))
        if found := rules.problems(definition):
            raise ValueError(f"{path.name}: {[(at, why.message()) for at, why in found]}")
        definitions.append(definition)
    return tuple(definitions)


def _row(definition: SchemeDefinition, **extra: Any) -> dict[str, Any]:
    return {
        "code": definition.code,
        "title": definition.title,
        "year_from": definition.year_from,
        "year_to": definition.year_to,
        "definition": definition.model_dump(mode="json"),
        **extra,
    }


async def load_shipped(session: AsyncSession) -> int:
    """Adds version 1 of each shipped scheme that the database does not hold; run at
    every start, by every replica at once, so it inserts or does nothing."""
    table = SchemeVersion.__table__  # type: ignore[attr-defined]
    added = 0
    for definition in shipped():
        row = _row(definition, id=uuid.uuid4(), version=1, created_by=SHIPPED_BY)
        result = await session.execute(
            insert(table).values(**row).on_conflict_do_nothing(index_elements=["code", "version"])
        )
        added += result.rowcount  # type: ignore[attr-defined]
    return added


def definition_of(scheme: SchemeVersion) -> SchemeDefinition:
    return SchemeDefinition.model_validate(scheme.definition)


async def list_versions(session: AsyncSession, code: str | None = None) -> list[SchemeVersion]:
    query = select(SchemeVersion).order_by(col(SchemeVersion.code), col(SchemeVersion.version))
    if code is not None:
        query = query.where(SchemeVersion.code == code)
    return list((await session.execute(query)).scalars())


async def latest_versions(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(
        select(col(SchemeVersion.code), func.max(SchemeVersion.version)).group_by(
            col(SchemeVersion.code)
        )
    )
    return {code: version for code, version in rows.all()}


async def get_version(
    *, session: AsyncSession, scheme_id: uuid.UUID, for_update: bool = False
) -> SchemeVersion:
    query = select(SchemeVersion).where(SchemeVersion.id == scheme_id)
    if for_update:
        query = query.with_for_update()
    scheme = (await session.execute(query)).scalar_one_or_none()
    if scheme is None:
        raise NotFound(f"No scheme {scheme_id}.")
    return scheme


def _same_kind(scheme: SchemeVersion, definition: SchemeDefinition) -> None:
    """A scheme keeps what it assesses: its assessments are of that kind of unit."""
    kind = definition_of(scheme).kind
    if definition.kind != kind:
        raise InvalidInput.field(
            "#/body/definition/kind",
            f"{scheme.code} is a {kind} scheme.",
            code="scheme_kind_fixed",
            kind=kind.value,
        )


async def new_version(
    *,
    session: AsyncSession,
    base: SchemeVersion,
    definition: SchemeDefinition,
    reason: str,
    actor: Principal,
) -> SchemeVersion:
    """A corrected scheme, as the next version of `base`'s scheme; `base` stays."""
    if definition.code != base.code:
        raise InvalidInput.field(
            "#/body/definition/code",
            f"A version of {base.code} keeps its code.",
            code="scheme_code_fixed",
            scheme=base.code,
        )
    _same_kind(base, definition)
    check(definition)
    # Two corrections at once: the scheme's versions are numbered under its lock.
    await session.execute(
        select(SchemeVersion.id).where(SchemeVersion.code == base.code).with_for_update()
    )
    latest = await session.scalar(
        select(func.max(SchemeVersion.version)).where(SchemeVersion.code == base.code)
    )
    scheme = SchemeVersion(
        **_row(definition),
        version=(latest or 0) + 1,
        based_on=base.id,
        reason=reason,
        created_by=actor.username,
    )
    session.add(scheme)
    await session.flush()
    return scheme


async def edit(
    *,
    session: AsyncSession,
    scheme: SchemeVersion,
    definition: SchemeDefinition,
    reason: str,
    actor: Principal,
) -> SchemeVersion:
    """Changes a version no assessment uses yet, in place; a frozen one is refused."""
    if scheme.frozen:
        raise SchemeFrozen(
            f"{scheme.code} version {scheme.version} is used by an assessment; "
            "post the change to …/versions to make a new version."
        )
    if definition.code != scheme.code:
        raise InvalidInput.field(
            "#/body/definition/code",
            f"The scheme is {scheme.code}.",
            code="scheme_code_fixed",
            scheme=scheme.code,
        )
    _same_kind(scheme, definition)
    check(definition)
    for key, value in _row(definition).items():
        setattr(scheme, key, value)
    scheme.reason, scheme.created_by = reason, actor.username
    scheme.row_version += 1
    session.add(scheme)
    await session.flush()
    return scheme


async def freeze(session: AsyncSession, scheme_id: uuid.UUID) -> SchemeVersion:
    """Marks the version as used (under its row lock, so an edit in flight waits)."""
    await session.execute(
        update(SchemeVersion)
        .where(col(SchemeVersion.id) == scheme_id, col(SchemeVersion.frozen).is_(False))
        .values(frozen=True, row_version=SchemeVersion.row_version + 1)
        .execution_options(synchronize_session=False)
    )
    query = select(SchemeVersion).where(SchemeVersion.id == scheme_id)
    return (await session.execute(query.execution_options(populate_existing=True))).scalar_one()
