"""Who the client is: the connection's peer, or what a configured proxy says it saw.

`X-Forwarded-For` is anyone's to write. It is believed only when the connection comes
from a proxy listed in `APIK_TRUSTED_PROXIES` (addresses or CIDRs; none by default), and
then only as far as the chain of listed proxies goes: the client is the rightmost entry
that is not one of them. Everything keyed by client (the public rate limit, intake's
tracking-PIN lockout, which reads the `X-Forwarded-For` the gateway sends) uses it.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from starlette.types import Receive, Scope

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# Where the edge leaves the client's address it resolved from the raw connection, for
# the gateway's own routes (the sign-in throttle), which cannot reach the connection.
CLIENT_KEY = "apik.client_address"


def connection_peer(scope: Scope, receive: Receive) -> str:
    """The address at the other end of the TCP connection.

    uvicorn, run with its defaults (as `make up` and the image run it), rewrites
    `scope["client"]` from `X-Forwarded-For` whenever the peer is loopback, before the
    gateway sees the request: a process on the gateway's host would choose its own
    address. The connection's own transport still knows the truth; it is asked only
    when the request carries the header, so an ordinary request costs nothing.
    """
    cycle: Any = getattr(receive, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if transport is not None:
        peer = transport.get_extra_info("peername")
        if isinstance(peer, tuple) and peer:
            return str(peer[0])
    client = scope.get("client")
    return str(client[0]) if client else ""


def _address(entry: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An `X-Forwarded-For` entry as an address: `1.2.3.4`, `1.2.3.4:80`, `[::1]:80`."""
    entry = entry.strip()
    if entry.startswith("["):
        entry = entry[1 : entry.find("]")]
    elif entry.count(":") == 1:
        entry = entry.partition(":")[0]
    try:
        return ipaddress.ip_address(entry)
    except ValueError:
        return None


class ClientAddress:
    def __init__(self, trusted_proxies: Iterable[str] = ()) -> None:
        self.trusted: tuple[Network, ...] = tuple(
            ipaddress.ip_network(p, strict=False) for p in trusted_proxies
        )

    def is_trusted(self, address: str) -> bool:
        if not self.trusted:
            return False
        parsed = _address(address)
        return parsed is not None and any(parsed in network for network in self.trusted)

    def resolve(self, scope: Scope, receive: Receive, forwarded_for: bytes | None) -> str:
        """The client's address for this request."""
        if forwarded_for is None:
            # No header: nothing rewrote the scope, its client is the peer.
            client = scope.get("client")
            return str(client[0]) if client else ""
        peer = connection_peer(scope, receive)
        if not self.is_trusted(peer):
            return peer
        entries = [e.strip() for e in forwarded_for.decode("latin-1").split(",")]
        for entry in reversed(entries):
            if entry and not self.is_trusted(entry):
                # The first hop a listed proxy did not vouch for: a garbled entry is
                # still that hop's (the proxy wrote it), so it keys the limit as it is.
                address = _address(entry)
                return str(address) if address is not None else entry[:64]
        return peer  # every hop is a listed proxy: the request started among them
