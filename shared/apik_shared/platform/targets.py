"""Where an outbound request of ours may go: an absolute https URL (http only when
allowed) whose host resolves only to public addresses (loopback, private, link-local,
shared and reserved ranges refused unless allowed). Integration's webhooks and intake's
fetch of a portal's attachments share it, so a URL someone else gave us cannot make
either reach the deployment's own network."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

RESOLVE_SECONDS = 5.0


class BadTarget(ValueError):
    pass


def target_host(url: str, *, allow_http: bool) -> str:
    """The host of a URL, or `BadTarget`: an absolute https URL (http only when allowed),
    no credentials in it, no fragment."""
    parts = urlsplit(url)
    schemes = {"https", "http"} if allow_http else {"https"}
    if parts.scheme not in schemes:
        raise BadTarget(f"The URL must start with {' or '.join(sorted(schemes))}://.")
    if not parts.hostname:
        raise BadTarget("The URL has no host.")
    if parts.username or parts.password:
        raise BadTarget("The URL must not carry a user or password.")
    if parts.fragment:
        raise BadTarget("The URL must not have a #fragment.")
    try:
        parts.port  # noqa: B018 - raises on a port out of range
    except ValueError as exc:
        raise BadTarget("The URL's port is not valid.") from exc
    return parts.hostname


def address_refused(address: str) -> bool:
    """Whether a resolved address is one we must not reach unless configured: loopback,
    private (RFC 1918, unique local), link-local (cloud metadata lives there), shared
    (CGNAT), multicast, reserved or unspecified; IPv4-mapped IPv6 judged as IPv4."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


async def check_target(url: str, *, allow_private: bool, allow_http: bool) -> None:
    """Raises `BadTarget` unless every address the URL's host resolves to may be reached.
    Checked again before each request: a name can be pointed elsewhere later (DNS
    rebinding)."""
    host = target_host(url, allow_http=allow_http)
    if allow_private:
        return
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(
            loop.getaddrinfo(host, None, type=socket.SOCK_STREAM), RESOLVE_SECONDS
        )
    except (OSError, TimeoutError) as exc:
        raise BadTarget(f"The host {host!r} does not resolve.") from exc
    addresses = {str(info[4][0]) for info in infos}
    if not addresses or any(address_refused(a) for a in addresses):
        raise BadTarget(f"The host {host!r} resolves to a loopback, private or link-local address.")
