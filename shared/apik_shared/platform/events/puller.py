"""Batches from a durable pull consumer, handed over as soon as any message has come.

nats-py's `fetch(n)` can keep a message it has already received while it waits for the
rest of its batch: with NATS 2.9 and two subscriptions on one consumer, a handoff
waited up to the fetch's whole timeout (1 s tails at 100 handoffs a second). A Puller asks
for one message and waits for it; once it has come, a no-wait request takes whatever else
is waiting, up to the batch, and the server ends that request at once. So nothing waits
for a batch to fill, and a puller busy with a batch holds no open request that would
catch messages an idle one could take.

When the first message says nothing else was waiting for the consumer (its ack subject
carries the count), the no-wait request is not sent: at low load that saves a round trip
to the server before each event is handled, and a request and an empty answer per event.

A request waiting when the connection dropped is lost with it; `interrupt` (called when
the connection is back) ends the wait for it, and the next fetch asks again at once
rather than after its `wait`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from types import TracebackType

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from nats.js import api

# After a request's `expires`, how long to wait for the server's answer before asking
# again (the answer is lost when the connection is).
GRACE_SECONDS = 0.5


def _ack_tokens(msg: Msg) -> tuple[int, int] | None:
    """(deliveries, messages pending after it) from a stream message's ack subject:
    `$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<time>.<pending>`, or with a
    domain and an account hash after `ACK` (and a token at the end) on newer servers.
    None when it is neither."""
    tokens = msg.reply.split(".") if msg.reply else []
    if tokens[:2] != ["$JS", "ACK"]:
        return None
    if len(tokens) == 9:
        return int(tokens[4]), int(tokens[8])
    if len(tokens) >= 11:
        return int(tokens[6]), int(tokens[10])
    return None


def deliveries(msg: Msg) -> int:
    """How many times the stream has delivered `msg` (1: the first time). nats-py's
    `msg.metadata` builds every field, a date included, for this one number:
    several times the cost, for every message of every consumer."""
    parsed = _ack_tokens(msg)
    return parsed[0] if parsed else msg.metadata.num_delivered


def pending_after(msg: Msg) -> int:
    """How many messages waited for the consumer when `msg` was delivered."""
    parsed = _ack_tokens(msg)
    return parsed[1] if parsed else msg.metadata.num_pending


class PullFailed(RuntimeError):
    """The server refused a pull request (409: the consumer was deleted, too many waiting
    requests, a leader change); the caller subscribes afresh."""


class Puller:
    def __init__(self, nc: Client, *, stream: str, durable: str, batch: int, wait: float) -> None:
        self._nc = nc
        self._next_subject = f"$JS.API.CONSUMER.MSG.NEXT.{stream}.{durable}"
        self._batch = batch
        self._wait = wait
        self._sub: Subscription | None = None
        # Filled by the subscription's callback: taking a message already there costs no
        # task and no timer, as `Subscription.next_msg` would for each.
        # None: `interrupt` ended the current request.
        self._arrived: asyncio.Queue[Msg | None] = asyncio.Queue()

    async def __aenter__(self) -> Puller:
        self._sub = await self._nc.subscribe(self._nc.new_inbox(), cb=self._on_message)
        return self

    async def _on_message(self, msg: Msg) -> None:
        self._arrived.put_nowait(msg)

    def interrupt(self) -> None:
        """Ends the wait for the current request (lost with a dropped connection)."""
        self._arrived.put_nowait(None)

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._sub is not None and not self._nc.is_closed:
            # A failing unsubscribe means the connection is going, and its subscriptions too.
            with contextlib.suppress(Exception):
                await self._sub.unsubscribe()
        self._sub = None

    async def fetch(self) -> list[Msg]:
        """The next messages, at most `batch`; [] when none came within `wait` seconds."""
        await self._request(batch=1)
        first = await self._next(self._wait + GRACE_SECONDS)
        if first is None:
            return []
        messages = [first]
        if self._batch > 1 and pending_after(first) > 0:
            await self._request(batch=self._batch - 1, no_wait=True)
            while len(messages) < self._batch:
                try:
                    more = await self._next(self._wait)
                except PullFailed:
                    break  # keep what came; the next request meets the refusal again
                if more is None:
                    break
                messages.append(more)
        return messages

    async def _request(self, *, batch: int, no_wait: bool = False) -> None:
        body: dict[str, object] = {"batch": batch}
        if no_wait:
            body["no_wait"] = True
        else:
            body["expires"] = int(self._wait * 1e9)
        assert self._sub is not None, "use the Puller as an async context manager"
        reply = self._sub.subject
        await self._nc.publish(self._next_subject, json.dumps(body).encode(), reply=reply)

    async def _next(self, within: float) -> Msg | None:
        """The next message of the current request; None when the request has ended (the
        server said so, or did not answer `within` seconds)."""
        deadline = time.monotonic() + within
        while True:
            try:
                msg = self._arrived.get_nowait()
            except asyncio.QueueEmpty:
                try:  # a `get` cut short by the timeout takes nothing from the queue
                    msg = await asyncio.wait_for(
                        self._arrived.get(), timeout=max(0.001, deadline - time.monotonic())
                    )
                except TimeoutError:
                    return None
            if msg is None:  # interrupted: the request is gone
                return None
            if msg.reply:  # a message of the stream (it carries its ack subject)
                return msg
            status = (msg.headers or {}).get(api.Header.STATUS, "")
            if status == "100":  # a heartbeat
                continue
            if status == "409":
                description = (msg.headers or {}).get(api.Header.DESCRIPTION, "")
                raise PullFailed(f"pull request refused: 409 {description}")
            return None  # 404 no messages, 408 request expired: this request is over
