"""The attack the keyring answers for clinics: someone who reads the prevention database
directly (a dump, a backup, a stolen replica) finds no participant's name; a sealed name
copied onto another participant does not open there; and the name still reaches who is
entitled to it: the prevention unit in full (audited), others masked, the printed
certificate in full."""

from __future__ import annotations

import uuid

import pytest

from apik_prevention.clinics.service import identity_context
from apik_shared.platform.crypto import DecryptionError, FieldCipher
from apik_testing import services
from apik_testing.pdf import text_of
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import CLINICS, V1, open_clinic, register


async def _completed_clinic(
    prevention: RunningService, headers: dict[str, str]
) -> tuple[str, str, str]:
    clinic = (await open_clinic(prevention, headers))["id"]
    rina = await register(prevention, headers, clinic, "Rina Marlina", "Dinas Kesehatan")
    other = await register(prevention, headers, clinic, "Orang Lain", "Dinas Sosial")
    current = await prevention.client.get(f"{CLINICS}/{clinic}", headers=headers)
    attended = await prevention.client.put(
        f"{CLINICS}/{clinic}/attendance",
        json={"attended": [rina]},
        headers={**headers, "If-Match": current.headers["ETag"]},
    )
    assert attended.status_code == 200, attended.text
    done = await prevention.client.post(
        f"{CLINICS}/{clinic}/complete",
        headers={**headers, "If-Match": attended.headers["ETag"]},
    )
    assert done.status_code == 200, done.text
    return clinic, rina, other


async def test_reading_the_table_directly_shows_no_name(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    clinic, rina, _ = await _completed_clinic(prevention, enumerator)
    shown = await prevention.client.get(
        f"{CLINICS}/{clinic}/participants/{rina}", headers=enumerator
    )
    # The API holds the name in full: the data is there, only sealed.
    assert shown.json()["name"] == "Rina Marlina"
    row = await prevention.scalar(
        "SELECT row_to_json(t)::text FROM clinic_participant t WHERE id = CAST(:i AS uuid)",
        i=rina,
    )
    assert isinstance(row, str)
    assert "rina" not in row.casefold() and "marlina" not in row.casefold(), row
    assert '"identity":"test:' in row.replace(" ", ""), row
    columns = await prevention.scalar(
        "SELECT string_agg(column_name, ',') FROM information_schema.columns"
        " WHERE table_name = 'clinic_participant'"
    )
    assert "name" not in columns.split(",")


async def test_a_sealed_name_copied_to_another_participant_does_not_open(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    _, rina, other = await _completed_clinic(prevention, enumerator)
    sealed = await prevention.scalar(
        "SELECT identity FROM clinic_participant WHERE id = CAST(:i AS uuid)", i=rina
    )
    cipher: FieldCipher = prevention.app.state.cipher
    assert b"Rina Marlina" in cipher.decrypt(sealed, context=identity_context(uuid.UUID(rina)))
    with pytest.raises(DecryptionError):
        cipher.decrypt(sealed, context=identity_context(uuid.UUID(other)))
    with pytest.raises(DecryptionError):
        FieldCipher(services.test_keyring()).decrypt(
            sealed, context=identity_context(uuid.UUID(rina))
        )


async def test_masked_outside_the_unit_audited_inside_and_printed_in_full(
    prevention: RunningService, enumerator: dict[str, str], tokens: TestTokens
) -> None:
    clinic, rina, _ = await _completed_clinic(prevention, enumerator)
    reads = "SELECT count(*) FROM clinic_participant_read WHERE clinic_id = CAST(:c AS uuid)"
    before = await prevention.scalar(reads, c=clinic)

    analyst = tokens.headers("analyst", office="KAB", username="analis")
    masked = await prevention.client.get(f"{CLINICS}/{clinic}/participants/{rina}", headers=analyst)
    assert masked.status_code == 200 and masked.json()["name"] == "R*** M******"
    gains = await prevention.client.get(f"{CLINICS}/{clinic}/n-gain", headers=analyst)
    assert {p["name"] for p in gains.json()["participants"]} == {"R*** M******", "O**** L***"}
    # A masked read is no full read: nothing audited for the analyst.
    assert await prevention.scalar(reads, c=clinic) == before

    pdf = await prevention.client.get(
        f"{CLINICS}/{clinic}/participants/{rina}/certificate.pdf", headers=enumerator
    )
    assert pdf.status_code == 200, pdf.text
    assert "Rina Marlina" in text_of(pdf.content)
    purposes = await prevention.scalar(
        "SELECT string_agg(purpose, ',') FROM clinic_participant_read"
        " WHERE clinic_id = CAST(:c AS uuid)",
        c=clinic,
    )
    assert "certificate" in purposes.split(",")
    code = (
        await prevention.client.get(f"{CLINICS}/{clinic}/participants/{rina}", headers=enumerator)
    ).json()["certificate_code"]
    check = await prevention.client.get(f"{V1}/public/clinics/certificates/{code}")
    assert check.status_code == 200, check.text
    assert check.json()["participant"] == "R*** M******"
