"""Settings of the internship service (`APIK_*` environment variables).

No public regulation or SOP of the Ombudsman's internship was found (the research page,
`internship.md`): every number below is the office's to set, with a documented default.
"""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from apik_internship.evaluations.rules import DEFAULT_RUBRICS, Subject
from apik_shared.platform.crypto import development_keyring
from apik_shared.platform.phone import ProviderName, check_phone_settings
from apik_shared.platform.settings import Environment, InsecureSettingsError, ServiceSettings
from apik_shared.vocabulary.files import DOCX, JPEG, ODT, PDF, PNG, XLSX


class Settings(ServiceSettings):
    service_name: str = "internship"
    # Keys for applicants' identity, their institutions' letters and the Red Button's
    # sealed reports at rest: `kid:<base64 32 bytes>,…`, active key first.
    pii_keys: str = ""
    # The units interns rotate through (the seeds: intake, prevention, examination); an
    # application asks for some of them, a quota and an acceptance name one.
    units: list[str] = Field(default=["intake", "prevention", "examination"], min_length=1)
    # Phases a cohort's rotation is cut into, when the coordinator does not say (the
    # seeds rotate interns through intake, prevention and examination: one phase each).
    rotation_phases: int = Field(default=3, ge=1, le=12)
    # The office screen's attendance code changes every this many seconds, and a code
    # is still accepted this many windows after its own (time to type it; a slow
    # clock). No rule sets them: TOTP's 30 s (RFC 6238) and one window of grace.
    attendance_code_seconds: int = Field(default=30, ge=5, le=3600)
    attendance_code_grace: int = Field(default=1, ge=0, le=10)
    # Logbook reminders: missing days are looked for this many days back (older ones
    # are the supervisor's to raise), and an entry waiting this many working days for
    # approval reminds the supervisors (MBKM asks for a daily logbook signed off by the
    # field supervisor; no deadline for that was found: the office sets it).
    logbook_lookback_days: int = Field(default=14, ge=1, le=366)
    logbook_approval_days: int = Field(default=2, ge=1, le=60)
    # How often the reminder job looks (hourly is plenty for a daily logbook).
    logbook_scan_seconds: float = Field(default=3600, gt=0)
    # An intern's work files: documents, spreadsheets and images, judged by content.
    work_types: list[str] = Field(default=[PDF, DOCX, XLSX, ODT, JPEG, PNG])
    work_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    # Roles that review applications and read applicants in full (their own office,
    # every read audited); every other reader (head, analyst) sees them masked.
    applicant_roles: list[str] = Field(default=["intern_supervisor"])
    # The institution's letter: a scan or a PDF, judged by its content.
    letter_types: list[str] = Field(default=[PDF, JPEG, PNG])
    letter_max_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    # The longest internship an application may ask for (the seeds: one month to one
    # semester under MBKM; a year leaves room for a double semester).
    max_period_days: int = Field(default=366, ge=1)
    # UU 12/2022 (TPKS) art. 42: protection within 1x24 hours of the report.
    protection_hours: int = Field(default=24, ge=1)
    # Minutes after a Red Button is raised, still unacknowledged, at which it escalates:
    # first to the office's other protection officers, then to its head. Ascending; the
    # SOP that names them was not found, so these are placeholders for the office to set.
    escalation_minutes: list[int] = Field(default=[10, 20], min_length=1, max_length=2)
    # The Red Button's monthly statistics show a month's count and response times only
    # when it holds at least this many cases: fewer could point at the intern (no rule
    # sets the number; 5 is a common small-cell threshold, for the office to set).
    statistics_min_count: int = Field(default=5, ge=1)
    # How often the escalation job looks (well under a minute: alerts are due in minutes).
    escalation_scan_seconds: float = Field(default=15, gt=0)
    # The Red Button's alerts off-screen (`alerting/`): the office's mail server (an empty
    # host records each email as skipped, with why), and the waits before an alert the
    # server refused is tried again, the last one repeated while the case is
    # unacknowledged (short: an intern may be in danger); how often the sender looks.
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_from: str = "tombol-merah@ombudsman.invalid"
    smtp_starttls: bool = True
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_timeout_seconds: float = Field(default=30, gt=0)
    alert_retry_seconds: list[float] = Field(default=[15, 30, 60, 120], min_length=1)
    alert_scan_seconds: float = Field(default=5, gt=0)
    alert_batch_size: int = Field(default=50, ge=1, le=1000)
    # Alerts by phone (`apik_shared.platform.phone`): `whatsapp` (the WhatsApp Business
    # Cloud API, the office's approved template `alerting.rules.ALERT_TEMPLATE`), `sms` (a
    # generic HTTP SMS gateway) or empty (phone alerts recorded as skipped, with why).
    # https only outside development, unless the gateway is on this machine's loopback.
    phone_provider: ProviderName = ""
    phone_timeout_seconds: float = Field(default=10, gt=0, le=120)
    whatsapp_api_url: str = "https://graph.facebook.com/v21.0"
    whatsapp_phone_number_id: str = ""
    whatsapp_token: str = ""
    whatsapp_template: str = ""
    whatsapp_language: str = "id"
    # `{to}` (+62…), `{msisdn}` (62…) and `{text}` are filled in, percent-encoded.
    sms_url: str = ""
    sms_method: Literal["GET", "POST"] = "POST"
    sms_token: str = ""
    sms_token_header: str = "Authorization"
    # The QR codes on acceptance letters and certificates lead to
    # `<public_url>/api/v1/internship/public/…/<code>` (`public_url`: the platform's
    # APIK_PUBLIC_URL, where the public reaches the gateway).
    # Completion (`certificates.rules`): no SOP of the office was found, so these are
    # placeholders for it to set. Attendance and the logbook as percentages of the
    # period's working days (80: the share Indonesian training programmes commonly ask),
    # the supervisors' final evaluation on 0 to 100 (70: "baik" on the usual scale).
    completion_attendance_percent: int = Field(default=80, ge=0, le=100)
    completion_logbook_percent: int = Field(default=80, ge=0, le=100)
    completion_min_score: int = Field(default=70, ge=0, le=100)
    # The learning library's files (guidebook, modules, SOP) and interns' final reports:
    # what they may be and how big (a guidebook with pictures runs to several MB).
    learning_types: list[str] = Field(default=[PDF, DOCX, ODT])
    learning_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    # The rubrics' criteria, each scored 1 to 5 (`evaluations.rules`): of the intern (by
    # supervisors), of the unit and of the programme (by the intern). JSON map.
    # Alumni: how long a magic link works, and the deadline of their requests (UU 27/2022:
    # 3 x 24 hours for access and correction; erasure is given the same).
    alumni_link_hours: int = Field(default=72, ge=1)
    alumni_request_hours: int = Field(default=72, ge=1)
    rubrics: dict[Subject, list[str]] = Field(default_factory=lambda: dict(DEFAULT_RUBRICS))
    # Attendance and the logbook (the routes' `Now`, nothing else) see the clock moved by
    # this much: an end-to-end run of the real processes on a Sunday or a holiday stands on
    # a working day (`apik_testing.clock`). Refused in production.
    clock_offset_seconds: float = 0

    @model_validator(mode="after")
    def _escalation_ascends(self) -> Self:
        minutes = self.escalation_minutes
        if any(m < 1 for m in minutes) or minutes != sorted(set(minutes)):
            raise ValueError("APIK_ESCALATION_MINUTES: positive minutes, ascending, no repeats")
        return self

    @model_validator(mode="after")
    def _rubrics(self) -> Self:
        for subject in Subject:
            criteria = self.rubrics.get(subject, [])
            if not criteria or len(set(criteria)) != len(criteria):
                raise ValueError(f"APIK_RUBRICS: {subject} needs its criteria, none repeated")
        return self

    @model_validator(mode="after")
    def _true_clock_in_production(self) -> Self:
        if self.clock_offset_seconds and self.env is Environment.production:
            raise InsecureSettingsError("APIK_CLOCK_OFFSET_SECONDS must be 0 in production")
        return self

    @model_validator(mode="after")
    def _phone(self) -> Self:
        check_phone_settings(self)
        return self

    @model_validator(mode="after")
    def _keyring(self) -> Self:
        if not self.pii_keys:
            if self.env is not Environment.development:
                raise InsecureSettingsError(f"APIK_PII_KEYS must be set when APIK_ENV={self.env}")
            self.pii_keys = development_keyring(self.secret_key)
        return self
