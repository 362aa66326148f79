"""Settings of the intake service (`APIK_*` environment variables)."""

from __future__ import annotations

from typing import Self

from pydantic import Field, model_validator

from apik_shared.platform.crypto import development_keyring, development_transfer_keyring
from apik_shared.platform.settings import Environment, InsecureSettingsError, ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "intake"
    # Keys for reporters' identity at rest: `kid:<base64 32 bytes>,…`, active key first.
    pii_keys: str = ""
    # Key of the blind indexes that recognise a repeat reporter (HMAC-SHA256). Unlike the
    # encryption keys it never rotates (the indexes would stop matching); empty derives
    # it from APIK_SECRET_KEY.
    pii_index_key: str = ""
    # The keyring intake shares with integration to open the personal data that travels
    # between them inside an event: an import's rows (`import.row_ready`) and a portal's
    # pulled complaints (`complaint.pulled`); the same value as integration's. Derived in
    # development; empty elsewhere: neither consumer is registered, and the events wait
    # in the stream until it is set.
    transfer_keys: str = ""
    # Roles that read a reporter's identity in full; every other reader sees it masked.
    identity_roles: list[str] = Field(
        default=["intake_officer", "examiner", "examination_supervisor", "head"]
    )
    # Roles the office designates to read the identity of a reporter who asked for
    # confidentiality; everyone else sees nothing of it.
    confidential_identity_roles: list[str] = Field(default=["head"])
    # The public form: the offices it may file with (empty: any office code).
    public_offices: list[str] = Field(default_factory=list)
    # Wrong tracking PINs (or unknown numbers) per client: this many within the window
    # lock that client out of tracking for `tracking_lock_seconds`, right PIN or not. Per
    # client, not per report, so that a stranger cannot lock a reporter out of their page.
    tracking_max_failures: int = Field(default=5, ge=1)
    tracking_window_seconds: int = Field(default=900, ge=1)
    tracking_lock_seconds: int = Field(default=900, ge=1)
    # The public form's saved drafts (`drafts/`): kept this many days after the last
    # save, then deleted by a job every `public_draft_scan_seconds` (a draft past its
    # expiry is never opened meanwhile).
    public_draft_days: int = Field(default=7, ge=1, le=90)
    public_draft_scan_seconds: float = Field(default=3600, gt=0)
    # Calendar days an incomplete report waits for the reporter, with per-office values;
    # the days are the office's own, so the deadline ends at its local midnight. An
    # office's zone and days off are not settings: they come from the office registry
    # (`apik_shared.platform.offices`), kept from the gateway's events.
    completion_days: int = Field(default=30, ge=1)
    completion_days_by_office: dict[str, int] = Field(default_factory=dict)
    # Years between the event and the report's receipt past which formal verification
    # refuses it unless a head records an exception (two years in the domain's rules).
    age_limit_years: int = Field(default=2, ge=1, le=50)
    # Roles that assign a report to a PVL staff member (admin may too, as everywhere).
    assign_roles: list[str] = Field(default=["head"])
    # How often the job closing reports past their completion deadline runs.
    deadline_scan_seconds: float = Field(default=60, gt=0)
    # Retention (UU 27/2022), in days after a report is finished (rejected, answered,
    # withdrawn, a copy filed, its case closed by examination): then the reporter's links
    # to the same person's other reports (blind indexes, person id) are cut, and later the
    # identity itself is anonymised. Set them from the office's retention schedule (JRA);
    # a period of 0 or less would erase what is still needed, and is refused at start-up.
    retention_person_link_days: int = Field(default=2 * 365, ge=1, le=100 * 365)
    retention_reporter_identity_days: int = Field(default=5 * 365, ge=1, le=100 * 365)
    # How often the retention job runs, and how many reporters one transaction takes.
    retention_scan_seconds: float = Field(default=3600, gt=0)
    retention_batch_size: int = Field(default=200, ge=1, le=10_000)
    # Duplicate candidates: same agency and sector count within this many days.
    duplicate_window_days: int = Field(default=180, ge=1)
    # A report of another office of the deployment is shown as holding the same letter
    # from this trigram similarity of the texts on (`duplicates.rules.same_letter`).
    cross_office_similarity: float = Field(default=0.6, gt=0, le=1)
    # Attachments: the local directory of the default store, the size limit, and the
    # media types accepted (decided from the content, not the file name).
    attachments_dir: str = ".apik/attachments"
    attachment_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1)
    # Files the public form takes in the same request as the report.
    public_form_max_files: int = Field(default=5, ge=0, le=100)
    attachment_types: list[str] = Field(
        default=[
            "application/pdf",
            "image/png",
            "image/jpeg",
            "image/gif",
            "image/webp",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.oasis.opendocument.text",
        ]
    )

    # Notifications to reporters (`notifications/`). The public web app's address, before
    # `/lacak?nomor=` in the tracking link and the survey's path (empty: relative links).
    public_url: str = ""
    # The office's mail server; an empty host records each email as skipped, with why.
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_from: str = "pengaduan@ombudsman.invalid"
    smtp_starttls: bool = True
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_timeout_seconds: float = Field(default=30, gt=0)
    # Seconds before each retry of a message the server did not accept; past the last one
    # the message is `failed` (visible, not retried). FixMyStreet's sender: 5 min, then 30.
    notify_retry_seconds: list[float] = Field(default=[60, 300, 1800, 1800, 7200, 21600])
    notify_scan_seconds: float = Field(default=30, gt=0)
    notify_batch_size: int = Field(default=50, ge=1, le=1000)
    # The files a pulled complaint names at its portal (`portals/service/files.py`):
    # fetched with the limits of the report's own attachments, from public addresses
    # over https only unless allowed (as integration's webhooks), every
    # `portal_file_scan_seconds`, `portal_file_batch` at a time; a failed fetch is tried
    # again after each wait of `portal_file_retry_seconds`, then `failed` (visible).
    portal_file_retry_seconds: list[float] = Field(default=[60, 300, 1800, 7200, 21600, 86400])
    portal_file_scan_seconds: float = Field(default=10, gt=0)
    portal_file_batch: int = Field(default=10, ge=1, le=200)
    portal_file_timeout_seconds: float = Field(default=30, gt=0)
    portal_file_allow_private: bool = False
    portal_file_allow_http: bool = False
    # Complaints pulled from a portal (`complaint.pulled`, integration's phase 2, opened
    # with `transfer_keys`): the portal's categories as substances (a category not
    # listed: `other`).
    portal_substances: dict[str, str] = Field(
        default_factory=lambda: {
            "infrastruktur": "housing",
            "pendidikan": "education",
            "kesehatan": "health",
            "kependudukan": "population_administration",
            "pertanahan": "land",
            "kepolisian": "police",
            "ketenagakerjaan": "labour",
            "bantuan sosial": "social_assistance",
        }
    )

    def completion_days_for(self, office: str) -> int:
        return self.completion_days_by_office.get(office, self.completion_days)

    @model_validator(mode="after")
    def _keyring(self) -> Self:
        if not self.pii_keys:
            if self.env is not Environment.development:
                raise InsecureSettingsError(f"APIK_PII_KEYS must be set when APIK_ENV={self.env}")
            self.pii_keys = development_keyring(self.secret_key)
        if not self.pii_index_key:
            self.pii_index_key = self.secret_key
        if not self.transfer_keys and self.env is Environment.development:
            # The same in integration (`apik_integration.settings`).
            self.transfer_keys = development_transfer_keyring()
        return self
