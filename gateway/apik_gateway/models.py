"""The gateway's tables: offices, users, API clients and token signing keys."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel import Field, SQLModel

from apik_shared.platform.processing import Bilingual, LegalBasis, Processing

# Indonesia's three zones: WIB, WITA, WIT. Deadlines and working days follow an office's.
OFFICE_TIMEZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def _roles_column() -> sa.Column[list[str]]:
    return sa.Column(ARRAY(sa.String(40)), nullable=False, server_default="{}")


def _timestamp(**kw: object) -> sa.Column[datetime]:
    return sa.Column(sa.DateTime(timezone=True), **kw)  # type: ignore[arg-type]


class Office(SQLModel, table=True):
    """The office registry, announced to every service (`office.registered`, `.updated`)."""

    __tablename__ = "office"

    code: str = Field(primary_key=True, max_length=20)
    name: str = Field(max_length=200)
    timezone: str = Field(max_length=40)
    address: str | None = Field(default=None, max_length=1000)
    letterhead: list[str] = Field(
        default_factory=list, sa_column=sa.Column(ARRAY(sa.Text), nullable=False)
    )
    head_name: str | None = Field(default=None, max_length=200)
    head_title: str | None = Field(default=None, max_length=200)
    observes_cuti_bersama: bool = True
    closure_days: list[date] = Field(
        default_factory=list, sa_column=sa.Column(ARRAY(sa.Date), nullable=False)
    )
    # The ETag, and the order of the office's events.
    version: int = 1
    # The version the last event carried: start-up announces offices behind it.
    announced_version: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class User(SQLModel, table=True):
    __tablename__ = "app_user"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    username: str = Field(max_length=80, sa_column_kwargs={"unique": True})
    full_name: str = Field(max_length=200)
    office: str = Field(foreign_key="office.code", max_length=20, index=True)
    roles: list[str] = Field(default_factory=list, sa_column=_roles_column())
    password_hash: str
    disabled: bool = False
    # The ETag: bumped by every change, so a stale If-Match is refused.
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class ApiClient(SQLModel, table=True):
    """Another system calling APIK with the client-credentials grant."""

    __tablename__ = "api_client"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    office: str = Field(foreign_key="office.code", max_length=20, index=True)
    roles: list[str] = Field(default_factory=list, sa_column=_roles_column())
    secret_hash: str
    # The `sid` of the tokens issued with the current secret: a new one when the secret
    # is rotated or the client switched off, and the old one revoked at every service.
    credential_id: str = Field(default_factory=new_id, max_length=36)
    disabled: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class SigningKey(SQLModel, table=True):
    """An RSA key pair for tokens; shared through the database by every replica.

    One key is active (signs new tokens); inactive keys stay published in the JWKS until
    retired, so tokens they signed stay valid until they expire.
    """

    __tablename__ = "signing_key"

    kid: str = Field(primary_key=True, max_length=64)
    private_pem: str
    public_jwk: str  # JSON, as published
    active: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    deactivated_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    retired_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


class RoleChange(SQLModel, table=True):
    """A change of an account's roles: applied, or proposed and waiting for a second admin.

    The audit the DPO reads: who changed whose roles, from what to what, when, and who
    approved. Rows are never updated once decided, nor deleted.
    """

    __tablename__ = "role_change"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    # "user" or "client", its id, and its name then (a renamed account stays findable).
    account_kind: str = Field(max_length=10)
    account_id: str = Field(max_length=36, index=True)
    account_name: str = Field(max_length=200)
    office: str = Field(max_length=20, index=True)
    roles_before: list[str] = Field(default_factory=list, sa_column=_roles_column())
    roles_after: list[str] = Field(default_factory=list, sa_column=_roles_column())
    # "pending", "applied" or "declined".
    status: str = Field(max_length=10, index=True)
    # "admin" (no guarded role added), "national" or "two_admins".
    authority: str | None = Field(default=None, max_length=12)
    proposed_by: str = Field(max_length=60)
    proposed_by_name: str = Field(max_length=200)
    approved_by: str | None = Field(default=None, max_length=60)
    approved_by_name: str | None = Field(default=None, max_length=200)
    proposed_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    decided_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


class PublicRateLimit(SQLModel, table=True):
    """The public routes' rate limit per client, shared by every replica
    (`forwarding/service/ratelimit.py`: GCRA, one row per client, decided in one upsert).

    UNLOGGED: the state is seconds deep and worthless after a crash, so its writes skip
    the write-ahead log. A row whose `tat` has passed is a full bucket: deletable.
    """

    __tablename__ = "public_rate_limit"
    __table_args__ = {"prefixes": ["UNLOGGED"]}

    # A keyed hash of the client's address (or IPv6 /64): no address is stored.
    key: str = Field(primary_key=True, max_length=32)
    # The theoretical arrival time, epoch seconds on the database's clock.
    tat: float = Field(sa_column=sa.Column(sa.Double, nullable=False))
    # Whether the last request passed (read back by the same upsert).
    allowed: bool = True


class LoginSession(SQLModel, table=True):
    """A sign-in: the `sid` of its access tokens, and the family of its refresh tokens.

    Ended by logout, by a refresh token used twice, or when the account is disabled or
    its roles or password change (`session.revoked` tells every service).
    """

    __tablename__ = "login_session"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    subject: str = Field(max_length=60, index=True)  # user:<id>
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    # The session ends then, however often it is refreshed.
    expires_at: datetime = Field(sa_column=_timestamp(nullable=False))
    # When the last access token issued for it expires: a revocation matters until then.
    access_until: datetime = Field(sa_column=_timestamp(nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    revoked_reason: str | None = Field(default=None, max_length=20)


class RefreshToken(SQLModel, table=True):
    """One refresh token of a session, by its SHA-256 (the token itself is never kept).

    Using it rotates it (`used_at`, and a new one); a used one presented again means
    someone else holds a copy, and the whole session ends.
    """

    __tablename__ = "refresh_token"

    token_hash: str = Field(primary_key=True, max_length=64)
    session_id: str = Field(foreign_key="login_session.id", max_length=36, index=True)
    issued_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    expires_at: datetime = Field(sa_column=_timestamp(nullable=False))
    used_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


class LoginThrottle(SQLModel, table=True):
    """Failed sign-ins of one account name (existing or not) or one client address.

    Kept by a keyed hash, so the table holds neither the names typed nor the addresses.
    """

    __tablename__ = "login_throttle"

    scope: str = Field(primary_key=True, max_length=10)  # "account" or "address"
    key: str = Field(primary_key=True, max_length=64)
    # Failures in a row (forgotten after a quiet spell); they set the lock's length.
    failures: int = 0
    # Refused attempts since the last successful sign-in, told to the next one.
    failed_since_success: int = 0
    last_failure_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    locked_until: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))


class DataSubjectRequest(SQLModel, table=True):
    """A data subject exercising a right under UU 27/2022 (access, correction, …), due
    72 hours (3 x 24) after the office received it (`privacy/`).

    Who asked, what they asked and the answer are personal data: sealed with the
    gateway's keyring (`APIK_PII_KEYS`), each bound to its row and field. Every opening
    of them is a `DataSubjectRequestRead`.
    """

    __tablename__ = "data_subject_request"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(foreign_key="office.code", max_length=20, index=True)
    kind: str = Field(max_length=30)
    requester: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    details: str | None = Field(default=None, sa_column=sa.Column(sa.Text, nullable=True))
    received_at: datetime = Field(sa_column=_timestamp(nullable=False))
    due_at: datetime = Field(sa_column=_timestamp(nullable=False, index=True))
    # "received", "in_progress", "answered" or "refused" (the answer says why).
    status: str = Field(max_length=20, index=True)
    answer: str | None = Field(default=None, sa_column=sa.Column(sa.Text, nullable=True))
    answered_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    answered_by: str | None = Field(default=None, max_length=60)
    answered_by_name: str | None = Field(default=None, max_length=200)
    recorded_by: str = Field(max_length=60)
    recorded_by_name: str = Field(max_length=200)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class DataSubjectRequestRead(SQLModel, table=True):
    """One opening of a data subject's request (identity, request, answer): who, when."""

    __tablename__ = "data_subject_request_read"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    request_id: uuid.UUID = Field(foreign_key="data_subject_request.id", index=True)
    office: str = Field(max_length=20)
    actor: str = Field(max_length=60)
    actor_username: str = Field(max_length=200)
    actor_roles: list[str] = Field(default_factory=list, sa_column=_roles_column())
    at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class PersonalDataBreach(SQLModel, table=True):
    """A personal-data breach (UU 27/2022 art. 46): the authority and the subjects are
    told within 72 hours (3 x 24) of its discovery (`privacy/`).

    The register describes the breach, never the people in it: no personal data here.
    """

    __tablename__ = "personal_data_breach"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(foreign_key="office.code", max_length=20, index=True)
    title: str = Field(max_length=200)
    description: str = Field(sa_column=sa.Column(sa.Text, nullable=False))
    occurred_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    # The legal clock starts here; it is never changed after the breach is recorded.
    discovered_at: datetime = Field(sa_column=_timestamp(nullable=False))
    notification_due_at: datetime = Field(sa_column=_timestamp(nullable=False, index=True))
    data_classes: list[str] = Field(default_factory=list, sa_column=_roles_column())
    subjects_affected: int = 0
    # "open", "contained", "closed" (both told) or "dismissed" (not a breach; why).
    status: str = Field(max_length=12, index=True)
    resolution: str | None = Field(default=None, sa_column=sa.Column(sa.Text, nullable=True))
    # The first notification of each recipient (the rows are `BreachNotification`).
    authority_notified_at: datetime | None = Field(
        default=None, sa_column=_timestamp(nullable=True)
    )
    subjects_notified_at: datetime | None = Field(default=None, sa_column=_timestamp(nullable=True))
    recorded_by: str = Field(max_length=60)
    recorded_by_name: str = Field(max_length=200)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


