"""The attack the keyring answers: someone who reads the prevention database directly
(a dump, a backup, a stolen replica) finds no focal point's or member's name, phone or
email; and a sealed identity copied onto another row does not open there."""

from __future__ import annotations

import uuid

import pytest

from apik_prevention.community.service import identity_context
from apik_shared.platform.crypto import DecryptionError, FieldCipher
from apik_testing import services
from apik_testing.services import RunningService
from tests.prevention.builders import (
    FOCAL_POINTS,
    add_community_group,
    add_focal_point,
    add_member,
)

SECRETS = ("Rina", "Marlina", "3456", "rina.marlina", "Siti", "Aminah", "1111", "siti.aminah")


async def _row_text(prevention: RunningService, table: str, ident: str) -> str:
    # The whole row as the database holds it, every column, as an attacker would see it.
    text = await prevention.scalar(
        f"SELECT row_to_json(t)::text FROM {table} t WHERE id = CAST(:i AS uuid)", i=ident
    )
    assert isinstance(text, str)
    return text


async def test_reading_the_tables_directly_shows_no_plaintext(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    point = await add_focal_point(prevention, enumerator)
    group = (await add_community_group(prevention, enumerator))["id"]
    member = await add_member(prevention, enumerator, group)
    # The API holds them in full: the data is there, only sealed.
    assert point["name"] == "Rina Marlina" and member["email"] == "siti.aminah@contoh.id"

    for table, ident in (("focal_point", point["id"]), ("community_member", member["id"])):
        row = await _row_text(prevention, table, ident)
        leaked = [s for s in SECRETS if s.casefold() in row.casefold()]
        assert leaked == [], f"{table} shows {leaked}: {row}"
        # What is there instead: a ciphertext naming the test keyring's key.
        assert '"identity": "test:' in row or '"identity":"test:' in row, row


async def test_a_sealed_identity_copied_to_another_row_does_not_open(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    group = (await add_community_group(prevention, enumerator))["id"]
    victim = await add_member(prevention, enumerator, group, name="Dewi Lestari")
    mine = await add_member(prevention, enumerator, group, name="Orang Lain")
    sealed = await prevention.scalar(
        "SELECT identity FROM community_member WHERE id = CAST(:v AS uuid)", v=victim["id"]
    )
    cipher: FieldCipher = prevention.app.state.cipher
    # Opened in its own row it is the victim; pasted onto mine it opens nowhere.
    assert b"Dewi Lestari" in cipher.decrypt(
        sealed, context=identity_context(uuid.UUID(victim["id"]))
    )
    with pytest.raises(DecryptionError):
        cipher.decrypt(sealed, context=identity_context(uuid.UUID(mine["id"])))
    # Nor with another keyring (a database copied without the service's keys).
    with pytest.raises(DecryptionError):
        FieldCipher(services.test_keyring()).decrypt(
            sealed, context=identity_context(uuid.UUID(victim["id"]))
        )
    assert (await prevention.client.get(FOCAL_POINTS, headers=enumerator)).status_code == 200
