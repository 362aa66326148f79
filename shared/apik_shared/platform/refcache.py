"""Reference rows kept in the process: read on nearly every request, changed rarely.

An office's calendar or the substance catalogue was read (and parsed) again by every
registration: a round trip and a model validation per request for rows that change a
few times a year. A `ReferenceCache` keeps them per database (engine) and key:

- the process that changes a row drops its entry at once and again when that
  transaction ends (`drop_after_transaction`): committed, its next request reads the new
  row; rolled back, nothing the transaction read of its own change stays;
- a read that began before such a drop is not kept: its answer may predate the change
  (read before the commit, put after it), and kept it would hide the change for `ttl`
  seconds. A reader takes a `ticket` before reading and hands it to `put`, which keeps
  the answer only if nothing was dropped since (one count per database: drops are rare);
- another replica of the service, which did not make the change (an office event is
  consumed by one replica of a durable consumer), reads it again when its entry is older
  than `ttl` seconds: a bounded staleness, stated where each cache is made.

Kept per engine (a weak key), never across databases: the tests run several apps, each
with its own database, in one process.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Hashable
from typing import Any, Generic, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncSession

V = TypeVar("V")


def _engine(session: AsyncSession) -> Engine | None:
    bind: Any = session.bind
    engine = getattr(bind, "sync_engine", bind)
    return engine if isinstance(engine, Engine) else None


class _Held(Generic[V]):
    """One database's entries, and how many drops it has seen."""

    def __init__(self) -> None:
        self.entries: dict[Hashable, tuple[float, V]] = {}
        self.drops = 0


class ReferenceCache(Generic[V]):
    def __init__(self, name: str, *, ttl: float) -> None:
        self.name = name
        self.ttl = ttl
        self._held: weakref.WeakKeyDictionary[Engine, _Held[V]] = weakref.WeakKeyDictionary()

    def _of(self, session: AsyncSession) -> _Held[V] | None:
        engine = _engine(session)
        if engine is None:
            return None
        held = self._held.get(engine)
        if held is None:
            held = self._held[engine] = _Held()
        return held

    def get(self, session: AsyncSession, key: Hashable) -> tuple[bool, V | None]:
        """(found, value): `found` is False when the key must be read again."""
        held = self._of(session)
        entry = held.entries.get(key) if held is not None else None
        if entry is None or time.monotonic() - entry[0] > self.ttl:
            return False, None
        return True, entry[1]

    def ticket(self, session: AsyncSession) -> int:
        """Taken before reading what will be `put`: the drops seen so far."""
        held = self._of(session)
        return held.drops if held is not None else 0

    def put(self, session: AsyncSession, key: Hashable, value: V, *, ticket: int) -> None:
        """Keeps `value`, read after `ticket` was taken, unless a drop came since."""
        held = self._of(session)
        if held is not None and held.drops == ticket:
            held.entries[key] = (time.monotonic(), value)

    def drop(self, session: AsyncSession, key: Hashable | None = None) -> None:
        """Forgets `key` (every key when None) of the session's database."""
        held = self._of(session)
        if held is None:
            return
        held.drops += 1  # a read under way may predate the change: `put` ignores it
        if key is None:
            held.entries.clear()
        else:
            held.entries.pop(key, None)

    def drop_after_transaction(self, session: AsyncSession, key: Hashable | None = None) -> None:
        """Forgets `key` now and once the session's transaction ends: committed, the
        change is what the next read finds; rolled back, what a read inside it kept of
        the change (its own, never committed) must not stay either."""
        self.drop(session, key)

        def ended(*_: Any) -> None:
            self.drop(session, key)

        for ending in ("after_commit", "after_rollback"):
            event.listen(session.sync_session, ending, ended, once=True)
