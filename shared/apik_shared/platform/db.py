"""Async database sessions where the boundary owns the transaction.

`DbSession` gives an endpoint its session; `TransactionalRoute` commits it after the
endpoint returns and before the response leaves, so a client never sees 201 for rows
that failed to commit. Domain code only adds and flushes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import asyncpg
from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from apik_shared.platform.media import reads_json, require_json
from apik_shared.platform.problems import InvalidInput, ServiceUnavailable
from apik_shared.platform.settings import to_asyncpg_url


class Database:
    """One engine and session factory per process."""

    def __init__(self, url: str, *, pool_size: int = 20) -> None:
        self.engine: AsyncEngine = create_async_engine(
            to_asyncpg_url(url),
            # `pool_size` is the most connections the process holds, and each one opened
            # is kept. Overflow connections are closed when returned and opened again on
            # the next burst: each time a backend forked and warmed up in PostgreSQL, and
            # a handshake, type setup and statement preparation here.
            pool_size=pool_size,
            max_overflow=0,
            # Not `pool_pre_ping`: three round trips per checkout (asyncpg's ping is a
            # transaction of its own). `_check_on_checkout` does it cheaper.
            pool_pre_ping=False,
            # The connection returned last is handed out first: the hot few stay hot, and
            # only those a burst needed sit idle (and are pinged, `_check_on_checkout`,
            # when the next burst needs them). Handed out in turn, every connection of
            # the pool sat idle past the ping's second at a moderate rate, and each
            # checkout paid its three round trips.
            pool_use_lifo=True,
            pool_timeout=5,
            # Fail fast when PostgreSQL is down: a request should get 503, not hang.
            connect_args={"timeout": 3, "command_timeout": 30},
        )
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        event.listen(self.engine.sync_engine, "connect", _mark_idle)
        event.listen(self.engine.sync_engine, "checkin", _mark_idle)
        event.listen(self.engine.sync_engine, "checkout", _check_on_checkout)

    async def dispose(self) -> None:
        await self.engine.dispose()


# A connection idle longer than this is pinged before use; one in use moments ago is not.
PING_AFTER_IDLE_SECONDS = 1.0
_IDLE_SINCE = "apik_idle_since"


def _mark_idle(dbapi_connection: Any, record: Any) -> None:
    record.info[_IDLE_SINCE] = time.monotonic()


def _check_on_checkout(dbapi_connection: Any, record: Any, proxy: Any) -> None:
    """Hands out only a live connection, at no round trip under load.

    When PostgreSQL restarts, it closes every connection and the event loop sees each
    socket close: asyncpg marks the connection closed, and this refuses it at once. A
    connection that sat idle (past `PING_AFTER_IDLE_SECONDS`) is pinged as well, for a
    peer gone without closing (a network cut). Refused, the pool opens a new one; the
    request gets a 503 only when that fails too (`TransactionalRoute`)."""
    raw = getattr(dbapi_connection, "_connection", None)
    if raw is not None and raw.is_closed():
        raise DisconnectionError("the connection was closed by the server")
    idle_since = record.info.get(_IDLE_SINCE)
    if idle_since is None or time.monotonic() - idle_since > PING_AFTER_IDLE_SECONDS:
        try:
            dbapi_connection.ping()
        except Exception as exc:
            raise DisconnectionError("the connection did not answer a ping") from exc


def _database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


async def request_session(request: Request) -> AsyncSession:
    """The request's session, opened on first use; `TransactionalRoute` commits it and
    closes it. Not a `yield` dependency: FastAPI's exit stack and context manager for one
    cost about as much CPU as the rest of a small request's dependencies together.
    `DbSession` for a route; called directly by a route's one dependency that gathers
    what a hot route needs (intake's `deps.Filing`)."""
    session: AsyncSession | None = getattr(request.state, "db_session", None)
    if session is None:
        if not getattr(request.state, _OWNS_SESSION, False):
            raise RuntimeError("DbSession is for the routes of a ServiceRouter")
        session = _database(request).sessions()
        request.state.db_session = session
    return session


DbSession = Annotated[AsyncSession, Depends(request_session)]
_OWNS_SESSION = "apik_owns_session"


async def driver_connection(session: AsyncSession, *, generic_plans: bool = False) -> Any:
    """The session's asyncpg connection, inside the session's transaction: what a hot
    path sends on it directly (prepared by asyncpg, none of SQLAlchemy's per-statement
    work) commits or rolls back with the session's own statements.

    SQLAlchemy's asyncpg adapter begins its transaction lazily, on its first statement;
    it is begun here the same way when nothing was sent yet, or the statements would run
    outside it, each committed on its own.

    `generic_plans`: the transaction's prepared statements run on their generic plan
    (`plan_cache_mode`, for this transaction only). PostgreSQL plans a prepared
    statement afresh on each execution while it estimates a plan made for the values
    cheaper than the generic one; for a large statement whose plan does not change with
    its values (the registration's write and duplicate search: 0.7 ms of planning, more
    than its execution) that is planning thrown away. Set in the same round trip as
    BEGIN when the transaction begins here.

    A generic plan is kept for the connection's life, until the next ANALYZE of a table
    it reads: one made while a table was small (a new office, a fresh install, a bulk
    import not yet analysed) scans the whole table on every execution after, where the
    statement was written for its indexes (the registration's duplicate doors and the
    reporter's match: in the benchmark, which starts on empty tables, a fifth to two
    thirds of the writes and matches scanned `report` and `reporter` whole). So the same
    transaction plans without sequential scans where an index can answer
    (`enable_seqscan`: a table no index serves is still scanned)."""
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    adapted, driver = raw.dbapi_connection, raw.driver_connection
    if adapted is None or driver is None:  # pragma: no cover - invalidated: raised above
        raise RuntimeError("the session's connection is gone")
    if getattr(adapted, "_transaction", None) is not None:
        if generic_plans:
            await driver.execute(_INDEXED_GENERIC_PLANS)
    elif generic_plans and _plain_transactions(adapted):
        await driver.execute(f"BEGIN; {_INDEXED_GENERIC_PLANS}")
        adapted._transaction = _BegunHere(driver)
    else:
        await adapted._start_transaction()
        if generic_plans:
            await driver.execute(_INDEXED_GENERIC_PLANS)
    return driver


_INDEXED_GENERIC_PLANS = (
    "SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL enable_seqscan = off"
)


def _plain_transactions(adapted: Any) -> bool:
    """Whether the adapter's transactions are a plain BEGIN (what asyncpg sends for it
    when no isolation level, read-only or deferrable mode is set)."""
    return (
        getattr(adapted, "isolation_level", "") is None
        and not getattr(adapted, "readonly", True)
        and not getattr(adapted, "deferrable", True)
    )


class _BegunHere:
    """The adapter's transaction when `driver_connection` sent BEGIN itself, with the
    transaction's settings in the same round trip (asyncpg's transaction object sends
    BEGIN alone): SQLAlchemy's adapter ends it through `commit` or `rollback`, as it
    ends asyncpg's."""

    def __init__(self, driver: Any) -> None:
        self._driver = driver

    async def commit(self) -> None:
        await self._driver.execute("COMMIT")

    async def rollback(self) -> None:
        await self._driver.execute("ROLLBACK")


_UNAVAILABLE = (OperationalError, InterfaceError, ConnectionError, OSError, TimeoutError)


# character_not_in_repertoire, untranslatable_character: PostgreSQL text holds no NUL.
_UNSTORABLE_TEXT = {"22021", "22P05"}


def _sqlstate(exc: BaseException) -> str | None:
    # An asyncpg error raised by a statement sent on the driver connection carries its
    # own state; one through SQLAlchemy carries it on the DBAPI error it wraps.
    if isinstance(own := getattr(exc, "sqlstate", None), str):
        return own
    original = getattr(exc, "orig", None)
    return getattr(original, "sqlstate", None) or getattr(
        getattr(original, "__cause__", None), "sqlstate", None
    )


# The server is there but refuses work for now: shutting down or starting up (57P0x),
# a broken connection (class 08), no connection slot left (53300).
_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03", "53300"}


# Raised by asyncpg itself on a statement sent on the driver connection
# (`driver_connection`), or as the cause of the error SQLAlchemy's adapter raises when it
# begins that connection's transaction: what SQLAlchemy would have wrapped as its own
# InterfaceError (a connection closed under the request) or a connection failure.
_DRIVER_UNAVAILABLE = (asyncpg.InterfaceError, asyncpg.PostgresConnectionError)


def is_connection_error(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, _DRIVER_UNAVAILABLE):
            return True
        cause = cause.__cause__
    state = _sqlstate(exc)
    if state is not None and (state in _UNAVAILABLE_STATES or state.startswith("08")):
        return True
    return isinstance(exc, _UNAVAILABLE)


class TransactionalRoute(APIRoute):
    """Commits the request's session once the endpoint has produced its response."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        # A JSON body sent as something else is a 415 naming JSON, not FastAPI's 422.
        json_body = reads_json(self)

        async def run(request: Request) -> Response:
            if json_body:
                await require_json(request)
            setattr(request.state, _OWNS_SESSION, True)
            try:
                return await commit(request)
            finally:
                # What the route's `DbSession` opened: rolled back unless committed, and
                # its connection back in the pool before the response is sent.
                session: AsyncSession | None = getattr(request.state, "db_session", None)
                if session is not None:
                    request.state.db_session = None
                    try:
                        if session.in_transaction():
                            await session.rollback()
                    finally:
                        await session.close()

        async def commit(request: Request) -> Response:
            try:
                response = await handler(request)
                session: AsyncSession | None = getattr(request.state, "db_session", None)
                if session is not None and session.in_transaction():
                    await session.commit()
                return response
            except Exception as exc:
                if is_connection_error(exc):
                    raise ServiceUnavailable(
                        "The database is unreachable; try again shortly.",
                        headers={"Retry-After": "2"},
                    ) from exc
                if _sqlstate(exc) in _UNSTORABLE_TEXT:
                    raise InvalidInput.field(
                        "#/body",
                        "A text contains a character that cannot be stored (NUL).",
                        code="control_character",
                    ) from exc
                raise

        return run


def session_factory(app_state: Any) -> async_sessionmaker[AsyncSession]:
    db: Database = app_state.database
    return db.sessions
