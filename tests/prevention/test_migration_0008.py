"""Prevention's migrations: 0008 seals the focal points written before it with the
service's keyring, drops their plaintext, and goes back down."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import date

import asyncpg
import pytest
from alembic import command

from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.migrations import alembic_config, upgrade
from apik_shared.platform.settings import to_plain_postgres_url
from apik_testing import services
from apik_testing.infra import TestInfra

SCRIPTS = "apik_prevention:migrations"


async def test_0008_seals_existing_focal_points_and_goes_back_down(
    infra: TestInfra, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring = services.test_keyring()
    # The migration reads the keyring as the service does: from its environment.
    monkeypatch.setenv("APIK_PII_KEYS", keyring)
    url = await infra.adatabase("prevention_sealing")
    await upgrade(url, SCRIPTS, "0006")
    with_contact, bare = uuid.uuid4(), uuid.uuid4()
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        insert = (
            "INSERT INTO focal_point (id, office, name, role, agency, regency, phone, email,"
            " valid_from, consent_on, consent_scope, status, created_by)"
            " VALUES ($1, 'KAB', $2, 'Pengelola', 'Dinas', 'Kaur', $3, $4, '2024-01-01', $5,"
            " '[\"contact\"]', 'invited', 'x')"
        )
        await conn.execute(
            insert,
            with_contact,
            "Rina Marlina",
            "+6281234567890",
            "rina@kaur.go.id",
            date(2024, 1, 5),
        )
        await conn.execute(insert, bare, "Budi Tanpa Kontak", None, None, None)

        await upgrade(url, SCRIPTS)
        columns = {
            r["column_name"]
            for r in await conn.fetch(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'focal_point'"
            )
        }
        assert {"name", "phone", "email"}.isdisjoint(columns)
        dump = await conn.fetchval("SELECT json_agg(f)::text FROM focal_point f")
        assert "Rina" not in dump and "4567" not in dump and "Budi" not in dump
        cipher = FieldCipher(keyring)
        row = await conn.fetchrow(
            "SELECT identity, has_contact FROM focal_point WHERE id = $1", with_contact
        )
        opened = json.loads(
            cipher.decrypt(row["identity"], context=f"focal-point:{with_contact}:identity")
        )
        assert opened == {
            "name": "Rina Marlina",
            "phone": "+6281234567890",
            "email": "rina@kaur.go.id",
        }
        assert row["has_contact"] is True
        assert (
            await conn.fetchval("SELECT has_contact FROM focal_point WHERE id = $1", bare) is False
        )
        # The consent constraint still holds on the sealed rows.
        with pytest.raises(asyncpg.CheckViolationError):
            await conn.execute(
                "UPDATE focal_point SET consent_on = NULL WHERE id = $1", with_contact
            )

        await asyncio.to_thread(command.downgrade, alembic_config(url, SCRIPTS), "0006")
        name = await conn.fetchval("SELECT name FROM focal_point WHERE id = $1", with_contact)
        assert name == "Rina Marlina"
        await upgrade(url, SCRIPTS)
        assert (
            await conn.fetchval("SELECT count(*) FROM focal_point WHERE identity IS NOT NULL") == 2
        )
    finally:
        await conn.close()


async def test_0008_refuses_to_seal_without_the_keyring_outside_development(
    infra: TestInfra, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("APIK_PII_KEYS", raising=False)
    monkeypatch.setenv("APIK_ENV", "production")
    monkeypatch.setenv("APIK_SECRET_KEY", "a-production-secret-key-of-enough-length-0123456789")
    url = await infra.adatabase("prevention_no_keys")
    # What a production container has, all but the keyring.
    monkeypatch.setenv("APIK_DATABASE_URL", url)
    await upgrade(url, SCRIPTS, "0006")
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        await conn.execute(
            "INSERT INTO focal_point (id, office, name, role, agency, regency, valid_from,"
            " status, created_by) VALUES ($1, 'KAB', 'Rina', 'r', 'a', 'Kaur', '2024-01-01',"
            " 'invited', 'x')",
            uuid.uuid4(),
        )
        with pytest.raises(Exception, match="APIK_PII_KEYS"):
            await upgrade(url, SCRIPTS)
        # Nothing changed: the plaintext is still where it was, no half-sealed table.
        assert await conn.fetchval("SELECT name FROM focal_point") == "Rina"
        version = await conn.fetchval("SELECT version_num FROM alembic_version")
        assert version == "0006"
    finally:
        await conn.close()
