"""Waiting for an asynchronous effect (an event consumed, a read model caught up)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, overload

T = TypeVar("T")


@overload
async def eventually(
    probe: Callable[[], Awaitable[T | None]], *, within: float = 30, every: float = 0.1
) -> T: ...
@overload
async def eventually(
    probe: Callable[[], Awaitable[T]],
    done: Callable[[T], object],
    within: float = 30,
    every: float = 0.1,
) -> T: ...
async def eventually(
    probe: Callable[[], Awaitable[Any]],
    done: Callable[[Any], object] = bool,
    within: float = 30,
    every: float = 0.1,
) -> Any:
    """Calls `probe` until `done(value)` holds and returns that value; fails with the last
    value seen once `within` seconds have passed. Without `done`, the first true value:
    never None, as the type says."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        value = await probe()
        if done(value):
            return value
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"not reached in {within} s; last value {value!r}")
        await asyncio.sleep(every)
