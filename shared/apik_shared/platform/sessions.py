"""Sessions that ended before their tokens expire, as every component keeps them.

The gateway publishes `session.revoked` (logout, a reused refresh token, an account
disabled, its roles or its password changed). Each process follows those events from
the stream into memory and `current_principal` refuses the tokens they name, so a
service refuses a revoked session within the moment the event takes to arrive, without
asking anyone per request.

Nothing is stored: a revocation matters only while a token it names can still be
valid, so a process that starts replays the last `REPLAY_SECONDS` of the stream (an
ordered, ephemeral consumer: every replica sees every revocation) and keeps what has
not yet expired. The gateway caps access tokens at that same length.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import api
from pydantic import ValidationError

from apik_shared.platform.auth import Principal
from apik_shared.platform.events.envelope import STREAM_NAME, CloudEvent, InvalidEnvelope
from apik_shared.platform.events.payloads.gateway import SessionRevoked

log = logging.getLogger("apik.sessions")

# The longest an access token may live, and so how far back a starting process reads.
REPLAY_SECONDS = 24 * 3600
# How long to wait before following again after the subscription failed.
RETRY_SECONDS = 1.0
_PRUNE_EVERY = 60.0


class SessionRevocations:
    """The revocations still in force: ended sessions, and subjects whose earlier
    tokens are all refused."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._sessions: dict[str, float] = {}  # sid -> until (epoch seconds)
        self._subjects: dict[str, tuple[float, float]] = {}  # subject -> (not_before, until)
        self._pruned_at = clock()
        # Set once the replay at start has caught up with the stream.
        self.replayed = asyncio.Event()

    def __len__(self) -> int:
        return len(self._sessions) + len(self._subjects)

    def apply(self, event: SessionRevoked) -> None:
        until = event.until.timestamp()
        if until <= self._clock():
            return  # every token it names has expired
        for sid in event.session_ids:
            self._sessions[sid] = max(until, self._sessions.get(sid, until))
        if event.subject and event.not_before is not None:
            not_before = event.not_before.timestamp()
            before, kept_until = self._subjects.get(event.subject, (not_before, until))
            self._subjects[event.subject] = (max(before, not_before), max(kept_until, until))

    def refuses(self, principal: Principal) -> bool:
        now = self._clock()
        if now - self._pruned_at > _PRUNE_EVERY:
            self._prune(now)
        if principal.session is not None and principal.session in self._sessions:
            return True
        revoked = self._subjects.get(principal.subject)
        if revoked is None:
            return False
        # A token without `iat` cannot show it came after the revocation.
        return principal.issued_at is None or principal.issued_at < revoked[0]

    def _prune(self, now: float) -> None:
        self._sessions = {sid: until for sid, until in self._sessions.items() if until > now}
        self._subjects = {s: kept for s, kept in self._subjects.items() if kept[1] > now}
        self._pruned_at = now

    def take(self, raw: bytes) -> None:
        """One message of the stream; one that cannot be read is logged and skipped."""
        try:
            self.apply(SessionRevoked.model_validate(CloudEvent.from_json(raw).data))
        except (InvalidEnvelope, ValidationError) as exc:
            log.error("unreadable session.revoked event skipped: %s", exc)

    async def follow(
        self,
        connection: Callable[[], Awaitable[Client]],
        *,
        replay_seconds: float = REPLAY_SECONDS,
    ) -> None:
        """Applies the stream's revocations, from `replay_seconds` ago, for as long as
        the app runs; after a failure it follows again from the same point (applying a
        revocation twice changes nothing)."""
        while True:
            try:
                await self._follow_once(await connection(), replay_seconds)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("following session revocations failed (%s); again shortly", exc)
            await asyncio.sleep(RETRY_SECONDS)

    async def _follow_once(self, nc: Client, replay_seconds: float) -> None:
        start = datetime.now(UTC) - timedelta(seconds=replay_seconds)
        subscription = await nc.jetstream().subscribe(
            SessionRevoked.stream_subject(),
            stream=STREAM_NAME,
            ordered_consumer=True,
            config=api.ConsumerConfig(
                deliver_policy=api.DeliverPolicy.BY_START_TIME, opt_start_time=start
            ),
        )
        try:
            _stop_if_cancelled()  # the consumer's creation was a request too
            info = await subscription.consumer_info()
            _stop_if_cancelled()
            # Nothing to replay only when nothing is pending AND nothing was pushed yet:
            # messages already pushed count as delivered (not pending) while they still
            # wait in our queue, and the last of them says "caught up" when taken.
            delivered = info.delivered.consumer_seq if info.delivered else 0
            if not info.num_pending and not delivered:
                self._caught_up()
            async for msg in subscription.messages:
                self.take(msg.data)
                if _pending(msg) == 0:
                    self._caught_up()
        finally:
            # A failed unsubscribe (the connection closing) must not replace the
            # cancellation that got us here, or `follow` would take it for a failure and
            # follow again; a subscription whose connection is gone is gone anyway.
            with contextlib.suppress(Exception):
                await subscription.unsubscribe()

    def _caught_up(self) -> None:
        if not self.replayed.is_set():
            log.info("session revocations replayed: %d in force", len(self))
            self.replayed.set()


def _stop_if_cancelled() -> None:
    """Ends the follower if it was cancelled while awaiting a reply from NATS. On Python
    3.11, `asyncio.wait_for` (which nats-py's requests use) returns the reply instead of
    raising when the cancellation comes in the same turn of the loop as the reply
    (CPython gh-86296); the follower would then wait for revocations for ever, and the
    app stopping it with it. The request to cancel is still counted on the task."""
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError


def _pending(msg: Msg) -> int | None:
    try:
        return msg.metadata.num_pending
    except Exception:  # a message without JetStream metadata: not ours to judge
        return None
