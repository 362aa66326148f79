"""Settings of the intake service (`APIK_*` environment variables)."""

from __future__ import annotations

from typing import Self

from pydantic import model_validator

from apik_shared.crypto import development_keyring
from apik_shared.settings import Environment, InsecureSettingsError, ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "intake"
    # Keys for reporters' identity at rest: `kid:<base64 32 bytes>,…`, active key first.
    pii_keys: str = ""

    @model_validator(mode="after")
    def _keyring(self) -> Self:
        if not self.pii_keys:
            if self.env is not Environment.development:
                raise InsecureSettingsError(f"APIK_PII_KEYS must be set when APIK_ENV={self.env}")
            self.pii_keys = development_keyring(self.secret_key)
        return self
