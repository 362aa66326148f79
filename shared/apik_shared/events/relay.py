"""The outbox relay: publishes committed outbox rows to JetStream, then marks them sent.

Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several replicas relay side by side
without publishing the same row twice at the same time. Each message carries
`Nats-Msg-Id` = event id: if we crash after publishing but before marking, the retry is
dropped by the stream's duplicate window, and consumers are idempotent beyond it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

from nats.js import JetStreamContext
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apik_shared.tables import outbox

log = logging.getLogger("apik.outbox")
BATCH_SIZE = 500


class OutboxRelay:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        jetstream: Callable[[], Awaitable[JetStreamContext]],
        poll_seconds: float = 1.0,
        publish_timeout: float = 5.0,
    ) -> None:
        self._sessions = sessions
        self._jetstream = jetstream
        self._poll_seconds = poll_seconds
        self._publish_timeout = publish_timeout
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        failures = 0
        while True:
            # Cleared before the pass, not after: a commit during the pass wakes the next
            # one at once instead of waiting for the poll.
            self._wake.clear()
            try:
                js = await self._jetstream()
                sent, complete = await self.relay_batch(js)
                failures = 0 if complete else failures + 1
                if sent == BATCH_SIZE and complete:
                    continue  # more may be waiting: drain before sleeping
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                log.exception("outbox relay failed; retrying")
            await self._sleep(min(self._poll_seconds * 2**failures, 30) if failures else None)

    async def _sleep(self, backoff: float | None) -> None:
        if backoff:  # after a failure, only a commit from now on cuts the wait short
            self._wake.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), backoff or self._poll_seconds)

    async def relay_batch(self, js: JetStreamContext) -> tuple[int, bool]:
        """Publishes one batch; returns (rows sent, whether every claimed row was sent)."""
        async with self._sessions() as session, session.begin():
            rows = (
                await session.execute(
                    select(outbox.c.id, outbox.c.subject, outbox.c.payload)
                    .where(outbox.c.sent_at.is_(None))
                    .order_by(outbox.c.created_at)
                    .limit(BATCH_SIZE)
                    .with_for_update(skip_locked=True)
                )
            ).all()
            if not rows:
                return 0, True
            results = await asyncio.gather(
                *(
                    js.publish(
                        row.subject,
                        row.payload,
                        timeout=self._publish_timeout,
                        headers={"Nats-Msg-Id": row.id},
                    )
                    for row in rows
                ),
                return_exceptions=True,
            )
            sent = [
                row.id
                for row, result in zip(rows, results, strict=True)
                if not isinstance(result, BaseException)
            ]
            failed = [
                (row.id, result)
                for row, result in zip(rows, results, strict=True)
                if isinstance(result, BaseException)
            ]
            # Marking rows sent need not wait for the disk: a mark lost in a crash means a
            # second publish, which the stream drops (same Nats-Msg-Id) or, past its
            # window, the consumers' inbox does.
            await session.execute(text("SET LOCAL synchronous_commit = off"))
            if sent:
                await session.execute(
                    update(outbox).where(outbox.c.id.in_(sent)).values(sent_at=func.now())
                )
            for row_id, error in failed:
                await session.execute(
                    update(outbox)
                    .where(outbox.c.id == row_id)
                    .values(attempts=outbox.c.attempts + 1, last_error=repr(error)[:500])
                )
            if failed:
                log.warning("outbox: %d of %d events not published yet", len(failed), len(rows))
            return len(sent), not failed
