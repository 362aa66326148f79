"""`make up`'s supervisor against real child processes: restarts with a growing delay that
starts over after a long run, a failed first start is an error, a stop ends every child."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

from apik_shared.devstack.processes import free_port
from apik_shared.devstack.supervisor import Backoff, Child, ChildFailed, Supervisor, describe_exit


def python(tmp_path: Path, code: str, port: int | None = None) -> Child:
    return Child(
        name="child",
        args=[sys.executable, "-c", code],
        log_file=tmp_path / "child.log",
        port=port,
        stop_timeout=5,
    )


async def said(lines: list[str], pattern: str, count: int = 1, within: float = 30) -> list[str]:
    """The first `count` lines matching `pattern`, once there are that many."""
    async with asyncio.timeout(within):
        while True:
            found = [line for line in lines if re.search(pattern, line)]
            if len(found) >= count:
                return found[:count]
            await asyncio.sleep(0.02)


def test_backoff_doubles_up_to_its_cap_and_starts_over_after_a_long_run() -> None:
    backoff = Backoff(first=0.5, cap=10, reset_after=30)
    delays, delay = [], None
    for _ in range(7):
        delay = backoff.next(delay, uptime=1)
        delays.append(delay)
    assert delays == [0.5, 1, 2, 4, 8, 10, 10]
    assert backoff.next(10, uptime=31) == 0.5


def test_exits_are_described_by_code_or_signal() -> None:
    assert describe_exit(3) == "exit code 3"
    assert describe_exit(-signal.SIGKILL) == "killed by SIGKILL"


async def test_a_child_that_keeps_exiting_is_restarted_ever_more_slowly(tmp_path: Path) -> None:
    lines: list[str] = []
    supervisor = Supervisor(say=lines.append, backoff=Backoff(first=0.1, cap=0.4))
    child = python(tmp_path, "import sys; sys.exit(3)")
    try:
        await supervisor.start(child)
        exits = await said(lines, "exited", count=5)
    finally:
        await supervisor.stop()
    delays = [float(line.split("restarting it in ")[1].split("s ")[0]) for line in exits]
    assert delays == [0.1, 0.2, 0.4, 0.4, 0.4]
    assert all(line.startswith("child exited (exit code 3) after ") for line in exits)
    assert child.restarts >= 4


async def test_a_child_that_stayed_up_long_enough_starts_over_at_the_first_delay(
    tmp_path: Path,
) -> None:
    lines: list[str] = []
    supervisor = Supervisor(say=lines.append, backoff=Backoff(first=0.1, cap=5, reset_after=0.3))
    child = python(tmp_path, "import sys, time; time.sleep(0.4); sys.exit(1)")
    try:
        await supervisor.start(child)
        exits = await said(lines, "exited", count=3)
    finally:
        await supervisor.stop()
    assert all("restarting it in 0.1s" in line for line in exits), exits


async def test_a_killed_server_comes_back_on_its_port_and_stop_ends_it(tmp_path: Path) -> None:
    lines: list[str] = []
    port = free_port()
    supervisor = Supervisor(say=lines.append, backoff=Backoff(first=0.1))
    child = Child(
        name="web",
        args=[sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        log_file=tmp_path / "web.log",
        port=port,
        stop_timeout=5,
    )
    try:
        await supervisor.start(child)
        first = child.pid
        assert first is not None
        os.kill(first, signal.SIGKILL)
        [exited] = await said(lines, "web exited")
        await said(lines, "web is back")
        assert "killed by SIGKILL" in exited and "restarting it in 0.1s" in exited
        assert child.pid != first
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    finally:
        await supervisor.stop()
    assert child.process is not None and child.process.returncode is not None
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


async def test_a_child_that_dies_during_its_first_start_fails_the_start(tmp_path: Path) -> None:
    supervisor = Supervisor(say=lambda _: None)
    started = time.monotonic()
    try:
        with pytest.raises(ChildFailed, match="exit code 3"):
            await supervisor.start(python(tmp_path, "import sys; sys.exit(3)", port=free_port()))
    finally:
        await supervisor.stop()
    assert time.monotonic() - started < 30  # it did not wait out the ready timeout


async def test_stop_ends_a_child_that_ignores_its_stop_signal(tmp_path: Path) -> None:
    code = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"
    supervisor = Supervisor(say=lambda _: None)
    child = python(tmp_path, code)
    child.stop_timeout = 0.5
    await supervisor.start(child)
    await asyncio.sleep(0.5)  # its handler is set
    await supervisor.stop()
    assert child.process is not None and child.process.returncode == -signal.SIGKILL
