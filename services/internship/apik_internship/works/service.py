"""Works: the intern records a work and uploads its files (checked as the applications'
letters are, sealed at rest); the supervisor shares masked case material with it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_internship.models import Application, Work, WorkFile
from apik_internship.works import rules
from apik_internship.works.rules import WorkKind
from apik_shared.platform.auth import Principal
from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.problems import NotFound, PayloadTooLarge
from apik_shared.platform.uploads import check_file


def file_context(file_id: uuid.UUID) -> str:
    return f"work-file:{file_id}:content"


async def read_limited(chunks: AsyncIterator[bytes], max_bytes: int) -> bytes:
    """The body, refused as soon as it passes the limit (never held whole when too big)."""
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > max_bytes:
            raise PayloadTooLarge.over(
                f"A work's file may have at most {max_bytes} bytes.", max_bytes
            )
    return bytes(body)


async def create_work(
    *,
    session: AsyncSession,
    application: Application,
    kind: WorkKind,
    title: str,
    description: str | None,
) -> Work:
    work = Work(
        application_id=application.id,
        office=application.office,
        kind=kind.value,
        title=title,
        description=description,
    )
    session.add(work)
    await session.flush()
    return work


async def own_work(*, session: AsyncSession, application: Application, work_id: uuid.UUID) -> Work:
    """One of the intern's own works (404 for anyone else's)."""
    work = await session.get(Work, work_id)
    if work is None or work.application_id != application.id:
        raise NotFound(f"No work {work_id} of yours.")
    return work


async def office_work(
    *, session: AsyncSession, work_id: uuid.UUID, actor: Principal, for_update: bool = False
) -> Work:
    work = await session.get(Work, work_id, with_for_update=for_update)
    if work is None or not actor.can_see_office(work.office):
        raise NotFound(f"No work {work_id}.")
    return work


async def add_file(
    *,
    session: AsyncSession,
    cipher: FieldCipher,
    work: Work,
    filename: str,
    data: bytes,
    allowed: Sequence[str],
    max_bytes: int,
) -> WorkFile:
    """A file of the work: name, size and content checked (content sniffed), sealed."""
    checked = check_file(filename=filename, data=data, allowed=allowed, max_bytes=max_bytes)
    file_id = uuid.uuid4()
    row = WorkFile(
        id=file_id,
        work_id=work.id,
        filename=checked.name,
        media_type=checked.media_type,
        size=len(checked.data),
        sha256=checked.sha256,
        content=cipher.encrypt(checked.data, context=file_context(file_id)),
    )
    session.add(row)
    await session.flush()
    return row


async def read_file(
    *, session: AsyncSession, cipher: FieldCipher, work: Work, file_id: uuid.UUID
) -> tuple[WorkFile, bytes]:
    row = await session.get(WorkFile, file_id)
    if row is None or row.work_id != work.id:
        raise NotFound(f"No file {file_id} in this work.")
    return row, cipher.decrypt(row.content, context=file_context(row.id))


async def share_material(
    *,
    session: AsyncSession,
    work: Work,
    case_reference: str,
    material: str,
    names: Sequence[str],
    actor: Principal,
) -> Work:
    """Shares case material with the intern, masked before it is stored (the text as
    the supervisor wrote it is kept nowhere)."""
    work.case_reference = case_reference
    work.shared_material = rules.masked_material(material, names)
    work.shared_by = actor.username
    work.shared_at = datetime.now(UTC)
    work.version += 1
    session.add(work)
    await session.flush()
    return work


async def list_works(
    *,
    session: AsyncSession,
    office: str | None,
    application_id: uuid.UUID | None,
) -> list[tuple[Work, list[WorkFile]]]:
    """Works, newest first, each with its files (their metadata)."""
    query = select(Work).order_by(col(Work.created_at).desc(), col(Work.id))
    if office is not None:
        query = query.where(Work.office == office)
    if application_id is not None:
        query = query.where(Work.application_id == application_id)
    works = list((await session.execute(query.limit(500))).scalars())
    files = await session.execute(
        select(WorkFile)
        .where(col(WorkFile.work_id).in_([w.id for w in works]))
        .order_by(col(WorkFile.uploaded_at), col(WorkFile.id))
    )
    by_work: dict[uuid.UUID, list[WorkFile]] = {w.id: [] for w in works}
    for f in files.scalars():
        by_work[f.work_id].append(f)
    return [(w, by_work[w.id]) for w in works]


async def files_of(*, session: AsyncSession, work: Work) -> list[WorkFile]:
    rows = await session.execute(
        select(WorkFile)
        .where(WorkFile.work_id == work.id)
        .order_by(col(WorkFile.uploaded_at), col(WorkFile.id))
    )
    return list(rows.scalars())
