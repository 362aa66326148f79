"""A service's connection to the event stream: connect, set up, relay, consume.

The service starts and serves even while NATS is down: the bus keeps trying to connect
in the background, the outbox keeps the events, and the relay and consumers start
once the server answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext, api
from nats.js.errors import BadRequestError, NotFoundError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from apik_shared.platform.events.consumer import Consumer, ConsumerSpec
from apik_shared.platform.events.envelope import STREAM_NAME, SUBJECT_ROOT
from apik_shared.platform.events.metrics import PipelineSampler
from apik_shared.platform.events.outbox import Outbox
from apik_shared.platform.events.publish import bind_outbox
from apik_shared.platform.events.relay import OutboxRelay
from apik_shared.platform.events.server_version import NatsServerTooOld, require_server_version
from apik_shared.platform.settings import DEFAULT_PUBLIC_URL
from apik_shared.platform.tasks import stop_tasks
from apik_shared.platform.tracing import Tracer

log = logging.getLogger("apik.bus")


def without_credentials(url: str) -> str:
    """`nats://intake:secret@host:4222` as a log may show it: `nats://host:4222`."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


# Events stay on the stream for good (limits retention with no age limit), so the
# reporting read model can always be rebuilt by replaying from the start.
# How long the relay and the consumers may take to end once cancelled (within the app's
# own limit for the whole bus, `BUS_STOP_SECONDS`).
TASK_STOP_SECONDS = 2.0

STREAM_CONFIG = api.StreamConfig(
    name=STREAM_NAME,
    subjects=[f"{SUBJECT_ROOT}.>"],
    storage=api.StorageType.FILE,
    retention=api.RetentionPolicy.LIMITS,
    duplicate_window=120,
)


def nats_servers(url: str) -> list[str]:
    """`APIK_NATS_URL` as the servers to try: one URL, or several separated by commas
    (the nodes of a cluster, each with the component's credentials); a client whose
    server goes away reconnects to another."""
    servers = [part.strip() for part in url.split(",") if part.strip()]
    if not servers:
        raise ValueError("APIK_NATS_URL names no server")
    return servers


async def ensure_stream(js: JetStreamContext, *, replicas: int = 1) -> None:
    """Creates the stream, kept on `replicas` servers of a cluster
    (`APIK_STREAM_REPLICAS`), unless it exists. An existing stream is left as it is:
    components may not change it (`devstack.nats_access`); an administrator changes its
    replicas (`nats stream edit --replicas`), which the warning below asks for."""
    try:
        info = await js.stream_info(STREAM_NAME)
    except NotFoundError:
        try:
            await js.add_stream(replace(STREAM_CONFIG, num_replicas=replicas))
            return
        except BadRequestError:  # another service created it a moment ago
            info = await js.stream_info(STREAM_NAME)
    kept_on = info.config.num_replicas or 1
    if kept_on != replicas:
        log.warning(
            "the stream %s is kept on %d server(s), APIK_STREAM_REPLICAS says %d; "
            "an administrator changes it",
            STREAM_NAME,
            kept_on,
            replicas,
        )


