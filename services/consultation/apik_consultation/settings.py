"""Settings of the consultation desk service (`APIK_*` environment variables)."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from apik_shared.platform.crypto import development_keyring
from apik_shared.platform.settings import Environment, InsecureSettingsError, ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "consultation"
    # Keys for visitors' name and phone at rest: `kid:<base64 32 bytes>,…`, active key first.
    pii_keys: str = ""
    # Roles that serve the desk's visitors and read their name, phone and institution in
    # full, in their own office (every read audited); every other reader sees them masked.
    visitor_roles: list[str] = Field(default=["desk_officer", "desk_supervisor"])
    # Sanggahan terms (calendar days); the procurement rules allow an office to differ.
    objection_filing_days: int = Field(default=5, ge=1)
    objection_answer_days: int = Field(default=3, ge=1)
    appeal_filing_days: int = Field(default=5, ge=1)
    appeal_answer_days: int = Field(default=14, ge=1)
    appeal_guarantee_percent: int = Field(default=1, ge=0, le=100)
    # The readings docs/objections.md sets out (Perpres 16/2018's tender documents by
    # default): a period ending on a day the office does not work ends on its next
    # working day; the answer's days count from the end of the filing period
    # (`filing`: from the day of filing); appeals are open to every tender.
    objection_periods_end_on_working_day: bool = True
    objection_answer_counts_from: Literal["filing_period_end", "filing"] = "filing_period_end"
    appeal_construction_only: bool = False
    # A drawn signature is small; anything bigger is not one.
    signature_max_bytes: int = Field(default=256 * 1024, ge=1024)
    # The live queue: how often it looks for changes, and how long a quiet stream may
    # stay silent (below the gateway's 30 s read timeout).
    live_poll_seconds: float = Field(default=1.0, gt=0)
    live_heartbeat_seconds: float = Field(default=15.0, gt=0)
    # Retention (UU 27/2022): days after a visit is over (served; an objection answered)
    # that the visitor's name, phone, institution and signature are kept, then erased.
    # Set it from the office's retention schedule (JRA); a period of 0 or less would erase
    # what is still needed, and is refused at start-up.
    retention_visitor_identity_days: int = Field(default=2 * 365, ge=1, le=100 * 365)
    # How often the retention job runs, and how many visits one transaction takes.
    retention_scan_seconds: float = Field(default=3600, gt=0)
    retention_batch_size: int = Field(default=200, ge=1, le=10_000)

    @model_validator(mode="after")
    def _keyring(self) -> Self:
        if not self.pii_keys:
            if self.env is not Environment.development:
                raise InsecureSettingsError(f"APIK_PII_KEYS must be set when APIK_ENV={self.env}")
            self.pii_keys = development_keyring(self.secret_key)
        return self
