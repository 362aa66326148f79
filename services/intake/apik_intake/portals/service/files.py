"""The files a pulled complaint names, fetched from its portal and stored with the
report's attachments.

Registering the complaint records each file the portal lists as `waiting`
(`portal_file`, unique per report and the portal's file id: a complaint announced twice
lists its files once), so the report never waits for them. A job claims the due ones
`FOR UPDATE SKIP LOCKED` (replicas side by side never fetch one twice) and fetches each
under the rules of an outbound request (`apik_shared.platform.targets`: https, public
addresses only, unless the deployment allows otherwise), reading no more than the
attachment limit; the content passes the checks of the report's own attachments
(`apik_shared.platform.uploads.check_file`: sniffed type, size, macros) and is sealed in
the store like any upload, in the transaction that marks the file `stored`. A file the
rules refuse is `refused` with the reason and never tried again; a portal that does not
answer is tried again on `APIK_PORTAL_FILE_RETRY_SECONDS`, then the file is `failed`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col, select

from apik_intake.attachments.service import SealedStore, store_attachment
from apik_intake.models import PortalFile, PortalOrigin, Report
from apik_intake.portals import rules
from apik_intake.settings import Settings
from apik_shared.platform import targets
from apik_shared.platform.problems import Problem
from apik_shared.platform.uploads import check_file

ERROR_CHARS = 500


async def file_refs_added(
    *, session: AsyncSession, report_id: uuid.UUID, content: dict[str, Any], limit: int
) -> int:
    """The complaint's files recorded as waiting (each once). Returns how many it lists."""
    refs = rules.file_refs(content, limit)
    if refs:
        await session.execute(
            pg_insert(PortalFile)
            .values(
                [
                    {
                        "id": uuid.uuid4(),
                        "report_id": report_id,
                        "file_id": ref.file_id,
                        "filename": ref.filename,
                        "url": ref.url,
                        "status": "waiting",
                        "attempts": 0,
                        "next_attempt_at": datetime.now(UTC),
                    }
                    for ref in refs
                ]
            )
            .on_conflict_do_nothing(index_elements=["report_id", "file_id"])
        )
    return len(refs)


@dataclass
class FetchedFiles:
    stored: int = 0
    retried: int = 0
    refused: int = 0
    failed: int = 0

    def __bool__(self) -> bool:
        return bool(self.stored or self.retried or self.refused or self.failed)

    @property
    def taken(self) -> int:
        return self.stored + self.retried + self.refused + self.failed


class _Refused(Exception):
    """Not to be tried again: the reason."""


class _Retry(Exception):
    """A later try may succeed: the reason."""


async def _download(client: httpx.AsyncClient, file: PortalFile, settings: Settings) -> bytes:
    try:
        await targets.check_target(
            file.url,
            allow_private=settings.portal_file_allow_private,
            allow_http=settings.portal_file_allow_http,
        )
    except targets.BadTarget as exc:
        raise _Refused(f"refused address: {exc}") from exc
    limit = settings.attachment_max_bytes
    try:
        async with client.stream(
            "GET", file.url, timeout=settings.portal_file_timeout_seconds, follow_redirects=False
        ) as response:
            if response.status_code in rules.RETRYABLE_STATUSES:
                raise _Retry(f"the portal answered {response.status_code}")
            if response.status_code != 200:
                raise _Refused(f"the portal answered {response.status_code}")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > limit:
                    raise _Refused(f"larger than {limit} bytes")
            return bytes(body)
    except httpx.HTTPError as exc:
        raise _Retry(f"{type(exc).__name__}: {exc}") from exc


async def _fetch_one(
    session: AsyncSession,
    *,
    file: PortalFile,
    report: Report,
    portal: str,
    vault: SealedStore,
    client: httpx.AsyncClient,
    settings: Settings,
    now: datetime,
    done: FetchedFiles,
) -> None:
    file.attempts += 1
    try:
        data = await _download(client, file, settings)
        checked = check_file(
            filename=file.filename,
            data=data,
            allowed=settings.attachment_types,
            max_bytes=settings.attachment_max_bytes,
        )
    except _Retry as exc:
        file.error = str(exc)[:ERROR_CHARS]
        again = rules.file_retry_at(file.attempts, settings.portal_file_retry_seconds, now)
        if again is None:
            file.status = "failed"
            done.failed += 1
        else:
            file.next_attempt_at = again
            done.retried += 1
        return
    except (_Refused, Problem) as exc:
        file.status, file.error = "refused", str(exc)[:ERROR_CHARS]
        done.refused += 1
        return
    attachment = await store_attachment(
        session=session, vault=vault, report=report, file=checked, uploaded_by=f"portal:{portal}"
    )
    file.status, file.error, file.attachment_id = "stored", None, attachment.id
    done.stored += 1


async def fetch_due_files(
    *,
    session: AsyncSession,
    vault: SealedStore,
    client: httpx.AsyncClient,
    settings: Settings,
    now: datetime,
) -> FetchedFiles:
    """A batch of the files due now, each fetched and its row updated."""
    claimed = (
        await session.execute(
            select(PortalFile, Report, col(PortalOrigin.portal))
            .join(Report, col(Report.id) == col(PortalFile.report_id))
            .join(PortalOrigin, col(PortalOrigin.report_id) == col(PortalFile.report_id))
            .where(col(PortalFile.status) == "waiting", col(PortalFile.next_attempt_at) <= now)
            .order_by(col(PortalFile.next_attempt_at))
            .limit(settings.portal_file_batch)
            .with_for_update(of=PortalFile, skip_locked=True)
        )
    ).all()
    done = FetchedFiles()
    for file, report, portal in claimed:
        await _fetch_one(
            session,
            file=file,
            report=report,
            portal=portal,
            vault=vault,
            client=client,
            settings=settings,
            now=now,
            done=done,
        )
    await session.flush()
    return done
