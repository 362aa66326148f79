"""`make up`'s choice of servers: embedded by default, the given ones when
`APIK_DATABASE_URL` / `APIK_NATS_URL` are set (each on its own)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from apik_shared.devstack import __main__ as devstack

GIVEN_DB = "postgresql://admin:pw@db.example:5432/postgres"
GIVEN_NATS = "nats://nats.example:4222"


class FakeServer:
    started: list[str]

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def start(self) -> FakeServer:
        self.started.append(self.data_dir.name)
        return self

    def stop(self) -> None:
        self.started.append(f"stopped {self.data_dir.name}")


class FakePostgres(FakeServer):
    admin_url = "postgresql://postgres@127.0.0.1:40001/postgres"


class FakeNats(FakeServer):
    url = "nats://127.0.0.1:40002"


class FakeStack:
    made: list[dict[str, Any]]

    def __init__(self, **kwargs: Any) -> None:
        self.made.append(kwargs)
        self.processes: dict[str, Any] = {}
        self.url, self.admin_password = "http://127.0.0.1:8000", "printed-password"

    async def prepare(self) -> None:
        return None

    def start(self) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # the user's Ctrl-C, once everything is up

    def stop(self) -> None:
        self.made.append({"stopped": True})


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[list[str], list[dict[str, Any]]]]:
    started: list[str] = []
    made: list[dict[str, Any]] = []
    monkeypatch.setattr(FakeServer, "started", started, raising=False)
    monkeypatch.setattr(FakeStack, "made", made, raising=False)
    monkeypatch.setattr(devstack, "EmbeddedPostgres", FakePostgres)
    monkeypatch.setattr(devstack, "EmbeddedNats", FakeNats)
    monkeypatch.setattr(devstack, "Stack", FakeStack)
    for name in ("APIK_DATABASE_URL", "APIK_NATS_URL", "APIK_PORT", "APIK_ADMIN_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    # up() installs its own SIGINT/SIGTERM handlers; pytest's come back afterwards.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield started, made
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def test_embedded_servers_by_default(fakes: Any, tmp_path: Path, capsys: Any) -> None:
    started, made = fakes
    assert devstack.up(tmp_path) == 0
    assert started == ["postgres", "nats", "stopped nats", "stopped postgres"]
    assert made[0]["postgres_admin_url"] == FakePostgres.admin_url
    assert made[0]["nats_url"] == FakeNats.url
    assert made[0]["gateway_port"] == 8000 and made[-1] == {"stopped": True}
    printed = capsys.readouterr().out
    assert "http://127.0.0.1:8000" in printed and "printed-password" in printed


def test_given_servers_replace_the_embedded_ones(
    fakes: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, made = fakes
    monkeypatch.setenv("APIK_DATABASE_URL", GIVEN_DB)
    monkeypatch.setenv("APIK_NATS_URL", GIVEN_NATS)
    monkeypatch.setenv("APIK_PORT", "8123")
    assert devstack.up(tmp_path) == 0
    assert started == []
    assert (made[0]["postgres_admin_url"], made[0]["nats_url"]) == (GIVEN_DB, GIVEN_NATS)
    assert made[0]["gateway_port"] == 8123


def test_each_server_may_be_given_alone(
    fakes: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, made = fakes
    monkeypatch.setenv("APIK_DATABASE_URL", GIVEN_DB)
    assert devstack.up(tmp_path) == 0
    assert started == ["nats", "stopped nats"]
    assert (made[0]["postgres_admin_url"], made[0]["nats_url"]) == (GIVEN_DB, FakeNats.url)
