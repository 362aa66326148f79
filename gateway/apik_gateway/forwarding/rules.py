"""Which replica of a service gets a request, and when a failed one may go to another.

Pure: the forwarder (`service/replicas.py`) keeps the counter and the clock.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

# Safe to send again: they change nothing, or nothing more the second time.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "DELETE"})


def replica_urls(value: str | Sequence[str]) -> tuple[str, ...]:
    """A service's entry of `APIK_SERVICE_URLS`: one base URL, or a list of its
    replicas' (order kept, repeats dropped)."""
    urls = (value,) if isinstance(value, str) else tuple(value)
    urls = tuple(dict.fromkeys(url.strip() for url in urls if url.strip()))
    if not urls:
        raise ValueError("a service needs at least one URL")
    return urls


def replicas_by_service(
    service_urls: Mapping[str, str | Sequence[str]],
) -> dict[str, tuple[str, ...]]:
    return {name: replica_urls(value) for name, value in service_urls.items()}


def replica_order(count: int, turn: int, down: Collection[int] = ()) -> list[int]:
    """The replicas to try for the request of round-robin `turn`, in order: the live
    ones from the turn's replica on, around the ring, then those that just failed (in
    the same order), a last resort when every replica failed lately."""
    ring = [(turn + step) % count for step in range(count)]
    return [i for i in ring if i not in down] + [i for i in ring if i in down]


def may_resend(method: str, *, has_idempotency_key: bool, sent: bool) -> bool:
    """Whether a request that failed on one replica may go to the next. Never sent (no
    connection): always, the service saw nothing. Sent without an answer: only when a
    second copy changes nothing more, an idempotent method or a creation carrying an
    `Idempotency-Key` (the service replays the first answer)."""
    if not sent:
        return True
    return method in IDEMPOTENT_METHODS or has_idempotency_key
