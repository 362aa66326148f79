"""Attachments: checked against their content, checksummed, sealed in the store."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.attachments.rules import (
    UNKNOWN,
    clean_filename,
    extension_fits,
    macro_extension,
    macros_in,
    sniff,
    two_types,
)
from apik_intake.attachments.service.sealing import SealedStore, UnreadableAttachment
from apik_intake.models import Attachment, Report
from apik_shared.platform.problems import InvalidInput, NotFound, PayloadTooLarge, Problem


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


def check_filename(filename: str, pointer: str = "#/query/filename") -> str:
    """The name as stored (`clean_filename`: what would break a header or fool a reader
    removed); refused when it names folders (browsers send the plain name, so a path is
    a client's mistake or a probe) or when nothing of a name is left."""
    name = clean_filename(filename)
    if not name or any(separator in filename for separator in "/\\"):
        raise InvalidInput.field(pointer, "Give the file's plain name, e.g. ktp.pdf.")
    return name


@dataclass(frozen=True)
class CheckedFile:
    """A file that passed every check, ready to store."""

    name: str
    media_type: str
    data: bytes
    sha256: str


def check_file(
    *,
    filename: str,
    data: bytes,
    allowed: Sequence[str],
    max_bytes: int,
    content_pointer: str = "#/body",
    name_pointer: str = "#/query/filename",
) -> CheckedFile:
    """The name, size and content (sniffed, never trusted from the name) of one file; a
    problem naming the pointers given (the upload's body and query, or a form's part)."""
    name = check_filename(filename, name_pointer)
    if not data:
        raise InvalidInput.field(content_pointer, "The file is empty.")
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"An attachment may have at most {max_bytes} bytes.",
            errors=[{"pointer": content_pointer, "detail": f"more than {max_bytes} bytes"}],
        )
    media_type = sniff(data)
    # Before the type check: a macro-laden .doc or an HTML page with a PDF header is
    # refused as what it is, not merely as a type we do not take.
    if (macros := macros_in(data, media_type)) is not None:
        raise InvalidInput.field(
            content_pointer, f"Office files with macros are not accepted: this one has {macros}."
        )
    if (both := two_types(data, media_type)) is not None:
        raise InvalidInput.field(
            content_pointer, f"The file is {both} at once; send a plain scan or document."
        )
    if macro_extension(name):
        raise InvalidInput.field(name_pointer, "Office files with macros are not accepted.")
    if media_type == UNKNOWN or media_type not in allowed:
        raise UnsupportedAttachment(
            f"The content is {media_type}, which is not accepted.",
            errors=[{"pointer": content_pointer, "detail": f"content is {media_type}"}],
        )
    if not extension_fits(name, media_type):
        raise UnsupportedAttachment(
            f"The file is named {name!r} but its content is {media_type}.",
            errors=[{"pointer": name_pointer, "detail": f"content is {media_type}"}],
        )
    return CheckedFile(name, media_type, data, hashlib.sha256(data).hexdigest())


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
