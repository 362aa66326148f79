"""Prevention's migrations: 0009 seals the clinic participants written before it with
the service's keyring, drops their plaintext name, and goes back down."""

from __future__ import annotations

import asyncio
import json
import uuid

import asyncpg
import pytest
from alembic import command

from apik_shared.platform.crypto import FieldCipher
from apik_shared.platform.migrations import alembic_config, upgrade
from apik_shared.platform.settings import to_plain_postgres_url
from apik_testing import services
from apik_testing.infra import TestInfra

SCRIPTS = "apik_prevention:migrations"


async def _clinic_with(conn: asyncpg.Connection, *names: str) -> list[uuid.UUID]:
    clinic = uuid.uuid4()
    await conn.execute(
        "INSERT INTO clinic (id, office, title, held_on, place, agencies, max_score, status,"
        " created_by) VALUES ($1, 'KAB', 'Klinik', '2024-05-21', 'Aula', '[]', 100,"
        " 'planned', 'x')",
        clinic,
    )
    ids = []
    for name in names:
        ident = uuid.uuid4()
        await conn.execute(
            "INSERT INTO clinic_participant (id, clinic_id, office, name, agency, registered_by)"
            " VALUES ($1, $2, 'KAB', $3, 'Dinas Sosial', 'x')",
            ident,
            clinic,
            name,
        )
        ids.append(ident)
    return ids


async def test_0009_seals_existing_participants_and_goes_back_down(
    infra: TestInfra, monkeypatch: pytest.MonkeyPatch
) -> None:
    keyring = services.test_keyring()
    monkeypatch.setenv("APIK_PII_KEYS", keyring)
    url = await infra.adatabase("prevention_clinic_sealing")
    await upgrade(url, SCRIPTS, "0008")
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        rina, budi = await _clinic_with(conn, "Rina Marlina", "Budi Santoso")

        await upgrade(url, SCRIPTS)
        columns = {
            r["column_name"]
            for r in await conn.fetch(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = 'clinic_participant'"
            )
        }
        assert "name" not in columns and "identity" in columns
        dump = await conn.fetchval("SELECT json_agg(p)::text FROM clinic_participant p")
        assert "Rina" not in dump and "Budi" not in dump
        sealed = await conn.fetchval("SELECT identity FROM clinic_participant WHERE id = $1", rina)
        opened = FieldCipher(keyring).decrypt(sealed, context=f"clinic-participant:{rina}:identity")
        assert json.loads(opened) == {"name": "Rina Marlina"}

        # A focal point erased at their request has no identity; 0008 gets an empty one.
        erased = uuid.uuid4()
        await conn.execute(
            "INSERT INTO focal_point (id, office, role, agency, regency, valid_from, status,"
            " created_by, erased_at) VALUES ($1, 'KAB', 'r', 'a', 'Kaur', '2024-01-01',"
            " 'inactive', 'x', now())",
            erased,
        )
        await asyncio.to_thread(command.downgrade, alembic_config(url, SCRIPTS), "0008")
        empty = await conn.fetchval("SELECT identity FROM focal_point WHERE id = $1", erased)
        assert json.loads(
            FieldCipher(keyring).decrypt(empty, context=f"focal-point:{erased}:identity")
        ) == {"name": "", "phone": None, "email": None}
        assert (
            await conn.fetchval("SELECT name FROM clinic_participant WHERE id = $1", budi)
            == "Budi Santoso"
        )
        await upgrade(url, SCRIPTS)
        assert await conn.fetchval("SELECT count(*) FROM clinic_participant") == 2
    finally:
        await conn.close()


async def test_0009_refuses_to_seal_without_the_keyring_outside_development(
    infra: TestInfra, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("APIK_PII_KEYS", raising=False)
    monkeypatch.setenv("APIK_ENV", "production")
    monkeypatch.setenv("APIK_SECRET_KEY", "a-production-secret-key-of-enough-length-0123456789")
    url = await infra.adatabase("prevention_clinic_no_keys")
    monkeypatch.setenv("APIK_DATABASE_URL", url)
    await upgrade(url, SCRIPTS, "0008")
    conn = await asyncpg.connect(to_plain_postgres_url(url))
    try:
        await _clinic_with(conn, "Rina Marlina")
        with pytest.raises(Exception, match="APIK_PII_KEYS"):
            await upgrade(url, SCRIPTS)
        # Nothing changed: the plaintext is still where it was.
        assert await conn.fetchval("SELECT name FROM clinic_participant") == "Rina Marlina"
        assert await conn.fetchval("SELECT version_num FROM alembic_version") == "0008"
    finally:
        await conn.close()
