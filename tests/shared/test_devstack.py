"""`make up`'s choice of servers and limits from its environment: embedded servers by
default, the given ones when `APIK_DATABASE_URL` / `APIK_NATS_URL` are set (each on its
own), generous start-up timeouts that `APIK_START_TIMEOUT` changes. The processes
themselves are tested by tests/e2e/test_make_up.py and tests/shared/test_supervisor.py."""

from __future__ import annotations

from pathlib import Path

from apik_shared.devstack.__main__ import UpSettings, main

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
