"""`make up`'s command: the system comes up ready, and no child outlives it."""

from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import psutil
import pytest

from apik_shared.devstack.processes import free_port

pytestmark = pytest.mark.e2e


def start_up(state_dir: Path, port: int, password: str | None) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("APIK_")}
    env.update(APIK_STATE_DIR=str(state_dir), APIK_PORT=str(port))
    if password:
        env["APIK_ADMIN_PASSWORD"] = password
    return subprocess.Popen(
        [sys.executable, "-m", "apik_shared.devstack", "up"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def read_until_ready(process: subprocess.Popen[str], timeout: float = 90) -> str:
    assert process.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout],  # type: ignore[union-attr]
        daemon=True,
    ).start()
    output, deadline = "", time.monotonic() + timeout
    while "Press Ctrl-C to stop." not in output:
        if time.monotonic() > deadline or process.poll() is not None:
            raise AssertionError(f"not ready (exit {process.poll()}):\n{output}")
        with contextlib.suppress(queue.Empty):
            output += lines.get(timeout=0.1)
    return output


def descendants(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


def assert_all_gone(processes: list[psutil.Process], timeout: float = 30) -> None:
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    assert not alive, f"still running: {[p.info if hasattr(p, 'info') else p for p in alive]}"


def test_up_serves_logs_in_and_stops_cleanly_on_ctrl_c(tmp_path: Path):
    port = free_port()
    process = start_up(tmp_path, port, password=None)
    try:
        output = read_until_ready(process)
        password = re.search(r"password (\S+)", output)
        assert password, output
        assert f"http://127.0.0.1:{port}" in output
        assert httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=5).status_code == 200
        token = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/auth/token",
            data={"username": "admin", "password": password.group(1)},
        )
        assert token.status_code == 200, token.text
        children = descendants(process.pid)
        assert len(children) >= 5  # PostgreSQL, NATS, two services, the gateway
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(60)
    assert process.returncode == 0
    assert_all_gone(children)


def test_children_die_with_a_killed_up(tmp_path: Path):
    process = start_up(tmp_path, free_port(), password="Given-Admin-Password-1")
    try:
        output = read_until_ready(process)
        assert "Given-Admin-Password-1" in output
        children = descendants(process.pid)
    finally:
        process.kill()
        process.wait(10)
    assert_all_gone(children)
