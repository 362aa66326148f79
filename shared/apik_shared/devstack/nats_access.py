"""Who may publish what on NATS: one user per component, each held to its own subjects.

A component publishes its own events (`apik.<component>.>`) and its dead letters
(`apik.deadletter.<component>.>`), and what a JetStream client needs: the stream's and the
consumers' API, acknowledgements and flow control. It can neither publish another
component's events nor change the stream (no update, purge, message delete or other
stream: a stream of its own could republish into `apik.>` under any name). It subscribes
only to inboxes, where the server's replies and pulled messages arrive.

`deploy/nats/nats.conf` grants the same (tests/deploy checks that they agree); the
embedded server of `make up` and of the tests gets its file from `config`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import quote, urlsplit, urlunsplit

from apik_shared.platform.events.envelope import STREAM_NAME, SUBJECT_ROOT

# What any JetStream client of the stream needs besides its own subjects (see
# platform/events: bus.ensure_stream, consumer.ensure, puller, relay, acks).
JETSTREAM_CLIENT = (
    "$JS.API.INFO",
    f"$JS.API.STREAM.INFO.{STREAM_NAME}",
    f"$JS.API.STREAM.CREATE.{STREAM_NAME}",  # the first component up creates it
    "$JS.API.STREAM.NAMES",
    # Create, look up, pull (CONSUMER.MSG.NEXT): consumers only read.
    "$JS.API.CONSUMER.>",
    "$JS.ACK.>",
    "$JS.FC.>",  # flow control of ordered consumers (reporting's rebuild)
)
INBOXES = "_INBOX.>"


def publish_allowed(component: str) -> list[str]:
    return [
        f"{SUBJECT_ROOT}.{component}.>",
        f"{SUBJECT_ROOT}.deadletter.{component}.>",
        *JETSTREAM_CLIENT,
    ]


def permissions(component: str) -> dict[str, object]:
    return {
        "publish": {"allow": publish_allowed(component)},
        "subscribe": {"allow": [INBOXES]},
    }


def config(*, store_dir: str, passwords: Mapping[str, str], admin: str) -> str:
    """A nats-server configuration: JetStream in `store_dir`, and the users of `passwords`
    (name -> password); `admin` may do anything, every other user is a component.
    Without a user and password a client cannot connect at all."""
    users = [
        {"user": name, "password": password}
        if name == admin
        else {"user": name, "password": password, "permissions": permissions(name)}
        for name, password in passwords.items()
    ]
    # The configuration format accepts JSON values.
    return (
        f"jetstream {json.dumps({'store_dir': store_dir})}\n"
        f"authorization {json.dumps({'users': users}, indent=2)}\n"
    )


def url_for(url: str, user: str, password: str) -> str:
    """`url` (nats://host:port) with `user`'s credentials."""
    parts = urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}"
    netloc += f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
