"""Which database errors mean "unavailable, try again" (503) rather than a bug (500)."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy.exc import DBAPIError

from apik_shared.platform.db import is_connection_error


class _DriverError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


def _wrapped(sqlstate: str) -> DBAPIError:
    # As SQLAlchemy's asyncpg dialect raises it: the driver's error is the cause of `orig`.
    orig = Exception("translated")
    orig.__cause__ = _DriverError(sqlstate)
    return DBAPIError("connect", None, orig)


@pytest.mark.parametrize(
    "sqlstate",
    ["57P01", "57P02", "57P03", "53300", "08006", "08001"],
    ids=["admin-shutdown", "crash-shutdown", "shutting-down", "no-slot", "lost", "refused"],
)
def test_a_server_refusing_work_for_now_is_unavailable(sqlstate: str):
    assert is_connection_error(_wrapped(sqlstate))


@pytest.mark.parametrize("sqlstate", ["23505", "22021", "42P01", "40001"])
def test_other_errors_are_not_an_outage(sqlstate: str):
    assert not is_connection_error(_wrapped(sqlstate))


def test_a_closed_connection_under_a_statement_sent_on_asyncpg_is_unavailable():
    """A hot path's statement on the driver connection (`driver_connection`) raises
    asyncpg's own errors, unwrapped, or wrapped by SQLAlchemy's adapter as the cause of
    its own (beginning the transaction): the same outage either way."""
    closed = asyncpg.InterfaceError("connection is closed")
    assert is_connection_error(closed)
    adapted = Exception("translated")
    adapted.__cause__ = asyncpg.ConnectionDoesNotExistError("connection was closed")
    assert is_connection_error(adapted)
    assert not is_connection_error(asyncpg.UniqueViolationError("duplicate key"))
