"""The oldest NATS server APIK runs on, and the check that refuses an older one.

NATS 2.10 lets one consumer filter several subjects (`filter_subjects`), so each
durable consumer receives exactly the event types it handles; on 2.9 a consumer of
several types needs a wildcard and fetches, then acks unread, every other type under
it. Rather than fall back to that silently, a service (and the devstack, for a
`nats-server` it is told to run) refuses an older server, naming both versions.
"""

from __future__ import annotations

import re

MIN_NATS_SERVER = (2, 10, 0)
_VERSION = re.compile(r"v?(\d+)\.(\d+)\.(\d+)")


class NatsServerTooOld(RuntimeError):
    """The server cannot filter a consumer by several subjects."""


def parse_version(text: str) -> tuple[int, int, int] | None:
    """`2.10.4`, `v2.14.0` or `nats-server: v2.9.10` as numbers; None when unreadable."""
    found = _VERSION.search(text)
    if found is None:
        return None
    major, minor, patch = (int(part) for part in found.groups())
    return major, minor, patch


def require_server_version(text: str, *, where: str) -> None:
    """Raises NatsServerTooOld unless `text` names MIN_NATS_SERVER or newer. An
    unreadable version (a development build) is let through: the consumers' own check
    (`Consumer.ensure`) still refuses a filter the server did not keep."""
    version = parse_version(text)
    if version is not None and version < MIN_NATS_SERVER:
        wanted = ".".join(map(str, MIN_NATS_SERVER))
        raise NatsServerTooOld(
            f"{where} runs NATS {'.'.join(map(str, version))}; APIK needs {wanted} or newer "
            "(consumers filter several subjects)"
        )
