"""`make up`'s command: the system comes up ready, the README's walkthrough works against
it, a child that dies comes back without losing an accepted report, and no child
outlives it."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import asyncpg
import httpx
import nats
import nats.errors
import psutil
import pytest

from apik_shared.devstack.processes import free_port
from tests.e2e.office import accepted_reports, count_all, staff_office

pytestmark = pytest.mark.e2e
README = Path(__file__).parents[2] / "README.md"


class Up:
    """`python -m apik_shared.devstack up` with its output collected as it comes."""

    def __init__(self, state_dir: Path, port: int, password: str | None = None) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("APIK_")}
        env.update(APIK_STATE_DIR=str(state_dir), APIK_PORT=str(port))
        if password:
            env["APIK_ADMIN_PASSWORD"] = password
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "apik_shared.devstack", "up"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # a process group of its own, as in a terminal
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, timeout: float = 150) -> str:
        """The output once `text` is in it (the default outlasts a 120 s start timeout)."""
        deadline = time.monotonic() + timeout
        while text not in self.output:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"no {text!r} (exit {self.process.poll()}):\n{self.output}")
            time.sleep(0.1)
        return self.output

    def ready(self) -> str:
        return self.wait_for("Press Ctrl-C to stop.")

    def child(self, command_part: str) -> psutil.Process:
        """The running child whose command line mentions `command_part`."""
        for child in psutil.Process(self.process.pid).children():
            with contextlib.suppress(psutil.Error):
                if child.is_running() and any(command_part in a for a in child.cmdline()):
                    return child
        raise LookupError(f"no child runs {command_part}")

    def descendants(self) -> list[psutil.Process]:
        return psutil.Process(self.process.pid).children(recursive=True)


def assert_all_gone(processes: list[psutil.Process], timeout: float = 30) -> None:
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    assert not alive, f"still running: {alive}"


def readme_walkthrough() -> str:
    section = README.read_text().split("## A first report, through the gateway", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block, "the README's walkthrough has no sh block"
    return block.group(1)


def first_password(state_dir: Path) -> str:
    """The administrator's first password, where `make up` says it is."""
    return str(json.loads((state_dir / "secrets.json").read_text())["admin_password"])


def assert_locked(up: Up) -> None:
    """What a local process without the secrets gets: no PostgreSQL (not even as the
    superuser), no NATS, no gateway metrics."""
    postgres_port = re.search(r"starting PostgreSQL on port (\d+)", up.output)
    nats_port = re.search(r"starting NATS with JetStream on port (\d+)", up.output)
    assert postgres_port and nats_port, up.output
    superuser = f"postgresql://postgres@127.0.0.1:{postgres_port[1]}/postgres"

    async def attempts() -> None:
        with pytest.raises(asyncpg.InvalidAuthorizationSpecificationError):
            await asyncpg.connect(superuser, password="", passfile="/nonexistent", timeout=5)
        with pytest.raises(nats.errors.Error, match="Authorization Violation"):
            await nats.connect(f"nats://127.0.0.1:{nats_port[1]}", allow_reconnect=False)

    asyncio.run(attempts())
    assert httpx.get(f"{up.url}/metrics", timeout=5).status_code == 401


async def back_within(up: Up, client: httpx.AsyncClient, name: str, old_pid: int) -> float:
    """Seconds until the supervisor has said `name` is back, under a new pid, and the
    gateway's /readyz is 200 again."""
    started = time.monotonic()
    async with asyncio.timeout(30):
        while True:
            if f"{name} is back" in up.output:
                assert up.child(name if name != "intake" else "apik_intake").pid != old_pid
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get("/readyz")).status_code == 200:
                        return time.monotonic() - started
            await asyncio.sleep(0.2)


async def killed_service_and_nats_come_back_losing_no_report(up: Up, password: str) -> None:
    """intake, then NATS, killed (SIGKILL: no goodbye) between bursts of accepted
    reports: each comes back, and every report accepted has its one case."""
    async with httpx.AsyncClient(base_url=up.url, timeout=30) as client:
        code = f"S{uuid.uuid4().hex[:5].upper()}"  # its own office: counts are exact
        office = await staff_office(client, password, code=code)
        accepted = await accepted_reports(office, 3)
        for name, command_part in (("intake", "apik_intake"), ("nats", "nats-server")):
            victim = up.child(command_part)
            victim.kill()
            await back_within(up, client, name, victim.pid)
            said = rf"{name} exited \(killed by SIGKILL\).*restarting it in"
            assert re.search(said, up.output), up.output
            accepted += await accepted_reports(office, 3)
        await office.wait_for_cases(accepted, within=120)
        await office.assert_one_case_each(accepted)
        reports = await count_all(client, "/api/v1/intake/reports", office.officer)
        cases = await count_all(client, "/api/v1/examination/cases", office.examiner)
        assert (reports, cases) == (len(accepted), len(accepted))


