"""The revocations every component keeps in memory: what they refuse, how long they
matter, and how a starting process replays them from the real stream."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import nats
import pytest
from nats.aio.client import Client

from apik_shared.platform.auth import Principal
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import CloudEvent, source_of
from apik_shared.platform.events.payloads.gateway import SessionRevoked
from apik_shared.platform.sessions import SessionRevocations
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually

NOW = 1_800_000_000.0
# Follower starts cancelled at once, each at another moment of its start.
STARTS = 64


def at(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def principal(sid: str | None = None, sub: str = "user:siti", iat: float | None = NOW) -> Principal:
    return Principal(subject=sub, username="siti", office="BKL", session=sid, issued_at=iat)


def ended(*sids: str, until: float = NOW + 300, **fields: object) -> SessionRevoked:
    return SessionRevoked(session_ids=list(sids), reason="logout", until=at(until), **fields)


class TestInMemory:
    def test_a_revoked_session_is_refused_and_others_are_not(self) -> None:
        revocations = SessionRevocations(clock=lambda: NOW)
        revocations.apply(ended("s1"))
        assert revocations.refuses(principal("s1"))
        assert not revocations.refuses(principal("s2"))
        assert not revocations.refuses(principal(None))

    def test_a_subject_revocation_refuses_only_earlier_tokens(self) -> None:
        revocations = SessionRevocations(clock=lambda: NOW)
        revocations.apply(ended(subject="user:siti", not_before=at(NOW)))
        assert revocations.refuses(principal(iat=NOW - 1))
        assert revocations.refuses(principal(iat=None))
        assert not revocations.refuses(principal(iat=NOW))
        assert not revocations.refuses(principal(sub="user:budi", iat=NOW - 1))
        # A later revocation of the same subject moves the line; an earlier one does not.
        revocations.apply(ended(subject="user:siti", not_before=at(NOW + 10)))
        revocations.apply(ended(subject="user:siti", not_before=at(NOW - 50)))
        assert revocations.refuses(principal(iat=NOW + 5))

    def test_revocations_are_forgotten_once_their_tokens_have_expired(self) -> None:
        clock = [NOW]
        revocations = SessionRevocations(clock=lambda: clock[0])
        revocations.apply(ended("old", until=NOW - 1))  # expired before it arrived
        revocations.apply(ended("s1", until=NOW + 100))
        revocations.apply(ended(subject="user:siti", not_before=at(NOW), until=NOW + 100))
        assert len(revocations) == 2
        clock[0] = NOW + 1000
        revocations.refuses(principal("s1"))  # the lookup that prunes, now and then
        assert len(revocations) == 0

    def test_an_unreadable_message_is_skipped(self) -> None:
        revocations = SessionRevocations(clock=lambda: NOW)
        revocations.take(b"not json")
        revocations.take(CloudEvent(source="/apik/gateway", type="session.revoked").to_json())
        assert len(revocations) == 0


async def publish_revocation(nc: Client, event: SessionRevoked) -> None:
    envelope = CloudEvent(
        source=source_of("gateway"), type=event.event_type, data=event.model_dump(mode="json")
    )
    await nc.jetstream().publish(event.stream_subject(), envelope.to_json())


@contextlib.asynccontextmanager
async def following(
    nc: Client, revocations: SessionRevocations, replay_seconds: float
) -> AsyncIterator[None]:
    async def connection() -> Client:
        return nc

    task = asyncio.create_task(revocations.follow(connection, replay_seconds=replay_seconds))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@pytest.fixture
async def nc(infra: TestInfra) -> AsyncIterator[Client]:
    client = await nats.connect(infra.nats_url)
    await ensure_stream(client.jetstream())
    yield client
    await client.close()


async def test_a_starting_process_replays_recent_revocations_then_follows(nc: Client) -> None:
    before, after = uuid.uuid4().hex, uuid.uuid4().hex
    until = datetime.now(UTC).timestamp() + 300
    await publish_revocation(nc, ended(before, until=until))
    revocations = SessionRevocations()
    async with following(nc, revocations, replay_seconds=600):
        await asyncio.wait_for(revocations.replayed.wait(), 10)
        # Known at once from the replay: the restart forgot nothing recent.
        assert revocations.refuses(principal(before))
        await publish_revocation(nc, ended(after, until=until))

        async def refused() -> bool:
            return revocations.refuses(principal(after))

        await eventually(refused, within=5)


async def test_the_replay_reaches_back_only_as_far_as_tokens_live(nc: Client) -> None:
    old = uuid.uuid4().hex
    await publish_revocation(nc, ended(old, until=datetime.now(UTC).timestamp() + 300))
    await asyncio.sleep(1.5)
    revocations = SessionRevocations()
    async with following(nc, revocations, replay_seconds=1):
        await asyncio.wait_for(revocations.replayed.wait(), 10)
        assert not revocations.refuses(principal(old))


async def test_one_cancellation_stops_the_follower_whenever_it_comes(nc: Client) -> None:
    # Cancelled at a different moment of its start each time: while it creates its
    # consumer, asks for the consumer's state, replays. A cancellation that arrives with
    # a reply from NATS must not be lost (Python 3.11's wait_for loses it, gh-86296).
    async def connection() -> Client:
        return nc

    for start in range(STARTS):
        task = asyncio.create_task(SessionRevocations().follow(connection, replay_seconds=60))
        await asyncio.sleep((start % 16) * 0.0005)
        task.cancel()
        done, _ = await asyncio.wait({task}, timeout=5)
        if not done:
            task.cancel()  # once more, so the tests after this one run unharmed
            pytest.fail(f"start {start + 1}: the follower ignored its cancellation")
