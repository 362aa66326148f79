"""One keyring between integration and intake (`APIK_TRANSFER_KEYS`): an imported row
and a pulled complaint, both sealed with it, open in intake on the real stream; each
ciphertext is bound to its own context, so one never opens as the other; without the
keyring intake registers neither consumer, and in development both services derive the
same one."""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from apik_intake.app import create_app
from apik_intake.consumers import consumers
from apik_intake.portals.service import transfer_context
from apik_intake.settings import Settings as IntakeSettings
from apik_integration.jobs import jobs
from apik_integration.portals.rules import transfer_context as sealing_context
from apik_integration.settings import Settings as IntegrationSettings
from apik_shared.platform.crypto import DecryptionError, FieldCipher, development_transfer_keyring
from apik_shared.platform.events.payloads.integration import ImportRowReady, record_context
from apik_testing.infra import TestInfra
from apik_testing.polling import eventually
from apik_testing.services import RunningService, running
from apik_testing.services import test_keyring as new_keyring
from apik_testing.tokens import TestTokens
from tests.intake.builders import CONTENT, announce, intake_settings, pulled, report_of

TRANSFER = new_keyring()
# Keyword arguments for both services' settings (Any: ** spreads them over typed fields).
OUTSIDE_DEVELOPMENT: dict[str, Any] = {
    "env": "test",
    "secret_key": "s" * 40,
    "pii_keys": "k1:" + "A" * 43 + "=",
    "database_url": "postgresql+asyncpg://u:p@db/apik",
}
RECORD = {
    "registration_number": "",  # set per test
    "received_at": "2020-01-02T05:00:00+00:00",
    "reporter_name": "Siti Aminah",
    "reported_agency": "Dinas Kependudukan Kota Bengkulu",
    "summary": "KTP elektronik tidak kunjung terbit.",
}


@pytest.fixture(scope="module")
async def intake(
    infra: TestInfra, tokens: TestTokens, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[RunningService]:
    settings = await intake_settings(infra, tmp_path_factory, transfer_keys=TRANSFER)
    async with running(create_app(settings), tokens) as service:
        yield service


def imported_row(office: str, number: str) -> ImportRowReady:
    """A row as integration's import job seals it (`imports.service._seal`)."""
    import_id, row = str(uuid.uuid4()), 2
    plain = json.dumps(RECORD | {"registration_number": number}).encode()
    sealed = FieldCipher(TRANSFER).encrypt(plain, context=record_context(import_id, row))
    return ImportRowReady(
        import_id=import_id, row=row, office=office, registration_number=number, record=sealed
    )


async def test_an_imported_row_and_a_pulled_complaint_open_with_the_one_keyring(
    intake: RunningService, infra: TestInfra
) -> None:
    office = "K" + secrets.token_hex(3).upper()
    number = f"{office}-LAMA-1"
    await announce(infra.nats_url, imported_row(office, number), f"import:{number}")
    tracking = f"LAP-{uuid.uuid4().hex[:8]}"
    await announce(infra.nats_url, pulled(intake, tracking, CONTENT), f"lapor:{tracking}")

    async def channel_of_import() -> str | None:
        value = await intake.scalar(
            "SELECT channel FROM report WHERE registration_number = :n", n=number
        )
        return None if value is None else str(value)

    assert await eventually(channel_of_import) == "imported"
    report_id = await eventually(lambda: report_of(intake, tracking))
    channel = await intake.scalar(
        "SELECT channel FROM report WHERE id = :r", r=uuid.UUID(str(report_id))
    )
    assert channel == "portal"


def test_a_ciphertext_of_one_context_does_not_open_in_the_other() -> None:
    keyring = FieldCipher(TRANSFER)
    import_id, row, portal, tracking = str(uuid.uuid4()), 7, "lapor", "LAP-1"
    as_row = record_context(import_id, row)
    as_complaint = transfer_context(portal, tracking)
    # Integration seals a complaint with the context intake opens it with.
    assert sealing_context(portal, tracking) == as_complaint
    row_sealed = keyring.encrypt(b'{"summary": "x"}', context=as_row)
    complaint_sealed = keyring.encrypt(b'{"title": "y"}', context=as_complaint)
    assert keyring.decrypt(row_sealed, context=as_row) == b'{"summary": "x"}'
    assert keyring.decrypt(complaint_sealed, context=as_complaint) == b'{"title": "y"}'
    with pytest.raises(DecryptionError):
        keyring.decrypt(row_sealed, context=as_complaint)
    with pytest.raises(DecryptionError):
        keyring.decrypt(complaint_sealed, context=as_row)


def test_without_the_keyring_intake_registers_neither_consumer() -> None:
    without = {spec.durable for spec in consumers(IntakeSettings(**OUTSIDE_DEVELOPMENT))}
    assert "intake-portal-status" in without
    assert not {"intake-imports", "intake-portal-pull"} & without
    with_keys = IntakeSettings(**OUTSIDE_DEVELOPMENT, transfer_keys=TRANSFER)
    assert {"intake-imports", "intake-portal-pull"} <= {s.durable for s in consumers(with_keys)}
    # Integration outside development: no import job without it (imports answer 409).
    integration = IntegrationSettings(**OUTSIDE_DEVELOPMENT)
    assert integration.transfer_keys == ""
    keyed = IntegrationSettings(**OUTSIDE_DEVELOPMENT, transfer_keys=TRANSFER)
    # No portal configured: the webhook deliveries alone, and the import job with it.
    assert len(jobs(integration)) == 1
    assert len(jobs(keyed)) == 2


def test_in_development_both_services_derive_the_same_keyring() -> None:
    intake = IntakeSettings(secret_key="one development secret")
    integration = IntegrationSettings(secret_key="another development secret")
    assert intake.transfer_keys == integration.transfer_keys == development_transfer_keyring()
    assert intake.transfer_keys not in (intake.pii_keys, integration.pii_keys)
    sealed = FieldCipher(integration.transfer_keys).encrypt(b"x", context="c")
    assert FieldCipher(intake.transfer_keys).decrypt(sealed, context="c") == b"x"
