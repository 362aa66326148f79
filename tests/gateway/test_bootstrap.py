"""Start-up: signing key, bootstrap office and administrator, several replicas at once."""

from __future__ import annotations

import asyncio
import logging

import httpx
import pytest
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlmodel import col

from apik_gateway.app import create_app
from apik_gateway.bootstrap import bootstrap
from apik_gateway.models import Office, SigningKey, User
from apik_gateway.settings import Settings
from apik_gateway.tokens.service.passwords import verify_secret
from apik_shared.platform.db import Database
from apik_shared.platform.events.outbox import Outbox
from apik_shared.platform.events.publish import bind_outbox
from apik_shared.platform.tables import outbox
from apik_testing.infra import TestInfra
from tests.gateway.builders import ADMIN_PASSWORD, gateway_settings, migrated_database
from tests.gateway.servers import serve


@pytest.fixture
async def fresh_database(infra: TestInfra) -> str:
    return await migrated_database(infra)


def platform_bound(url: str) -> Database:
    """The database as the gateway opens it: sessions publish into its outbox."""
    database = Database(url)
    bind_outbox(database.sessions, Outbox("gateway"))
    return database


async def _admin(database: Database) -> User:
    async with database.sessions() as session:
        found = await session.execute(select(User).where(col(User.username) == "admin"))
        return found.scalar_one()


async def test_creates_key_office_and_admin_once_when_replicas_start_together(
    fresh_database: str,
) -> None:
    settings = gateway_settings(fresh_database)
    database = platform_bound(fresh_database)
    try:
        await asyncio.gather(*(bootstrap(database.sessions, settings) for _ in range(4)))
        async with database.sessions() as session:
            keys = (await session.execute(select(SigningKey))).scalars().all()
            offices = (await session.execute(select(Office))).scalars().all()
            admins = await session.scalar(select(func.count()).select_from(User))
            announced = (await session.execute(select(outbox.c.subject))).scalars().all()
        assert len(keys) == 1 and keys[0].active
        assert [(o.code, o.timezone) for o in offices] == [("PUSAT", "Asia/Jakarta")]
        # Its documents have a kop surat and a signing title before an admin sets them.
        assert offices[0].letterhead == ["OMBUDSMAN REPUBLIK INDONESIA", "KANTOR PUSAT"]
        assert offices[0].head_title == "Ketua Ombudsman Republik Indonesia"
        # Announced once to the services, whichever replica got there first.
        assert offices[0].announced_version == offices[0].version == 1
        assert announced == ["apik.gateway.office.registered"]
        assert admins == 1
        admin = await _admin(database)
        assert set(admin.roles) == {"admin", "national"}
        assert admin.office == "PUSAT"
        assert await verify_secret(admin.password_hash, ADMIN_PASSWORD)
    finally:
        await database.dispose()


async def test_the_password_setting_only_seeds_the_administrator(fresh_database: str) -> None:
    database = platform_bound(fresh_database)
    try:
        await bootstrap(database.sessions, gateway_settings(fresh_database))
        other = "a-brand-new-admin-passphrase"
        await bootstrap(database.sessions, gateway_settings(fresh_database, admin_password=other))
        admin = await _admin(database)
        assert await verify_secret(admin.password_hash, ADMIN_PASSWORD)
        assert not await verify_secret(admin.password_hash, other)
        assert admin.version == 1
    finally:
        await database.dispose()


async def _token_status(client: httpx.AsyncClient, password: str) -> int:
    form = {"username": "admin", "password": password}
    return (await client.post("/api/v1/auth/token", data=form)).status_code


async def test_a_password_changed_through_the_api_survives_a_restart(
    fresh_database: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The attack on the old start-up: the first password, still in the environment
    (and in .apik/secrets.json), worked again after every restart."""
    settings = gateway_settings(fresh_database)
    changed = "a-passphrase-of-its-own-choice-7"
    async with serve(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:
        token = (
            await client.post(
                "/api/v1/auth/token", data={"username": "admin", "password": ADMIN_PASSWORD}
            )
        ).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        me = (await client.get("/api/v1/auth/users", headers=auth)).json()
        admin = next(u for u in me["items"] if u["username"] == "admin")
        response = await client.patch(
            f"/api/v1/auth/users/{admin['id']}",
            json={"password": changed},
            headers={**auth, "If-Match": f'"{admin["version"]}"'},
        )
        assert response.status_code == 200, response.text
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        async with serve(create_app(settings)) as url, httpx.AsyncClient(base_url=url) as client:
            assert await _token_status(client, changed) == 200
            assert await _token_status(client, ADMIN_PASSWORD) == 401
    said = "\n".join(r.getMessage() for r in caplog.records)
    assert changed not in said and ADMIN_PASSWORD not in said


async def test_without_a_password_setting_a_generated_one_is_logged(
    fresh_database: str, caplog: pytest.LogCaptureFixture
) -> None:
    database = platform_bound(fresh_database)
    try:
        with caplog.at_level(logging.WARNING, logger="apik.gateway.bootstrap"):
            await bootstrap(database.sessions, gateway_settings(fresh_database, admin_password=""))
        record = next(r for r in caplog.records if "created administrator" in r.getMessage())
        generated = str(record.args[1])  # type: ignore[index]
        assert await verify_secret((await _admin(database)).password_hash, generated)
    finally:
        await database.dispose()


async def test_a_key_that_cannot_be_decrypted_is_replaced(fresh_database: str) -> None:
    database = platform_bound(fresh_database)
    try:
        await bootstrap(database.sessions, gateway_settings(fresh_database))
        await bootstrap(
            database.sessions, gateway_settings(fresh_database, secret_key="another-secret-key-xyz")
        )
        async with database.sessions() as session:
            keys = (await session.execute(select(SigningKey))).scalars().all()
        assert len(keys) == 2
        assert sum(k.active for k in keys) == 1
    finally:
        await database.dispose()


# A bootstrap office is checked like an office opened through the API.
@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("bootstrap_office_timezone", "Asia/Bangkok"),
        ("bootstrap_office_timezone", "UTC"),
        ("bootstrap_office_code", "kantor pusat"),
        ("bootstrap_office_name", ""),
    ],
)
def test_a_bootstrap_office_unlike_any_office_is_refused_at_start(
    setting: str, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APIK_ENV", "development")
    monkeypatch.setenv(f"APIK_{setting.upper()}", value)
    with pytest.raises(ValidationError, match=setting):
        Settings()


@pytest.mark.parametrize("zone", ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"])
def test_the_bootstrap_office_may_be_in_any_indonesian_zone(
    zone: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APIK_ENV", "development")
    monkeypatch.setenv("APIK_BOOTSTRAP_OFFICE_TIMEZONE", zone)
    monkeypatch.setenv("APIK_BOOTSTRAP_OFFICE_CODE", "MKS")
    settings = Settings()
    assert (settings.bootstrap_office_code, settings.bootstrap_office_timezone) == ("MKS", zone)
