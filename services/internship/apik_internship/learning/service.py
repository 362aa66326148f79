"""The learning library (materials and their versions), interns' acknowledgements, and
the modules' test results. Keyword-only use cases that add and flush, never commit."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.applications.rules import ApplicationStatus
from apik_internship.learning.rules import MaterialKind
from apik_internship.learning.schemas import MaterialCreate, ResultWrite
from apik_internship.models import (
    Application,
    LearningAcknowledgement,
    LearningMaterial,
    LearningResult,
    LearningVersion,
)
from apik_internship.refusals import InternshipStepRefused
from apik_shared.platform.auth import Principal
from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    PayloadTooLarge,
)
from apik_shared.platform.uploads import check_file


async def read_limited(chunks: AsyncIterator[bytes], max_bytes: int) -> bytes:
    """A file sent as the body, refused as soon as it passes the limit."""
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > max_bytes:
            raise PayloadTooLarge.over(f"The file may have at most {max_bytes} bytes.", max_bytes)
    if not body:
        raise InvalidInput.field("#/body", "The file is empty.", code="file_empty")
    return bytes(body)


async def create_material(
    *, session: AsyncSession, data: MaterialCreate, actor: Principal
) -> LearningMaterial:
    material = LearningMaterial(
        office=actor.office,
        kind=data.kind.value,
        title=data.title,
        created_by=actor.username,
        created_at=datetime.now(UTC),
    )
    session.add(material)
    await session.flush()
    return material


async def list_materials(*, session: AsyncSession, office: str) -> Sequence[LearningMaterial]:
    rows = await session.scalars(
        select(LearningMaterial)
        .where(LearningMaterial.office == office)
        .order_by(col(LearningMaterial.kind), col(LearningMaterial.title))
    )
    return rows.all()


async def get_material(
    *, session: AsyncSession, material_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> LearningMaterial:
    """The material, if it is of the caller's office (the same 404 otherwise)."""
    material = await session.get(LearningMaterial, material_id, with_for_update=for_update)
    if material is None or not actor.can_see_office(material.office):
        raise NotFound(f"No learning material {material_id}.")
    return material


async def publish_version(
    *,
    session: AsyncSession,
    material: LearningMaterial,
    filename: str,
    note: str | None,
    data: bytes,
    allowed: Sequence[str],
    max_bytes: int,
    actor: Principal,
) -> LearningVersion:
    """The material's next version (the material row locked: numbers never collide)."""
    checked = check_file(filename=filename, data=data, allowed=allowed, max_bytes=max_bytes)
    material.latest_version += 1
    version = LearningVersion(
        material_id=material.id,
        number=material.latest_version,
        note=note,
        filename=checked.name,
        media_type=checked.media_type,
        size=len(checked.data),
        sha256=checked.sha256,
        content=checked.data,
        published_by=actor.username,
        published_at=datetime.now(UTC),
    )
    session.add_all([material, version])
    await session.flush()
    return version


async def list_versions(
    *, session: AsyncSession, material: LearningMaterial
) -> Sequence[LearningVersion]:
    rows = await session.scalars(
        select(LearningVersion)
        .where(LearningVersion.material_id == material.id)
        .order_by(col(LearningVersion.number).desc())
    )
    return rows.all()


async def get_version(
    *, session: AsyncSession, version_id: uuid.UUID, actor: Principal
) -> tuple[LearningVersion, LearningMaterial]:
    found = (
        await session.execute(
            select(LearningVersion, LearningMaterial)
            .join(LearningMaterial, LearningMaterial.id == LearningVersion.material_id)  # type: ignore[arg-type]
            .where(LearningVersion.id == version_id)
        )
    ).first()
    if found is None or not actor.can_see_office(found[1].office):
        raise NotFound(f"No version {version_id}.")
    return found[0], found[1]


