"""Reference rows kept in the process: read on nearly every request, changed rarely.

An office's calendar or the substance catalogue was read (and parsed) again by every
registration: a round trip and a model validation per request for rows that change a
few times a year. A `ReferenceCache` keeps them per database (engine) and key:

- the process that changes a row drops its entry when that transaction commits
  (`drop_on_commit`), so its next request reads the new row; dropped at once as well, and
  again after the commit, so that a request reading between the two cannot keep the old
  row for longer than that;
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


class ReferenceCache(Generic[V]):
    def __init__(self, name: str, *, ttl: float) -> None:
        self.name = name
        self.ttl = ttl
        self._held: weakref.WeakKeyDictionary[Engine, dict[Hashable, tuple[float, V]]] = (
            weakref.WeakKeyDictionary()
        )

    def get(self, session: AsyncSession, key: Hashable) -> tuple[bool, V | None]:
        """(found, value): `found` is False when the key must be read again."""
        engine = _engine(session)
        held = self._held.get(engine) if engine is not None else None
        entry = held.get(key) if held is not None else None
        if entry is None or time.monotonic() - entry[0] > self.ttl:
            return False, None
        return True, entry[1]

    def put(self, session: AsyncSession, key: Hashable, value: V) -> None:
        engine = _engine(session)
        if engine is not None:
            self._held.setdefault(engine, {})[key] = (time.monotonic(), value)

    def drop(self, session: AsyncSession, key: Hashable | None = None) -> None:
        """Forgets `key` (every key when None) of the session's database."""
        engine = _engine(session)
        held = self._held.get(engine) if engine is not None else None
        if held is None:
            return
        if key is None:
            held.clear()
        else:
            held.pop(key, None)

    def drop_on_commit(self, session: AsyncSession, key: Hashable | None = None) -> None:
        """Forgets `key` now and once the session's transaction commits (the change is
        then what the next read finds)."""
        self.drop(session, key)

        def committed(_: Any) -> None:
            self.drop(session, key)

        event.listen(session.sync_session, "after_commit", committed, once=True)