# Each test starts `make up` once or twice, and each start takes a fresh PostgreSQL
# and NATS, eight migrations and eight processes (20-60 s): so a start serves every
# check it can, in the order a user meets them, rather than one start per check.
def test_up_serves_the_walkthrough_brings_killed_parts_back_and_stops_on_ctrl_c(
    tmp_path: Path,
):
    if not shutil.which("curl"):
        pytest.skip("the walkthrough needs curl")
    port = free_port()
    state_dir = tmp_path / ".apik"  # where the walkthrough, run in tmp_path, looks
    up = Up(state_dir, port)
    try:
        output = up.ready()
        for step in ("starting PostgreSQL", "starting NATS", "creating databases"):
            assert step in output
        services = ("intake", "examination", "consultation", "reporting", "internship")
        for name in (*services, "prevention", "integration", "gateway"):
            assert f"migrating {name}" in output and f"starting {name} on port" in output
        assert f"admin_password in {state_dir / 'secrets.json'}" in output, output
        assert first_password(state_dir) not in output
        assert f"http://127.0.0.1:{port}" in output
        assert httpx.get(f"{up.url}/readyz", timeout=5).status_code == 200
        assert_locked(up)
        env = {k: v for k, v in os.environ.items() if not k.startswith("APIK_")}
        pasted = subprocess.run(
            ["bash", "-c", readme_walkthrough()],
            cwd=tmp_path,
            env={**env, "APIK_PORT": str(port)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert pasted.returncode == 0, pasted.stdout + pasted.stderr
        report_id = re.search(r"^report (\S+)$", pasted.stdout, re.MULTILINE)
        assert report_id, pasted.stdout + pasted.stderr
        statuses = ["formally_verified", "materially_verified", "accepted"]
        assert pasted.stdout.split()[2:5] == statuses, pasted.stdout + pasted.stderr
        assert f'"report_id": "{report_id.group(1)}"' in pasted.stdout  # the case
        asyncio.run(
            killed_service_and_nats_come_back_losing_no_report(up, first_password(state_dir))
        )
        children = up.descendants()
        assert len(children) >= 7  # PostgreSQL, NATS, four services, the gateway
    finally:
        stopping_at = len(up.lines)
        os.killpg(up.process.pid, signal.SIGINT)  # Ctrl-C: the terminal signals the group
        up.process.wait(60)
    assert up.process.returncode == 0, up.output
    # Nothing came back on the way out (the killed parts came back before it).
    assert "restarting" not in "".join(up.lines[stopping_at:]), up.output
    assert_all_gone(children)


def test_a_password_changed_through_the_api_survives_a_restart_and_a_killed_up_leaves_no_child(
    tmp_path: Path,
):
    port = free_port()
    given = "Given-Admin-Password-1"
    first = Up(tmp_path, port, password=given)
    try:
        output = first.ready()
        assert given not in output
        assert first_password(tmp_path) == given
        new = "Changed-Through-The-API-" + uuid.uuid4().hex[:8]
        with httpx.Client(base_url=first.url, timeout=30) as client:
            token = client.post(
                "/api/v1/auth/token", data={"username": "admin", "password": given}
            ).json()["access_token"]
            auth = {"Authorization": f"Bearer {token}"}
            admin = next(
                u
                for u in client.get("/api/v1/auth/users", headers=auth).json()["items"]
                if u["username"] == "admin"
            )
            changed = client.patch(
                f"/api/v1/auth/users/{admin['id']}",
                json={"password": new},
                headers={**auth, "If-Match": f'"{admin["version"]}"'},
            )
            assert changed.status_code == 200, changed.text
    finally:
        first.process.send_signal(signal.SIGINT)
        first.process.wait(60)
    # Started again without the password: the one changed through the API stands.
    again = Up(tmp_path, port)
    try:
        output = again.ready()
        with httpx.Client(base_url=again.url, timeout=30) as client:
            for password, status in ((new, 200), (given, 401)):
                form = {"username": "admin", "password": password}
                assert client.post("/api/v1/auth/token", data=form).status_code == status
        assert given not in first.output and given not in output and new not in output
        assert str(tmp_path / "secrets.json") in output
        children = again.descendants()
    finally:
        again.process.kill()  # SIGKILL: no chance to stop its children itself
        again.process.wait(10)
    assert_all_gone(children)
