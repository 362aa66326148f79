"""Settings of the prevention service (`APIK_*` environment variables).

The assessment's own numbers (weights, sample sizes, cut-offs) are not settings: they
are data of each scheme (`schemes/*.json`), versioned and editable through the API.
What is here is how the office works with them.
"""

from __future__ import annotations

from typing import Self

from pydantic import Field, field_validator, model_validator

from apik_prevention.subject_requests.rules import LEGAL_DEADLINE_HOURS
from apik_shared.platform.crypto import development_keyring
from apik_shared.platform.settings import Environment, InsecureSettingsError, ServiceSettings
from apik_shared.vocabulary.files import JPEG, PDF, PNG


class Settings(ServiceSettings):
    service_name: str = "prevention"
    # Keys for focal points' and community members' names and contacts at rest:
    # `kid:<base64 32 bytes>,…`, active key first (required outside development).
    pii_keys: str = ""
    # How many of an assessment's weakest indicators its rapor lists (what to fix first).
    # The 2022 rapor's length was not found; ten fit one page.
    rapor_weakest: int = Field(default=10, ge=1, le=50)

    # Agreements (MoU, PKS): reminders this many days before the end date. The issue asks
    # for 90, 60 and 30 (three months, two, one: time to prepare a renewal's signing).
    agreement_reminder_days: list[int] = Field(default=[90, 60, 30])
    # How often each replica runs the agreements job (expiry and reminders).
    agreement_scan_seconds: float = Field(default=3600, gt=0)
    # The signed document: a scan or the signed PDF, judged by its content.
    agreement_document_types: list[str] = Field(default=[PDF, JPEG, PNG])
    agreement_document_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)

    @field_validator("agreement_reminder_days")
    @classmethod
    def _reminder_days(cls, value: list[int]) -> list[int]:
        if not value or any(day < 1 or day > 730 for day in value):
            raise ValueError("reminder days are between 1 and 730")
        return sorted(set(value), reverse=True)

    # Studies' suggestions: reminders this many days before the due date (negative) and
    # after it (positive). No rule was found in the sources; two weeks before, the day
    # after and a month after let the unit chase an agency in time and once overdue.
    suggestion_reminder_offsets: list[int] = Field(default=[-14, 1, 30])
    # How often each replica runs the suggestions job (reminders).
    suggestion_scan_seconds: float = Field(default=3600, gt=0)
    # The agency's evidence: a letter, a scan or a photo, judged by its content.
    suggestion_evidence_types: list[str] = Field(default=[PDF, JPEG, PNG])
    suggestion_evidence_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)

    @field_validator("suggestion_reminder_offsets")
    @classmethod
    def _reminder_offsets(cls, value: list[int]) -> list[int]:
        if not value or any(day < -365 or day > 365 for day in value):
            raise ValueError("reminder offsets are between -365 and 365 days")
        return sorted(set(value))

    # Data subjects' requests (access, correction, erasure): hours from receipt to answer.
    # UU 27/2022 sets 3 x 24 hours (see `subject_requests/rules.py`); a shorter internal
    # target is allowed, a longer one would break the law, hence the upper bound.
    subject_request_deadline_hours: int = Field(default=LEGAL_DEADLINE_HOURS, ge=1, le=72)
    # How often each replica looks for requests past their deadline (`subject_request.overdue`).
    subject_request_scan_seconds: float = Field(default=300, gt=0)

    @model_validator(mode="after")
    def _keyring(self) -> Self:
        if not self.pii_keys:
            if self.env is not Environment.development:
                raise InsecureSettingsError(f"APIK_PII_KEYS must be set when APIK_ENV={self.env}")
            self.pii_keys = development_keyring(self.secret_key)
        return self
