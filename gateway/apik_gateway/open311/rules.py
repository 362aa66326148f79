"""Open311's `api_key` at the gateway, pure: where the key is, what it names, where the
request goes (no web framework, no database)."""

from __future__ import annotations

from collections.abc import Sequence

# The service that holds the facade, and where it serves it.
SERVICE = "intake"
PUBLIC_PREFIX = "/open311/v2/"
UPSTREAM_PREFIX = "/api/v1/intake/public/open311/v2/"
# A minted token forwards one request: it need not outlive it by much.
TOKEN_SECONDS = 60
KEY_FIELD = "api_key"


def upstream_path(path: str) -> str:
    """`/open311/v2/requests.json` → intake's `/api/v1/intake/public/open311/v2/requests.json`."""
    return UPSTREAM_PREFIX + path.removeprefix(PUBLIC_PREFIX)


def format_of(path: str) -> str:
    """The answer's format, as the spec picks it: the path's extension."""
    return "xml" if path.endswith(".xml") else "json"


def split_key(api_key: str) -> tuple[str, str] | None:
    """An API client's `<client_id>:<client_secret>`, the two the admin was given when
    registering it (`/api/v1/auth/clients`); None when it is not of that shape."""
    client_id, sep, secret = api_key.partition(":")
    if not sep or not client_id or not secret:
        return None
    return client_id, secret


def take_key(
    pairs: Sequence[tuple[str, str]],
) -> tuple[list[str], list[tuple[str, str]]]:
    """The `api_key` values among `pairs`, and the pairs without them: the key is the
    gateway's business, and never reaches the service (nor its logs)."""
    keys = [value for name, value in pairs if name == KEY_FIELD]
    return keys, [(name, value) for name, value in pairs if name != KEY_FIELD]
