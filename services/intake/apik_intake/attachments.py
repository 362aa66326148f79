"""Attachments: checked against their content, checksummed, kept in the store."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.models import Attachment, Report
from apik_intake.sniff import UNKNOWN, extension_fits, sniff
from apik_intake.storage import AttachmentStore
from apik_shared.problems import InvalidInput, NotFound, PayloadTooLarge, Problem


class UnsupportedAttachment(Problem):
    status, slug, title = 415, "unsupported-media-type", "This kind of file is not accepted"


async def read_limited(chunks: AsyncIterator[bytes], max_bytes: int) -> bytes:
    """The body, refused as soon as it passes the limit (never held whole when too big)."""
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > max_bytes:
            raise PayloadTooLarge(
                f"An attachment may have at most {max_bytes} bytes.",
                errors=[{"pointer": "#/body", "detail": f"more than {max_bytes} bytes"}],
            )
    if not body:
        raise InvalidInput.field("#/body", "The file is empty.")
    return bytes(body)


def check_filename(filename: str) -> str:
    name = filename.strip()
    if not name or len(name) > 255 or any(c in name for c in '/\\\0"') or name in {".", ".."}:
        raise InvalidInput.field("#/query/filename", "Give the file's plain name, e.g. ktp.pdf.")
    return name


async def add_attachment(
    *,
    session: AsyncSession,
    store: AttachmentStore,
    report: Report,
    filename: str,
    data: bytes,
    allowed: Sequence[str],
    uploaded_by: str,
) -> Attachment:
    name = check_filename(filename)
    media_type = sniff(data)
    if media_type == UNKNOWN or media_type not in allowed:
        raise UnsupportedAttachment(
            f"The content is {media_type}, which is not accepted.",
            errors=[{"pointer": "#/body", "detail": f"content is {media_type}"}],
        )
    if not extension_fits(name, media_type):
        raise UnsupportedAttachment(
            f"The file is named {name!r} but its content is {media_type}.",
            errors=[{"pointer": "#/query/filename", "detail": f"content is {media_type}"}],
        )
    digest = hashlib.sha256(data).hexdigest()
    await store.put(digest, data)
    attachment = Attachment(
        report_id=report.id,
        filename=name,
        media_type=media_type,
        size=len(data),
        sha256=digest,
        uploaded_by=uploaded_by,
        uploaded_at=datetime.now(UTC),
    )
    session.add(attachment)
    await session.flush()
    return attachment


async def list_attachments(*, session: AsyncSession, report_id: uuid.UUID) -> list[Attachment]:
    rows = await session.execute(
        select(Attachment)
        .where(Attachment.report_id == report_id)
        .order_by(col(Attachment.uploaded_at), col(Attachment.id))
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


async def read_content(*, store: AttachmentStore, attachment: Attachment) -> bytes:
    data = await store.get(attachment.sha256)
    if hashlib.sha256(data).hexdigest() != attachment.sha256:
        raise DamagedAttachment(f"Attachment {attachment.id} is damaged in the store.")
    return data
