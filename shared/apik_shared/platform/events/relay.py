"""The outbox relay: publishes committed outbox rows to JetStream, then deletes them.

Two paths, one guarantee. The fast path: right after a commit the outbox hands the
relay the rows it committed (`handoff`), and the relay publishes them at once, with no
read of the table. The safety net: a poll of the table (every `poll_seconds`, and on
`wake`) publishes whatever is still unsent: rows of a process that died before
publishing, rows that waited while NATS was away, rows added inside a savepoint.

Rows are polled with `FOR UPDATE SKIP LOCKED`, so several replicas relay side by side
without publishing the same row twice at the same time. Each message carries
`Nats-Msg-Id` = event id: a row published by both paths, or published again after a
crash between publishing and deleting, is dropped by the stream's duplicate window, and
consumers are idempotent beyond it.

The outbox is a queue, not a history: the stream keeps every event for good, so a row
the stream has taken is deleted. A deployment that wants a copy in each service's own
database sets `keep_sent`, and rows are marked sent instead (nothing purges them then).
Deleting is also the cheaper write: a mark changes `sent_at`, which the unsent index's
predicate names, so PostgreSQL copies the whole row with its payload and indexes it again.

The fast path's deletes are batched: a row the stream took waits (at most SETTLE_SECONDS,
at most SETTLE_BATCH rows) to be deleted with the others in one statement and one
transaction, rather than a transaction per commit the relay passed on. Every poll, and a
clean stop, deletes them first. A crash before that publishes them again: the same case
as a crash between publishing and deleting, which the stream and the inboxes absorb.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from nats.js import JetStreamContext
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apik_shared.platform.events.metrics import observe_publish
from apik_shared.platform.events.outbox import Committed
from apik_shared.platform.tables import outbox

log = logging.getLogger("apik.outbox")
BATCH_SIZE = 500
# The fast path holds at most this many rows in memory; past that (a burst while the
# server is slow) the poll takes the rest from the table.
DIRECT_LIMIT = 2_000
# The fast path's rows the stream took are deleted (or marked) together: once this many
# wait, or once the oldest has waited this long.
SETTLE_BATCH = 500
SETTLE_SECONDS = 0.1
# Settling rows need not wait for the disk: a delete or mark lost in a crash means a second
# publish, which the stream drops (same Nats-Msg-Id) or, past its window, the inbox does.
_NO_FSYNC = text("SET LOCAL synchronous_commit = off")
# One array parameter, one plan, however many rows (an IN list is a statement per size).
_DELETE_SENT = text("DELETE FROM outbox WHERE id = ANY(CAST(:ids AS uuid[]))")
_MARK_SENT = text("UPDATE outbox SET sent_at = now() WHERE id = ANY(CAST(:ids AS uuid[]))")


class OutboxRelay:
    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        jetstream: Callable[[], Awaitable[JetStreamContext]],
        connected: Callable[[], bool] = lambda: True,
        poll_seconds: float = 1.0,
        publish_timeout: float = 5.0,
        keep_sent: bool = False,
        service: str = "",
    ) -> None:
        self.service = service  # the label of its metrics
        self._sessions = sessions
        self._jetstream = jetstream
        self._connected = connected
        self._poll_seconds = poll_seconds
        self._publish_timeout = publish_timeout
        self._settle = _MARK_SENT if keep_sent else _DELETE_SENT
        self._wake = asyncio.Event()
        self._poll_due = True
        self._direct: list[Committed] = []
        self._in_flight: set[str] = set()  # on the fast path, not published yet
        self._unsettled: list[str] = []  # taken by the stream, not deleted yet
        self._settle_by: float | None = None  # when the oldest of them must be

    def wake(self) -> None:
        """Polls the table now rather than at the next interval."""
        self._poll_due = True
        self._wake.set()

    def handoff(self, rows: Sequence[Committed]) -> None:
        """Rows a commit of this process has just made durable: published at once."""
        if not rows:
            self.wake()  # events added in a savepoint: the poll publishes them
            return
        if self._connected() and len(self._direct) + len(rows) <= DIRECT_LIMIT:
            self._direct.extend(rows)
            self._wake.set()
        # else NATS is away or the fast path is full: the poll will find the rows.

    async def run(self) -> None:
        failures = 0
        while True:
            # Cleared before the pass, not after: a commit during the pass wakes the next
            # one at once instead of waiting for the poll.
            self._wake.clear()
            more = False
            try:
                js = await self._jetstream()
                if self._direct:
                    rows, self._direct = self._direct, []
                    await self.publish_direct(js, rows)
                if self._poll_due:
                    self._poll_due = False
                    await self.settle()  # so the poll does not find them unsent
                    sent, complete = await self.relay_batch(js)
                    failures = 0 if complete else failures + 1
                    more = sent == BATCH_SIZE and complete  # more may be waiting
                    self._poll_due = more
            except asyncio.CancelledError:
                raise
            except Exception:
                failures += 1
                log.exception("outbox relay failed; retrying")
            if more or self._direct:
                continue
            if not failures and self._settle_due() == 0:
                try:
                    await self.settle()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    failures += 1
                    log.exception("outbox relay could not delete sent rows; retrying")
            await self._sleep(min(self._poll_seconds * 2**failures, 30) if failures else None)

    def _settle_due(self) -> float | None:
        """Seconds until the waiting deletes are due (0: now); None when none wait."""
        if self._settle_by is None:
            return None
        return max(0.0, self._settle_by - asyncio.get_running_loop().time())

    async def _sleep(self, backoff: float | None) -> None:
        if backoff:  # after a failure, only a commit from now on cuts the wait short
            self._wake.clear()
        wait = backoff or self._poll_seconds
        settle_in = self._settle_due()
        if settle_in is not None and settle_in < wait:
            # Woken for the deletes, not for the poll: its interval is not over.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), settle_in)
            return
        try:
            await asyncio.wait_for(self._wake.wait(), wait)
        except TimeoutError:
            self._poll_due = True

    async def settle(self) -> None:
        """Deletes (or marks) every fast-path row the stream has taken, in one statement.
        On failure they keep waiting; meanwhile a poll may publish them again, which the
        stream's duplicate window drops."""
        if not self._unsettled:
            return
        ids = list(self._unsettled)
        async with self._sessions() as session, session.begin():
            await session.execute(_NO_FSYNC)
            await session.execute(self._settle, {"ids": ids})
        self._unsettled = self._unsettled[len(ids) :]  # those added meanwhile wait
        self._settle_by = (
            asyncio.get_running_loop().time() + SETTLE_SECONDS if self._unsettled else None
        )

    async def publish_direct(self, js: JetStreamContext, rows: Sequence[Committed]) -> None:
        """Publishes rows known to be committed; those the stream took wait to be settled
        together (`settle`)."""
        self._in_flight.update(row.id for row in rows)
        try:
            sent, failed = await self._publish(js, rows, path="direct")
            if sent:
                if self._settle_by is None:
                    self._settle_by = asyncio.get_running_loop().time() + SETTLE_SECONDS
                self._unsettled.extend(sent)
                if len(self._unsettled) >= SETTLE_BATCH:
                    await self.settle()
            if failed:  # left unsent in the table: the poll retries them
                log.warning("outbox: %d events not published yet", len(failed))
                self._poll_due = True
        finally:
            self._in_flight.difference_update(row.id for row in rows)

    async def relay_batch(self, js: JetStreamContext) -> tuple[int, bool]:
        """Publishes one batch; returns (rows sent, whether every claimed row was sent)."""
        async with self._sessions() as session, session.begin():
            query = (
                select(outbox.c.id, outbox.c.subject, outbox.c.payload)
                .where(outbox.c.sent_at.is_(None))
                .order_by(outbox.c.created_at)
                .limit(BATCH_SIZE)
                .with_for_update(skip_locked=True)
            )
            if self._in_flight:  # the fast path is publishing these right now
                query = query.where(outbox.c.id.not_in(list(self._in_flight)))
            rows = [
                Committed(row.id, row.subject, row.payload)
                for row in (await session.execute(query)).all()
            ]
            if not rows:
                return 0, True
            sent, failed = await self._publish(js, rows, path="poll")
            await session.execute(_NO_FSYNC)
            if sent:
                await session.execute(self._settle, {"ids": sent})
            for row_id, error in failed:
                await session.execute(
                    update(outbox)
                    .where(outbox.c.id == row_id)
                    .values(attempts=outbox.c.attempts + 1, last_error=repr(error)[:500])
                )
            if failed:
                log.warning("outbox: %d of %d events not published yet", len(failed), len(rows))
            return len(sent), not failed

    async def _publish(
        self, js: JetStreamContext, rows: Sequence[Committed], *, path: str
    ) -> tuple[list[str], list[tuple[str, BaseException]]]:
        """Publishes every row before waiting for any acknowledgement (one shared reply
        subscription, no task or timer per message); a row not acknowledged in time
        counts as failed.

        No `wait_stall`: nats-py would wrap each publish's place in its pending window
        in a task with a timer. A relay never fills that window: it holds one batch at a
        time (at most DIRECT_LIMIT rows, below nats-py's 4,000) and frees every place
        before the next, answered or cancelled."""
        pending: dict[str, asyncio.Future[Any]] = {}
        failed: list[tuple[str, BaseException]] = []
        started = time.perf_counter()
        for row in rows:
            try:
                pending[row.id] = await js.publish_async(
                    row.subject,
                    row.payload,
                    headers={"Nats-Msg-Id": row.id},
                )
            except Exception as exc:  # the connection is gone, or too many unanswered
                failed.append((row.id, exc))
        if pending:
            _, late = await asyncio.wait(pending.values(), timeout=self._publish_timeout)
            for future in late:
                future.cancel()  # also frees its place among nats-py's pending publishes
        sent = []
        for row_id, future in pending.items():
            if future.cancelled():
                failed.append((row_id, TimeoutError("no acknowledgement from JetStream")))
            elif future.exception() is not None:
                failed.append((row_id, future.exception()))  # type: ignore[arg-type]
            else:
                sent.append(row_id)
        observe_publish(self.service, path, time.perf_counter() - started, len(sent), len(failed))
        return sent, failed
