"""The dependencies that give a route the row it works on, made once for every kind of row.

Every service's `deps.py` loads a row by the id in the path three ways: to read it
(`Current…`), to change it (`Locked…`: locked for update and checked against `If-Match`),
and to change its children under its lock (`…Of`: locked, the request's `If-Match` naming
a child's version, not its own). Written by hand these were fifteen lines a kind of row,
the same but for names. `row_loaders(load, "agreement_id")` makes the three from the
service's loader, which takes `session`, `actor`, `for_update` and the id by keyword
(and answers 404 for another office's row, so the check stays in one place).
"""

from __future__ import annotations

import inspect
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple, Protocol

from fastapi import Request

from apik_shared.platform.auth import CurrentPrincipal
from apik_shared.platform.db import DbSession
from apik_shared.platform.etag import check_if_match


class Versioned(Protocol):
    version: int


Loader = Callable[..., Awaitable[Any]]


class RowLoaders(NamedTuple):
    current: Loader  # read
    locked: Loader  # locked, `If-Match` checked against the row's version
    under_lock: Loader  # locked for work on its children (their own `If-Match`)


def _parameters(id_name: str, *, request: bool) -> inspect.Signature:
    keyword = inspect.Parameter.KEYWORD_ONLY
    found = [
        inspect.Parameter(id_name, keyword, annotation=uuid.UUID),
        inspect.Parameter("session", keyword, annotation=DbSession),
        inspect.Parameter("actor", keyword, annotation=CurrentPrincipal),
    ]
    if request:
        found.insert(1, inspect.Parameter("request", keyword, annotation=Request))
    return inspect.Signature(found)


def row_loaders(load: Loader, id_name: str) -> RowLoaders:
    """The three dependencies for the row `load` finds by the path parameter `id_name`.
    FastAPI reads each one's parameters from its `__signature__`, so the path parameter
    keeps the name the route declares."""

    async def current(**given: Any) -> Any:
        return await load(**given)

    async def locked(*, request: Request, **given: Any) -> Any:
        row: Versioned = await load(**given, for_update=True)
        check_if_match(request, row.version)
        return row

    async def under_lock(**given: Any) -> Any:
        return await load(**given, for_update=True)

    current.__signature__ = _parameters(id_name, request=False)  # type: ignore[attr-defined]
    locked.__signature__ = _parameters(id_name, request=True)  # type: ignore[attr-defined]
    under_lock.__signature__ = _parameters(id_name, request=False)  # type: ignore[attr-defined]
    return RowLoaders(current, locked, under_lock)
