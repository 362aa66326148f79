"""A consumer's server-side filter that follows rows, never losing an event to a race.

A firehose consumer whose work depends on rows (integration's webhooks: only the types
some active subscription asks for) would otherwise be sent every event and ack most of
them unread. With its filter following the rows, the server skips the others.

The race: once the server has moved the consumer past an event its filter left out, a
wider filter never brings that event back. So the filter must already let a type
through when the row asking for it commits. Two steps hold that, both under one
transaction-level advisory lock per durable, so they happen one after the other:

- `widen`, in the transaction that commits a row asking for new types, before it
  commits: the filter gains them. An event stored after the commit is stored after the
  widening, so the server delivers it.
- the consumer's set-up and its `refilter` every minute (`Consumer.ensure`, with
  `ConsumerSpec.subjects_now`): read the rows and set the filter to exactly what they
  ask for. Holding the lock, neither can read the rows before a widening transaction
  commits and then narrow the filter after it.

A filter wider than the rows (a widening whose transaction then rolled back, a
subscription disabled since the last `refilter`) only costs events handled for nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass, replace

from nats.errors import Error as NatsError
from nats.js import JetStreamContext, api
from nats.js.errors import NotFoundError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from apik_shared.platform.events.envelope import STREAM_NAME, SUBJECT_ROOT
from apik_shared.platform.problems import ServiceUnavailable

log = logging.getLogger("apik.consumer")

# No producer is named "_": the filter of a consumer that wants nothing now (an empty
# filter would mean every subject).
NOTHING = f"{SUBJECT_ROOT}._.nothing"

_LOCK = text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")


def type_subjects(types: Iterable[str]) -> list[str]:
    """The filter that lets exactly `types` through, whichever service produces them
    (`apik.*.report.verified`); `NOTHING` for none."""
    return sorted({f"{SUBJECT_ROOT}.*.{t}" for t in types}) or [NOTHING]


def filters_of(config: api.ConsumerConfig) -> set[str]:
    """The subjects a consumer's config lets through, whichever field names them."""
    one = {config.filter_subject} if config.filter_subject else set()
    return set(config.filter_subjects or []) | one


def with_filter(config: api.ConsumerConfig, subjects: Iterable[str]) -> api.ConsumerConfig:
    """`config` letting `subjects` through (in their order; a set's sorted): one
    subject in the field every server version knows; several in the list (NATS 2.10)."""
    ordered = sorted(subjects) if isinstance(subjects, set | frozenset) else list(subjects)
    return replace(
        config,
        filter_subject=ordered[0] if len(ordered) == 1 else None,
        filter_subjects=ordered if len(ordered) > 1 else None,
    )


def covers(pattern: str, subject: str) -> bool:
    """Whether the filter `pattern` lets every subject `subject` matches through (NATS
    wildcards: `*` one token, `>` the rest)."""
    wanted, given = pattern.split("."), subject.split(".")
    for index, token in enumerate(wanted):
        if token == ">":
            return len(given) > index
        if index >= len(given) or (token != "*" and token != given[index]):
            return False
    return len(given) == len(wanted)


async def hold_lock(session: AsyncSession, durable: str) -> None:
    """The durable's filter lock, until `session`'s transaction ends. The rows are read
    after it in READ COMMITTED (the platform's): each statement's snapshot is taken once
    the lock is held, so it sees whatever committed while this waited."""
    await session.execute(_LOCK, {"key": f"apik-consumer-filter:{durable}"})


async def widen(
    session: AsyncSession, js: JetStreamContext, *, durable: str, subjects: Collection[str]
) -> None:
    """Lets `subjects` through too, before `session`'s transaction commits the rows that
    ask for them (the lock is held until then). A consumer not made yet is left alone:
    its set-up reads the rows under the same lock."""
    await hold_lock(session, durable)
    try:
        info = await js.consumer_info(STREAM_NAME, durable)
    except NotFoundError:
        return
    current = filters_of(info.config)
    missing = {s for s in subjects if not any(covers(have, s) for have in current)}
    if not missing:
        return
    wider = (current - {NOTHING}) | missing
    await js.add_consumer(STREAM_NAME, config=with_filter(info.config, wider))


@dataclass(frozen=True)
class FilterWidener:
    """`widen` for a request's transaction: the service's connection to the stream,
    waited for a few seconds at most. A filter that cannot be widened now refuses the
    change (503, nothing written) rather than commit rows whose events could be lost."""

    jetstream: Callable[[], Awaitable[JetStreamContext]]
    durable: str
    within: float = 5.0

    async def widen(self, session: AsyncSession, subjects: Collection[str]) -> None:
        try:
            js = await asyncio.wait_for(self.jetstream(), self.within)
            await widen(session, js, durable=self.durable, subjects=subjects)
        except (TimeoutError, NatsError) as exc:
            log.warning("consumer %s: filter not widened (%r)", self.durable, exc)
            raise ServiceUnavailable(
                "The event stream cannot be reached; nothing was changed. Try again shortly.",
                headers={"Retry-After": "5"},
            ) from exc