class EventBus:
    def __init__(
        self,
        *,
        nats_url: str,
        service: str,
        sessions: async_sessionmaker[AsyncSession],
        consumers: Sequence[ConsumerSpec] = (),
        poll_seconds: float = 1.0,
        consumer_group: str = "",
        consumer_ack_wait: float = 30,
        consumer_start_time: datetime | None = None,
        keep_sent: bool = False,
        public_url: str = DEFAULT_PUBLIC_URL,
        metrics_seconds: float = 0,
        tracer: Tracer | None = None,
        stream_replicas: int = 1,
    ) -> None:
        self.nats_url = nats_url
        self.servers = nats_servers(nats_url)
        self.stream_replicas = stream_replicas
        self.service = service
        # The service's outbox: every session `sessions` opens publishes into it.
        self.outbox = Outbox(service, public_url=public_url)
        bind_outbox(sessions, self.outbox)
        self._nc: Client | None = None
        self._js: JetStreamContext | None = None
        self._ready = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self.relay = OutboxRelay(
            sessions=sessions,
            jetstream=self.jetstream,
            connected=lambda: self.connected,
            poll_seconds=poll_seconds,
            keep_sent=keep_sent,
            service=service,
        )
        self.outbox.on_commit(self.relay.handoff)
        self.consumers = [
            Consumer(
                spec,
                service=service,
                sessions=sessions,
                group=consumer_group,
                ack_wait=consumer_ack_wait,
                start_time=consumer_start_time,
                tracer=tracer,
            )
            for spec in consumers
        ]
        # The pipeline's gauges on /metrics, sampled every `metrics_seconds` (0: never).
        self.sampler = PipelineSampler(
            service=service,
            sessions=sessions,
            durables=[consumer.durable for consumer in self.consumers],
            connection=lambda: self._nc,
            every=metrics_seconds,
        )
        self._metrics_seconds = metrics_seconds

    @property
    def connected(self) -> bool:
        return self._nc is not None and self._nc.is_connected

    async def connection(self) -> Client:
        """The connection, once connected and the stream exists (waits till then)."""
        while True:
            await self._ready.wait()
            if self._nc is not None and self._nc.is_connected:
                return self._nc
            await asyncio.sleep(0.2)

    async def jetstream(self) -> JetStreamContext:
        """One context per connection: its asynchronous publishes share one reply
        subscription, made on the first."""
        nc = await self.connection()
        if self._js is None:
            self._js = nc.jetstream()
        return self._js

    async def start(self) -> None:
        self._tasks.append(asyncio.create_task(self._connect(), name="bus-connect"))
        self._tasks.append(asyncio.create_task(self.relay.run(), name="outbox-relay"))
        if self._metrics_seconds > 0:
            self._tasks.append(asyncio.create_task(self.sampler.run(), name="pipeline-metrics"))
        for consumer in self.consumers:
            self._tasks.append(
                asyncio.create_task(consumer.run(self.connection), name=consumer.spec.durable)
            )

    async def _connect(self) -> None:
        delay = 0.2
        while True:
            nc: Client | None = None
            try:
                nc = await nats.connect(
                    self.servers,
                    name=f"apik-{self.service}",
                    connect_timeout=2,
                    allow_reconnect=True,
                    max_reconnect_attempts=-1,
                    reconnect_time_wait=0.5,
                    error_cb=self._on_error,
                    reconnected_cb=self._on_reconnected,
                )
                at = nc.connected_url.geturl() if nc.connected_url else self.servers[0]
                # Before anything is consumed: an older server would be asked for
                # filters it does not know.
                require_server_version(
                    repr(nc.connected_server_version),  # "<nats server v2.14.0>"
                    where=f"the NATS server at {without_credentials(at)}",
                )
                await ensure_stream(nc.jetstream(), replicas=self.stream_replicas)
                self._nc, self._js = nc, None
                self._ready.set()
                log.info("connected to NATS at %s", without_credentials(at))
                return
            except asyncio.CancelledError:
                raise
            except NatsServerTooOld as exc:
                # Not a passing outage: said loudly, and asked again now and then in case
                # an administrator upgrades the server. Events wait in the outbox.
                with contextlib.suppress(Exception):
                    await nc.close()  # type: ignore[union-attr]
                log.error("%s; not relaying or consuming until it is upgraded", exc)
                await asyncio.sleep(30)
            except Exception as exc:
                if nc is not None:
                    with contextlib.suppress(Exception):
                        await nc.close()
                log.warning("NATS not reachable yet (%s); retrying in %.1fs", exc, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5)

    async def _on_error(self, exc: Exception) -> None:
        log.debug("NATS: %s", exc)

    async def _on_reconnected(self) -> None:
        """Back after an outage: the consumers ask for messages again at once (their
        waiting requests were lost) and the relay polls for what waited meanwhile."""
        for consumer in self.consumers:
            consumer.reconnected()
        self.relay.wake()

    async def stop(self) -> None:
        # Cancelled again while they run (`stop_tasks`): one cancellation can be lost in
        # nats-py's requests on Python 3.11, and the connection below would stay open.
        await stop_tasks(self._tasks, within=TASK_STOP_SECONDS)
        self._tasks.clear()
        # The rows the stream took that still wait to be deleted: left, a restart would
        # publish them again (harmless, but avoidable on a clean stop).
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.relay.settle(), TASK_STOP_SECONDS)
        if self._nc is not None:
            # Close, not drain: the relay and the consumers are stopped already, so there
            # is nothing left to drain, and a pull subscription's drain waits out nats-py's
            # 30 s timeout. Unacknowledged messages are redelivered; unsent events stay
            # in the outbox.
            with contextlib.suppress(Exception):
                await self._nc.close()
            self._nc, self._js = None, None
