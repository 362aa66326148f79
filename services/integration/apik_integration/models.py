"""Every table of the integration service. A webhook secret is an AES-GCM ciphertext
(`FieldCipher`) bound to its subscription: the database alone signs nothing."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class Subscription(SQLModel, table=True):
    """Another system's endpoint, subscribed by an office to some event types."""

    __tablename__ = "webhook_subscription"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    client: str  # the receiving system, as the office names it
    url: str
    event_types: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    status: str = Field(default="active", max_length=16)  # active | disabled
    disabled_reason: str | None = None
    disabled_at: datetime | None = timestamp_field(default=None)
    secret: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    # The secret before the last rotation, still signing beside the new one until then.
    previous_secret: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    previous_secret_until: datetime | None = timestamp_field(default=None)
    # The first failure since the last success (None while the endpoint answers).
    failing_since: datetime | None = timestamp_field(default=None)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class Delivery(SQLModel, table=True):
    """One event for one subscription: sent until delivered or dead-lettered, never twice
    (one row per event and subscription)."""

    __tablename__ = "webhook_delivery"
    __table_args__ = (UniqueConstraint("event_id", "subscription_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    subscription_id: uuid.UUID = Field(foreign_key="webhook_subscription.id", index=True)
    office: str = Field(max_length=32)
    event_id: str  # also the `webhook-id`: stable across retries, the receiver's dedupe key
    event_type: str
    body: str = Field(sa_column=Column(Text, nullable=False))  # the exact bytes sent
    status: str = Field(default="pending", max_length=16)  # pending | delivered | failed
    attempts: int = 0
    next_attempt_at: datetime | None = timestamp_field(default_factory=utcnow)
    last_status: int | None = None  # the receiver's last HTTP status
    last_error: str | None = None
    created_at: datetime = timestamp_field(default_factory=utcnow)
    last_attempt_at: datetime | None = timestamp_field(default=None)
    delivered_at: datetime | None = timestamp_field(default=None)


class InboundUpdate(SQLModel, table=True):
    """A portal's webhook, verified and kept (each `webhook-id` once per portal) until the
    portal's adapter applies it."""

    __tablename__ = "inbound_update"
    __table_args__ = (UniqueConstraint("portal", "webhook_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    portal: str = Field(max_length=64)
    webhook_id: str = Field(max_length=200)
    sent_at: datetime = timestamp_field()  # the `webhook-timestamp`
    received_at: datetime = timestamp_field(default_factory=utcnow)
    event_type: str | None = None  # the body's `type`, when it has one
    body: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    processed_at: datetime | None = timestamp_field(default=None)
    # What came of it: applied, older, unchanged, duplicate, unknown_report, unreadable;
    # for a complaint.assigned: pulled, duplicate, unknown_complaint, not_switched_on,
    # portal_unavailable; waiting_for_report while a pulled complaint's report is not
    # linked yet (tried again at `retry_at`, for a day).
    outcome: str | None = Field(default=None, max_length=32)
    retry_at: datetime | None = timestamp_field(default=None)


class PortalLink(SQLModel, table=True):
    """A report of ours as a portal knows it: the portal's tracking id is its external
    id (None until the portal has answered the push)."""

    __tablename__ = "portal_link"

    portal: str = Field(primary_key=True, max_length=64)
    registration_number: str = Field(primary_key=True)
    office: str = Field(max_length=32)
    report_id: str | None = None
    external_id: str | None = None
    created_at: datetime = timestamp_field(default_factory=utcnow)
    pushed_at: datetime | None = timestamp_field(default=None)
    # The portal's own status of the report, and when it last changed (its time).
    portal_status: str | None = None
    portal_status_at: datetime | None = timestamp_field(default=None)
    # push: we sent the report (phase 1); pull: the portal assigned it to us (phase 2).
    origin: str = Field(default="push", max_length=8)


class PortalSend(SQLModel, table=True):
    """One thing to send to a portal (the report, or one of its updates), from one event:
    sent once, oldest first per report, retried while the portal is away."""

    __tablename__ = "portal_send"
    __table_args__ = (UniqueConstraint("portal", "event_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    portal: str = Field(max_length=64)
    registration_number: str
    office: str = Field(max_length=32)
    event_id: str
    event_type: str
    kind: str = Field(max_length=16)  # report | update
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    status: str = Field(default="pending", max_length=16)  # pending | sent | failed
    attempts: int = 0
    next_attempt_at: datetime | None = timestamp_field(default_factory=utcnow)
    last_error: str | None = None
    external_update_id: str | None = None  # the portal's id of the update
    created_at: datetime = timestamp_field(default_factory=utcnow)
    sent_at: datetime | None = timestamp_field(default=None)


class PortalStatusUpdate(SQLModel, table=True):
    """A portal's update of one of our reports, once per its id: the status it moved to
    (`applied`), or a note (`older` than the last change, or `unchanged`)."""

    __tablename__ = "portal_update"
    __table_args__ = (UniqueConstraint("portal", "external_update_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    portal: str = Field(max_length=64)
    external_update_id: str
    registration_number: str
    status: str
    at: datetime = timestamp_field()
    note: str | None = None
    effect: str = Field(max_length=16)
    received_at: datetime = timestamp_field(default_factory=utcnow)


# --- imports ---


class ImportJob(SQLModel, table=True):
    """An upload of an office's old records: checked at once (the dry run), then run on
    request, row by row, by the import job (`imports/`)."""

    __tablename__ = "import_job"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    filename: str = Field(max_length=255)
    format: str = Field(max_length=8)  # csv | xlsx
    # Field → the sheet's header, as used (given with the upload, or from the headers).
    mapping: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    # The upload's own status texts → outcome (`mapping.outcomes`, migration 0007).
    outcomes: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSONB, nullable=False, server_default="{}")
    )
    # The upload itself, sealed, until the run ends (then dropped: the rows hold the rest).
    raw: str | None = Field(default=None, sa_column=Column(Text))
    status: str = Field(default="checked", max_length=16)  # checked | running | done
    total_rows: int = 0
    invalid_rows: int = 0
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    started_at: datetime | None = timestamp_field(default=None)
    finished_at: datetime | None = timestamp_field(default=None)
    version: int = 1


class ImportRow(SQLModel, table=True):
    """One row of an upload: its errors (invalid), or its record, sealed, until it is
    handed to intake (`sent`, the record then dropped)."""

    __tablename__ = "import_row"

    import_id: uuid.UUID = Field(foreign_key="import_job.id", primary_key=True)
    row: int = Field(primary_key=True)
    status: str = Field(max_length=16)  # invalid | valid | sent
    registration_number: str | None = None
    errors: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSONB, nullable=False)
    )
    record: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    sent_at: datetime | None = timestamp_field(default=None)


# --- what these tables hold on people, and why (the record: docs/processing.md) -----

_IMPORT_SUBJECTS = Bilingual(
    "Pelapor dalam arsip lama kantor", "Reporters in the office's old records"
)
_IMPORT_PURPOSE = Bilingual(
    "Memindahkan arsip laporan lama kantor ke APIK (impor), sekali per laporan.",
    "Moving the office's old report records into APIK (imports), once per report.",
)
_IMPORT_RECIPIENTS = Bilingual(
    "Layanan penerimaan (intake), tersegel dengan kunci impor bersama; kepala kantor"
    " melihat laporan galat (baris, kolom, alasan), bukan isinya.",
    "The intake service, sealed with the shared import keys; the office's head sees the"
    " error report (row, column, reason), not the contents.",
)

PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="import_job",
        columns=("raw", "created_by"),
        data_class="reporter_identity",
        subjects=_IMPORT_SUBJECTS,
        fields=Bilingual(
            "Berkas yang diunggah (CSV/XLSX: nama pelapor, NIK, uraian laporan), tersegel;"
            " nama pengguna pengunggah.",
            "The uploaded file (CSV/XLSX: reporters' names, NIK, complaint text), sealed;"
            " the uploader's username.",
        ),
        purpose=_IMPORT_PURPOSE,
        legal_basis=LegalBasis.public_task,
        retention=Bilingual(
            "Berkas dihapus saat impor selesai dijalankan, atau bersama barisnya bila tidak"
            " dijalankan dalam APIK_IMPORT_UNRUN_DAYS (30 hari).",
            "The file is dropped when the import's run ends, or with its rows when it is not"
            " run within APIK_IMPORT_UNRUN_DAYS (30 days).",
        ),
        recipients=_IMPORT_RECIPIENTS,
        safeguards=Bilingual(
            "Disegel AES-GCM (APIK_PII_KEYS); hanya kepala kantor itu.",
            "Sealed with AES-GCM (APIK_PII_KEYS); that office's head only.",
        ),
    ),
    Processing(
        table="import_row",
        columns=("record", "registration_number"),
        data_class="reporter_identity",
        subjects=_IMPORT_SUBJECTS,
        fields=Bilingual(
            "Isi tiap baris yang lolos pemeriksaan (nama pelapor, NIK, instansi terlapor,"
            " uraian, tanggal), tersegel; nomor registrasi lama.",
            "Each checked row's fields (reporter's name, NIK, reported agency, summary,"
            " dates), sealed; the old registration number.",
        ),
        purpose=_IMPORT_PURPOSE,
        legal_basis=LegalBasis.public_task,
        retention=Bilingual(
            "Isi baris dihapus begitu baris diserahkan ke intake.",
            "A row's fields are dropped as soon as the row is handed to intake.",
        ),
        recipients=_IMPORT_RECIPIENTS,
        safeguards=Bilingual(
            "Disegel AES-GCM per baris (APIK_PII_KEYS), di jalan dengan APIK_TRANSFER_KEYS;"
            " event tidak membawa data pribadi terbuka.",
            "Sealed with AES-GCM per row (APIK_PII_KEYS), on the way with APIK_TRANSFER_KEYS;"
            " no event carries personal data in the clear.",
        ),
    ),
)
# --- portal pull (phase 2) ---


class PulledComplaint(SQLModel, table=True):
    """A complaint a portal assigned to an office, once per portal and tracking id: its
    arrival is announced (`complaint.pulled`) in the transaction that records it. No
    personal data here: the complainant and the text travel sealed in the event only."""

    __tablename__ = "pulled_complaint"
    __table_args__ = (UniqueConstraint("portal", "external_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    portal: str = Field(max_length=64)
    external_id: str = Field(max_length=200)  # the portal's tracking id
    office: str = Field(max_length=32, index=True)
    assigned_at: datetime = timestamp_field()  # the portal's clock
    via: str = Field(max_length=16)  # webhook, poll, catch_up
    pulled_at: datetime = timestamp_field(default_factory=utcnow)


class PortalCursor(SQLModel, table=True):
    """How far an office's pull from a portal got: the start of the last good poll (the
    next looks back from there, so an outage leaves no gap) and the office day of the
    last nightly catch-up. One row per portal and office, locked by the replica polling."""

    __tablename__ = "portal_cursor"

    portal: str = Field(primary_key=True, max_length=64)
    office: str = Field(primary_key=True, max_length=32)
    polled_at: datetime | None = timestamp_field(default=None)
    caught_up_on: date | None = None
    caught_up_at: datetime | None = timestamp_field(default=None)
    last_error: str | None = None
    last_error_at: datetime | None = timestamp_field(default=None)


# --- shared cases (peers) ---


class SharedCaseLocal(SQLModel, table=True):
    """A report of ours as one peer may recognise it: its keyed fingerprint (with that
    peer's key) and its latest status. No personal data: the fingerprint is an HMAC."""

    __tablename__ = "shared_case_local"

    peer: str = Field(primary_key=True, max_length=64)
    registration_number: str = Field(primary_key=True)
    office: str = Field(max_length=32)
    fingerprint: str = Field(max_length=64, index=True)
    # Of the letter's own number, when it has one (migration 0007): matched first.
    letter_fingerprint: str | None = Field(default=None, max_length=64, index=True)
    status: str = Field(max_length=32)
    status_at: datetime = timestamp_field()


class SharedCaseRemote(SQLModel, table=True):
    """A report of the peer's, as its signals told us: its number, its fingerprint and
    its latest status (a signal older than `status_at` changes nothing)."""

    __tablename__ = "shared_case_remote"

    peer: str = Field(primary_key=True, max_length=64)
    registration_number: str = Field(primary_key=True, max_length=100)
    fingerprint: str = Field(max_length=64, index=True)
    # Of the letter's own number, when it has one (migration 0007): matched first.
    letter_fingerprint: str | None = Field(default=None, max_length=64, index=True)
    status: str = Field(max_length=32)
    status_at: datetime = timestamp_field()
    received_at: datetime = timestamp_field(default_factory=utcnow)


class PeerSignal(SQLModel, table=True):
    """One signal to one peer, from one event: sent until delivered or dead-lettered,
    never made twice (one row per peer and event; the event id is the `webhook-id`)."""

    __tablename__ = "peer_signal"
    __table_args__ = (UniqueConstraint("peer", "event_id"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    peer: str = Field(max_length=64)
    event_id: str
    body: str = Field(sa_column=Column(Text, nullable=False))  # the exact bytes sent
    status: str = Field(default="pending", max_length=16)  # pending | delivered | failed
    attempts: int = 0
    next_attempt_at: datetime | None = timestamp_field(default_factory=utcnow)
    last_status: int | None = None
    last_error: str | None = None
    created_at: datetime = timestamp_field(default_factory=utcnow)
    delivered_at: datetime | None = timestamp_field(default=None)


class PeerReceived(SQLModel, table=True):
    """Each peer's `webhook-id` accepted once: a replayed signal is refused."""

    __tablename__ = "peer_received"

    peer: str = Field(primary_key=True, max_length=64)
    webhook_id: str = Field(primary_key=True, max_length=200)
    received_at: datetime = timestamp_field(default_factory=utcnow)