async def acknowledge(
    *, session: AsyncSession, version: LearningVersion, intern: Application
) -> tuple[LearningAcknowledgement, bool]:
    """The intern's acknowledgement of the version, and whether it is new (a second one
    changes nothing: the first time is when they read it)."""
    inserted = await session.scalar(
        insert(LearningAcknowledgement)
        .values(
            version_id=version.id,
            application_id=intern.id,
            acknowledged_at=datetime.now(UTC),
        )
        .on_conflict_do_nothing()
        .returning(col(LearningAcknowledgement.version_id))
    )
    row = await session.get(LearningAcknowledgement, (version.id, intern.id))
    assert row is not None
    return row, inserted is not None


async def acknowledgements(
    *, session: AsyncSession, version: LearningVersion
) -> Sequence[LearningAcknowledgement]:
    rows = await session.scalars(
        select(LearningAcknowledgement)
        .where(LearningAcknowledgement.version_id == version.id)
        .order_by(col(LearningAcknowledgement.acknowledged_at))
    )
    return rows.all()


async def record_result(
    *,
    session: AsyncSession,
    material: LearningMaterial,
    application_id: uuid.UUID,
    data: ResultWrite,
    check_version: Callable[[int], None],
    actor: Principal,
) -> LearningResult:
    """Records (or corrects) an intern's scores on a module of the office; a correction
    is checked against `If-Match` by `check_version` (the row locked first)."""
    if material.kind != MaterialKind.module:
        raise InternshipStepRefused("Only a module has pre- and post-tests.", code="not_a_module")
    application = await session.get(Application, application_id)
    if (
        application is None
        or application.office != material.office
        or application.status != ApplicationStatus.accepted
    ):
        raise NotFound(f"No accepted intern {application_id} at office {material.office}.")
    result = await session.get(LearningResult, (material.id, application_id), with_for_update=True)
    if result is None:
        result = LearningResult(
            material_id=material.id,
            application_id=application_id,
            office=material.office,
            max_score=data.max_score,
            recorded_by=actor.username,
        )
    else:
        check_version(result.version)
        result.version += 1
    result.max_score = data.max_score
    result.pre_score = data.pre_score
    result.post_score = data.post_score
    result.recorded_by = actor.username
    result.recorded_at = datetime.now(UTC)
    session.add(result)
    await session.flush()
    return result


async def results(
    *, session: AsyncSession, material: LearningMaterial, application_id: uuid.UUID | None = None
) -> Sequence[LearningResult]:
    query = select(LearningResult).where(LearningResult.material_id == material.id)
    if application_id is not None:
        query = query.where(LearningResult.application_id == application_id)
    return (await session.scalars(query.order_by(col(LearningResult.recorded_at)))).all()


async def results_of_intern(
    *, session: AsyncSession, intern: Application
) -> dict[uuid.UUID, LearningResult]:
    rows = await session.scalars(
        select(LearningResult).where(LearningResult.application_id == intern.id)
    )
    return {r.material_id: r for r in rows}


async def latest_versions(
    *, session: AsyncSession, materials: Sequence[LearningMaterial], intern: Application
) -> dict[uuid.UUID, tuple[uuid.UUID, bool]]:
    """Each material's latest version id and whether the intern acknowledged it."""
    if not materials:
        return {}
    by_number = {(m.id, m.latest_version): m.id for m in materials if m.latest_version}
    rows = await session.execute(
        select(LearningVersion.id, LearningVersion.material_id, LearningVersion.number).where(
            col(LearningVersion.material_id).in_([m.id for m in materials])
        )
    )
    latest = {
        material: version for version, material, number in rows if (material, number) in by_number
    }
    acknowledged = set(
        await session.scalars(
            select(LearningAcknowledgement.version_id).where(
                LearningAcknowledgement.application_id == intern.id,
                col(LearningAcknowledgement.version_id).in_(list(latest.values())),
            )
        )
    )
    return {m: (v, v in acknowledged) for m, v in latest.items()}
