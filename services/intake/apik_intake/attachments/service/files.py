"""Attachments: checked against their content (`apik_shared.platform.uploads`, which the
internship service's letters share), checksummed, sealed in the store."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.attachments.service.sealing import SealedStore, UnreadableAttachment
from apik_intake.models import Attachment, PortalFile, Report
from apik_shared.platform.problems import InvalidInput, NotFound, PayloadTooLarge, Problem
from apik_shared.platform.uploads import CheckedFile, check_file


async def read_limited(chunks: AsyncIterator[bytes], max_bytes: int) -> bytes:
    """The body, refused as soon as it passes the limit (never held whole when too big)."""
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > max_bytes:
            raise PayloadTooLarge.over(
                f"An attachment may have at most {max_bytes} bytes.", max_bytes
            )
    if not body:
        raise InvalidInput.field("#/body", "The file is empty.", code="file_empty")
    return bytes(body)


async def store_attachment(
    *,
    session: AsyncSession,
    vault: SealedStore,
    report: Report,
    file: CheckedFile,
    uploaded_by: str,
) -> Attachment:
    key = await vault.put(sha256=file.sha256, data=file.data)
    attachment = Attachment(
        report_id=report.id,
        filename=file.name,
        media_type=file.media_type,
        size=len(file.data),
        sha256=file.sha256,
        storage_key=key,
        uploaded_by=uploaded_by,
        uploaded_at=datetime.now(UTC),
    )
    session.add(attachment)
    await session.flush()
    return attachment


async def add_attachment(
    *,
    session: AsyncSession,
    vault: SealedStore,
    report: Report,
    filename: str,
    data: bytes,
    allowed: Sequence[str],
    max_bytes: int,
    uploaded_by: str,
) -> Attachment:
    checked = check_file(filename=filename, data=data, allowed=allowed, max_bytes=max_bytes)
    return await store_attachment(
        session=session, vault=vault, report=report, file=checked, uploaded_by=uploaded_by
    )


async def list_attachments(*, session: AsyncSession, report_id: uuid.UUID) -> list[Attachment]:
    rows = await session.execute(
        select(Attachment)
        .where(Attachment.report_id == report_id)
        .order_by(col(Attachment.uploaded_at), col(Attachment.id))
    )
    return list(rows.scalars())


async def list_portal_files(*, session: AsyncSession, report_id: uuid.UUID) -> list[PortalFile]:
    """The files a pulled complaint named, and how far each got (`portals/service/files.py`
    fetches them)."""
    rows = await session.execute(
        select(PortalFile)
        .where(PortalFile.report_id == report_id)
        .order_by(col(PortalFile.filename), col(PortalFile.file_id))
    )
    return list(rows.scalars())


async def get_attachment(
    *, session: AsyncSession, report_id: uuid.UUID, attachment_id: uuid.UUID
) -> Attachment:
    attachment = await session.get(Attachment, attachment_id)
    if attachment is None or attachment.report_id != report_id:
        raise NotFound(f"No attachment {attachment_id} on this report.")
    return attachment


class DamagedAttachment(Problem):
    status, slug, title = 500, "attachment-damaged", "The stored file does not match its checksum"


async def read_content(*, vault: SealedStore, attachment: Attachment) -> bytes:
    """The plain content, checked against the checksum taken at upload."""
    try:
        data = await vault.get(sha256=attachment.sha256, key=attachment.storage_key)
    except UnreadableAttachment as exc:
        raise DamagedAttachment(f"Attachment {attachment.id} does not open: {exc}") from exc
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise DamagedAttachment(f"Attachment {attachment.id} is damaged in the store.")
    return data
