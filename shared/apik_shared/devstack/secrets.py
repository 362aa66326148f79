"""The secrets of one state folder (`.apik/secrets.json`), generated once and kept.

Every password `make up` needs lives here: PostgreSQL's superuser, each component's
database role and NATS user, the NATS administrator, the services' keys, and the
administrator's first password. The file is created with mode 0600 (never readable by
another user, not even for a moment) and rewritten only to add what is missing.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

from apik_shared.devstack.components import COMPONENTS

FILE_NAME = "secrets.json"
NATS_ADMIN = "apik_admin"  # the NATS user of `make up` itself and of operators


def new_password() -> str:
    """URL-safe (it travels inside database and NATS URLs) and quote-free (it is written
    into SQL and NATS configuration literals)."""
    return secrets.token_urlsafe(18)


def _wanted() -> list[str]:
    names = ["secret_key", "admin_password", "postgres_password", f"nats_{NATS_ADMIN}"]
    names += [f"db_{c.name}" for c in COMPONENTS] + [f"nats_{c.name}" for c in COMPONENTS]
    return names


def _write_private(path: Path, text: str) -> None:
    """Writes `text` to a new file that only its owner may read, then moves it over `path`."""
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as file:
        file.write(text)
    partial.replace(path)


def state_secrets(state_dir: Path, *, admin_password: str = "") -> dict[str, str]:
    """The folder's secrets, generating those still missing.

    `admin_password` (APIK_ADMIN_PASSWORD) is the administrator's first password only when
    the file has none yet: the gateway seeds the administrator with it on the first start
    and keeps what its database holds afterwards, so this file says what the first
    password was, not what it is now.
    """
    path = state_dir / FILE_NAME
    stored: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    before = dict(stored)
    if admin_password:
        stored.setdefault("admin_password", admin_password)
    for name in _wanted():
        stored.setdefault(name, new_password())
    stored.setdefault("pii_keys", "k1:" + base64.urlsafe_b64encode(os.urandom(32)).decode())
    state_dir.mkdir(parents=True, exist_ok=True)
    if stored != before or not path.exists():
        _write_private(path, json.dumps(stored, indent=2))
    path.chmod(0o600)  # a file from before this rule may be wider
    return stored


def nats_passwords(stored: dict[str, str]) -> dict[str, str]:
    """NATS user name -> password: the administrator and one user per component."""
    names = [NATS_ADMIN, *(c.name for c in COMPONENTS)]
    return {name: stored[f"nats_{name}"] for name in names}
