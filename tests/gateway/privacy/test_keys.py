"""The gateway's keyring for personal data: its own, and required outside development."""

from __future__ import annotations

import pytest

from apik_gateway.settings import Settings
from apik_shared.platform.crypto import DecryptionError, FieldCipher, development_keyring

PRODUCTION = {
    "env": "production",
    "secret_key": "a-real-secret-from-the-vault",
    "database_url": "postgresql://gateway@db/gateway",
}


@pytest.fixture(autouse=True)
def _no_keyring_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("APIK_PII_KEYS", raising=False)


def test_production_refuses_to_start_without_apik_pii_keys() -> None:
    # pydantic wraps the settings' own error (an `InsecureSettingsError`).
    with pytest.raises(ValueError, match="APIK_PII_KEYS must be set"):
        Settings.model_validate(PRODUCTION)


def test_production_takes_the_keyring_it_is_given() -> None:
    keyring = "k1:" + "A" * 43
    assert Settings.model_validate({**PRODUCTION, "pii_keys": keyring}).pii_keys == keyring


def test_development_derives_a_keyring_that_production_keys_cannot_open() -> None:
    settings = Settings.model_validate({"env": "development"})
    development = settings.pii_keys
    assert development == development_keyring(settings.secret_key)
    sealed = FieldCipher(development).encrypt(b"Rahmat", context="data-subject-request:x:requester")
    with pytest.raises(DecryptionError):
        FieldCipher("dev:" + "B" * 43).decrypt(sealed, context="data-subject-request:x:requester")
