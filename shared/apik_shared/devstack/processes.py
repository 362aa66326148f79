"""Child processes that never outlive their parent.

Every server we start gets PR_SET_PDEATHSIG, so even a SIGKILLed `make up` or test run
takes its PostgreSQL, NATS and services down with it; a clean stop sends SIGTERM and
waits, then SIGKILLs what is left.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int) -> Callable[[], None]:
    def set_pdeathsig() -> None:
        # Not Linux: clean stops still work, a SIGKILL may leave orphans.
        with contextlib.suppress(OSError):
            ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, sig)

    return set_pdeathsig


def child_environment(env: dict[str, str] | None) -> dict[str, str]:
    """Ours, with `env` on top."""
    return {**os.environ, **(env or {})}


# Ports this process handed out: the kernel may offer a port again as soon as its probe
# socket closes, before the component given it has bound it (CI saw intake and the
# gateway both sent to one port, and intake die on "address in use" until `make up`
# gave up).
_HANDED_OUT: set[int] = set()


def free_port(host: str = "127.0.0.1") -> int:
    """A port nobody listens on now (5432 and 4222 may belong to other servers), and
    never one this process handed out before."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind((host, 0))
            port = int(sock.getsockname()[1])
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port


def wait_for_port(
    host: str, port: int, *, timeout: float, process: subprocess.Popen[bytes]
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listened on {host}:{port} within {timeout}s")


def open_log(log_file: Path) -> BinaryIO:
    """`log_file` for appending, created readable by its owner only: a component's log
    may hold personal data, and a connection's URL its password."""
    log_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return os.fdopen(os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600), "ab")


def spawn(
    args: Sequence[str],
    *,
    log_file: Path,
    env: dict[str, str] | None = None,
    user: str | None = None,
    stop_signal: int = signal.SIGTERM,
    cwd: Path | None = None,
) -> subprocess.Popen[bytes]:
    with open_log(log_file) as log:
        return subprocess.Popen(
            list(args),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=child_environment(env),
            user=user,
            cwd=cwd,
            # Runs after the uid change, so the death signal survives it.
            preexec_fn=die_with_parent(stop_signal),
        )


def stop(
    process: subprocess.Popen[bytes] | None, *, sig: int = signal.SIGTERM, timeout: float = 10
) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
