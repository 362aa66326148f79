"""Settings refuse development defaults outside development (pure)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from apik_shared.platform.events.bus import nats_servers
from apik_shared.platform.settings import DEVELOPMENT_SECRET, ServiceSettings, to_asyncpg_url


def test_development_accepts_the_defaults(monkeypatch):
    monkeypatch.delenv("APIK_SECRET_KEY", raising=False)
    settings = ServiceSettings(env="development")
    assert settings.secret_key == DEVELOPMENT_SECRET


@pytest.mark.parametrize("env", ["test", "production"])
def test_other_environments_refuse_the_development_secret(env, monkeypatch):
    monkeypatch.delenv("APIK_SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="APIK_SECRET_KEY"):
        ServiceSettings(env=env, database_url="postgresql://x@h/db")


def test_production_needs_a_database(monkeypatch):
    monkeypatch.delenv("APIK_DATABASE_URL", raising=False)
    with pytest.raises(ValidationError, match="APIK_DATABASE_URL"):
        ServiceSettings(env="production", secret_key="s3cret-from-a-vault")


def test_values_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("APIK_ENV", "production")
    monkeypatch.setenv("APIK_SECRET_KEY", "from-env")
    monkeypatch.setenv("APIK_DATABASE_URL", "postgres://u:p@db:5432/intake")
    settings = ServiceSettings()
    assert settings.secret_key == "from-env"
    assert settings.async_database_url == "postgresql+asyncpg://u:p@db:5432/intake"
    assert to_asyncpg_url("postgresql+asyncpg://a/b") == "postgresql+asyncpg://a/b"


def test_a_cluster_is_a_list_of_nats_servers_and_a_replica_count(monkeypatch):
    monkeypatch.setenv("APIK_NATS_URL", "nats://u:p@n1:4222, nats://u:p@n2:4222,")
    monkeypatch.setenv("APIK_STREAM_REPLICAS", "3")
    settings = ServiceSettings()
    assert nats_servers(settings.nats_url) == ["nats://u:p@n1:4222", "nats://u:p@n2:4222"]
    assert settings.stream_replicas == 3
    assert ServiceSettings(stream_replicas=1).stream_replicas == 1  # the default: one server
    with pytest.raises(ValueError):
        nats_servers(" , ")
    with pytest.raises(ValidationError):
        ServiceSettings(stream_replicas=0)