class BreachNotification(SQLModel, table=True):
    """A breach told to the authority, the subjects or the public: when, how, by whom.

    Appended, never changed: the record that the duty was met."""

    __tablename__ = "breach_notification"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    breach_id: uuid.UUID = Field(foreign_key="personal_data_breach.id", index=True)
    recipient: str = Field(max_length=12)
    notified_at: datetime = Field(sa_column=_timestamp(nullable=False))
    means: str = Field(max_length=200)
    content: str | None = Field(default=None, sa_column=sa.Column(sa.Text, nullable=True))
    notified_by: str = Field(max_length=60)
    notified_by_name: str = Field(max_length=200)
    recorded_at: datetime = Field(default_factory=utcnow, sa_column=_timestamp(nullable=False))


# --- what these tables hold on people, and why (the record: docs/processing.md) -----

_ACCOUNTS = Bilingual(
    "Mengelola akun pegawai dan sistem lain: masuk, peran, siapa mengubah peran siapa.",
    "Managing the accounts of staff and other systems: sign-in, roles, who changed whose roles.",
)
_WHILE_EMPLOYED = Bilingual(
    "Selama akun ada, lalu menurut periode retensi kelas data ini.",
    "While the account exists, then within this data class's retention period.",
)

PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="app_user",
        columns=("username", "full_name", "password_hash", "roles", "office"),
        data_class="staff_accounts",
        subjects=Bilingual("Pegawai kantor", "The office's staff"),
        fields=Bilingual(
            "Nama pengguna, nama lengkap, kantor, peran, hash kata sandi.",
            "Username, full name, office, roles, password hash.",
        ),
        purpose=_ACCOUNTS,
        legal_basis=LegalBasis.legitimate_interest,
        retention=_WHILE_EMPLOYED,
        recipients=Bilingual(
            "Admin kantor itu; setiap layanan menerima nama pengguna dan peran dalam token.",
            "The office's admins; every service receives the username and roles in tokens.",
        ),
        safeguards=Bilingual(
            "Kata sandi hanya disimpan sebagai hash; peran tidak dapat diberikan ke diri sendiri.",
            "Passwords kept as hashes only; roles cannot be self-granted.",
        ),
    ),
    Processing(
        table="api_client",
        columns=("name", "secret_hash"),
        data_class="staff_accounts",
        subjects=Bilingual(
            "Pengelola sistem yang terhubung (bila namanya menyebut orang)",
            "Operators of connected systems (when the name names a person)",
        ),
        fields=Bilingual("Nama klien, kantor, peran.", "Client name, office, roles."),
        purpose=_ACCOUNTS,
        legal_basis=LegalBasis.legitimate_interest,
        retention=_WHILE_EMPLOYED,
        recipients=Bilingual("Admin kantor itu.", "The office's admins."),
        safeguards=Bilingual("Rahasia hanya disimpan sebagai hash.", "Secrets kept as hashes."),
    ),
    Processing(
        table="role_change",
        columns=(
            "account_name",
            "proposed_by",
            "proposed_by_name",
            "approved_by",
            "approved_by_name",
        ),
        data_class="access_audit",
        subjects=Bilingual("Pegawai kantor", "The office's staff"),
        fields=Bilingual(
            "Siapa mengusulkan dan menyetujui perubahan peran akun siapa, kapan.",
            "Who proposed and approved a change of whose roles, and when.",
        ),
        purpose=Bilingual(
            "Akuntabilitas pemberian peran yang membuka data pribadi (diperiksa oleh DPO).",
            "Accountability of granting roles that open personal data (read by the DPO).",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=_WHILE_EMPLOYED,
        recipients=Bilingual("Pejabat pelindungan data (DPO).", "The data protection officer."),
        safeguards=Bilingual("Tidak pernah diubah atau dihapus.", "Never changed nor deleted."),
    ),
    Processing(
        table="office",
        columns=("head_name", "head_title"),
        data_class="office_registry",
        subjects=Bilingual("Kepala kantor (pejabat publik)", "Heads of office (public officials)"),
        fields=Bilingual("Nama dan jabatan kepala kantor.", "The head's name and title."),
        purpose=Bilingual(
            "Menandatangani dan mencetak surat kantor.",
            "Signing and printing the office's letters.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=Bilingual(
            "Selama menjabat; surat yang telah dicetak mengikuti arsipnya.",
            "While in office; printed letters follow their archive.",
        ),
        recipients=Bilingual(
            "Setiap layanan (salinan registri kantor); penerima surat.",
            "Every service (its copy of the office registry); the letters' recipients.",
        ),
        safeguards=Bilingual("Diubah hanya oleh admin.", "Changed by admins only."),
    ),
    Processing(
        table="data_subject_request",
        columns=("requester", "details", "answer", "answered_by_name", "recorded_by_name"),
        data_class="data_subject_requests",
        subjects=Bilingual(
            "Subjek data yang mengajukan permintaan (atau kuasanya); pegawai yang menanganinya",
            "Data subjects who make a request (or their representatives); the staff handling it",
        ),
        fields=Bilingual(
            "Nama, NIK, telepon, email, alamat pemohon; isi permintaan; jawaban; nama pegawai.",
            "The requester's name, NIK, phone, email, address; the request; the answer; "
            "the staff's names.",
        ),
        purpose=Bilingual(
            "Menjawab permintaan subjek data dalam 3 x 24 jam dan membuktikannya.",
            "Answering a data subject's request within 3 x 24 hours, and proving it.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Menurut jadwal retensi arsip kantor; belum dihapus otomatis.",
            "Per the office's records retention schedule; not yet deleted automatically.",
        ),
        recipients=Bilingual(
            "Pejabat pelindungan data (DPO) kantor itu dan DPO nasional.",
            "The office's data protection officer and the national DPO.",
        ),
        safeguards=Bilingual(
            "Identitas, isi dan jawaban dienkripsi (AES-GCM); setiap pembukaan dicatat.",
            "Identity, request and answer encrypted (AES-GCM); every opening audited.",
        ),
    ),
    Processing(
        table="data_subject_request_read",
        columns=("actor", "actor_username"),
        data_class="access_audit",
        subjects=Bilingual("Pegawai yang membuka permintaan", "Staff who opened a request"),
        fields=Bilingual(
            "Siapa membuka permintaan subjek data, dengan peran apa, kapan.",
            "Who opened a data subject's request, with which roles, and when.",
        ),
        purpose=Bilingual(
            "Akuntabilitas setiap pembacaan identitas pemohon.",
            "Accountability of every read of a requester's identity.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Selama permintaannya disimpan.", "As long as the request it audits is kept."
        ),
        recipients=Bilingual("Pejabat pelindungan data (DPO).", "The data protection officer."),
        safeguards=Bilingual("Tidak pernah diubah atau dihapus.", "Never changed nor deleted."),
    ),
    Processing(
        table="personal_data_breach",
        columns=("recorded_by", "recorded_by_name"),
        data_class="breach_register",
        subjects=Bilingual("Pegawai yang mencatat", "The staff who recorded it"),
        fields=Bilingual(
            "Nama pencatat; register menggambarkan kegagalan, bukan orang yang terdampak.",
            "The recorder's name; the register describes the breach, not the people in it.",
        ),
        purpose=Bilingual(
            "Memberitahukan kegagalan pelindungan data dalam 3 x 24 jam (Pasal 46).",
            "Notifying a personal-data breach within 3 x 24 hours (art. 46).",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Menurut jadwal retensi arsip kantor.", "Per the office's records retention schedule."
        ),
        recipients=Bilingual(
            "DPO kantor itu dan DPO nasional.", "The office's DPO and the national DPO."
        ),
        safeguards=Bilingual(
            "Hanya DPO; tanggal penemuan tidak dapat diubah.",
            "DPO only; the discovery time cannot be changed.",
        ),
    ),
    Processing(
        table="breach_notification",
        columns=("notified_by", "notified_by_name"),
        data_class="breach_register",
        subjects=Bilingual("Pegawai yang memberitahukan", "The staff who notified"),
        fields=Bilingual(
            "Kepada siapa, kapan, bagaimana diberitahukan, dan oleh siapa.",
            "To whom, when and how the breach was told, and by whom.",
        ),
        purpose=Bilingual(
            "Bukti pemberitahuan kepada lembaga dan subjek data (Pasal 46).",
            "Proof of the notification of the authority and the subjects (art. 46).",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual("Selama kegagalannya dicatat.", "As long as the breach is recorded."),
        recipients=Bilingual(
            "DPO kantor itu dan DPO nasional.", "The office's DPO and the national DPO."
        ),
        safeguards=Bilingual("Hanya ditambah, tidak pernah diubah.", "Appended, never changed."),
    ),
)
