"""Async database sessions where the boundary owns the transaction.

`DbSession` gives an endpoint its session; `TransactionalRoute` commits it after the
endpoint returns and before the response leaves, so a client never sees 201 for rows
that failed to commit. Domain code only adds and flushes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
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
            pool_pre_ping=True,
            pool_timeout=5,
            # Fail fast when PostgreSQL is down: a request should get 503, not hang.
            connect_args={"timeout": 3, "command_timeout": 30},
        )
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)

    async def dispose(self) -> None:
        await self.engine.dispose()


def _database(request: Request) -> Database:
    db: Database = request.app.state.database
    return db


async def _session(request: Request) -> AsyncIterator[AsyncSession]:
    async with _database(request).sessions() as session:
        request.state.db_session = session
        try:
            yield session
        finally:
            request.state.db_session = None
            if session.in_transaction():
                await session.rollback()


DbSession = Annotated[AsyncSession, Depends(_session)]

_UNAVAILABLE = (OperationalError, InterfaceError, ConnectionError, OSError, TimeoutError)


# character_not_in_repertoire, untranslatable_character: PostgreSQL text holds no NUL.
_UNSTORABLE_TEXT = {"22021", "22P05"}


def _sqlstate(exc: BaseException) -> str | None:
    original = getattr(exc, "orig", None)
    return getattr(original, "sqlstate", None) or getattr(
        getattr(original, "__cause__", None), "sqlstate", None
    )


# The server is there but refuses work for now: shutting down or starting up (57P0x),
# a broken connection (class 08), no connection slot left (53300).
_UNAVAILABLE_STATES = {"57P01", "57P02", "57P03", "53300"}


def is_connection_error(exc: BaseException) -> bool:
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
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
                        "#/body", "A text contains a character that cannot be stored (NUL)."
                    ) from exc
                raise

        return run


def session_factory(app_state: Any) -> async_sessionmaker[AsyncSession]:
    db: Database = app_state.database
    return db.sessions
