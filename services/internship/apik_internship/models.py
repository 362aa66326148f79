"""Every table of the internship service. An applicant's identity, their institution's
letter and what a Red Button report says are AES-GCM ciphertexts (`FieldCipher`), bound
to their row; codes the public holds (an application's, a receipt) are kept only as
keyed hashes, so the database alone opens nothing."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, Column, Identity, LargeBinary, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

from apik_shared.platform.fields import timestamp_field, utcnow
from apik_shared.platform.processing import Bilingual, LegalBasis, Processing


class Application(SQLModel, table=True):
    """An application to intern at an office, as the public form sent it."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    # HMAC of the code the applicant tracks it with (`applications.rules.code_hash`).
    code_hash: str = Field(unique=True, max_length=64)
    # The applicant's name, email, phone and study (`applications.schemas.Applicant`).
    applicant: str = Field(sa_column=Column(Text, nullable=False))
    institution_kind: str = Field(max_length=16)
    institution: str
    programme: str
    period_start: date
    period_end: date
    units: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    status: str = Field(index=True, max_length=16)
    unit: str | None = Field(default=None, max_length=64)  # where it was accepted
    reason: str | None = None  # why it was declined, told to the applicant
    decided_by: str | None = None
    decided_at: datetime | None = timestamp_field(default=None)
    submitted_at: datetime = timestamp_field(default_factory=utcnow)
    # The gateway username of the accepted intern's account (`deps.CurrentIntern`): what
    # ties the intern's token to their own attendance, logbook and learning.
    intern_username: str | None = Field(default=None, unique=True, max_length=80)
    version: int = 1


class ApplicationLetter(SQLModel, table=True):
    """The institution's letter, kept apart so that lists never load files."""

    __tablename__ = "application_letter"

    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=128)
    size: int
    sha256: str = Field(max_length=64)
    content: str = Field(sa_column=Column(Text, nullable=False))  # sealed


class ApplicantRead(SQLModel, table=True):
    """The audit of every read of an applicant in full: who, when, which, why."""

    __tablename__ = "applicant_read"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    office: str = Field(max_length=32)
    application_id: uuid.UUID = Field(index=True)
    actor: str
    actor_username: str
    actor_roles: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    purpose: str
    at: datetime = timestamp_field(default_factory=utcnow)


class Quota(SQLModel, table=True):
    """How many interns a unit of an office takes in a month (`quotas.rules`)."""

    office: str = Field(primary_key=True, max_length=32)
    unit: str = Field(primary_key=True, max_length=64)
    month: date = Field(primary_key=True)  # its first day
    places: int
    set_by: str
    set_at: datetime = timestamp_field(default_factory=utcnow)


class RedButtonCase(SQLModel, table=True):
    """What an intern raised with the Red Button. No address or device of the sender is
    kept: the case holds what they chose to say, and nothing about how they said it."""

    __tablename__ = "red_button_case"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    receipt_hash: str = Field(unique=True, max_length=64)
    mode: str = Field(max_length=16)  # identified, confidential, anonymous
    severity: str = Field(max_length=16)
    account: str = Field(sa_column=Column(Text, nullable=False))  # sealed: what happened
    # Sealed: who raised it (identified and confidential modes); None when anonymous.
    identity: str | None = Field(default=None, sa_column=Column(Text))
    # Sealed: who the report is about (`schemas.Reported`), and the keyed hashes of the
    # person's normalised name and of the unit, to count reports naming the same one.
    reported: str | None = Field(default=None, sa_column=Column(Text))
    reported_person_hash: str | None = Field(default=None, max_length=64, index=True)
    reported_unit_hash: str | None = Field(default=None, max_length=64, index=True)
    status: str = Field(max_length=16)
    raised_at: datetime = timestamp_field(default_factory=utcnow)
    protection_due: datetime = timestamp_field()
    acknowledged_at: datetime | None = timestamp_field(default=None)
    acknowledged_by: str | None = None
    # The first protective action's time, against `protection_due`.
    protected_at: datetime | None = timestamp_field(default=None)
    # How far the unacknowledged alert has escalated (0: not yet), and when it last did.
    escalation_level: int = 0
    escalated_at: datetime | None = timestamp_field(default=None)
    version: int = 1


class RedButtonAction(SQLModel, table=True):
    """A protective action taken on a case (`red_button.rules.ActionKind`)."""

    __tablename__ = "red_button_action"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    case_id: uuid.UUID = Field(foreign_key="red_button_case.id", index=True)
    kind: str = Field(max_length=32)
    note: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    consent: bool = False  # the intern agreed (a referral to their university needs it)
    taken_by: str
    taken_at: datetime = timestamp_field(default_factory=utcnow)


class IdentityRequest(SQLModel, table=True):
    """An officer's request to open a confidential reporter's identity, and the second
    officer's approval: without both, the identity stays sealed."""

    __tablename__ = "identity_request"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="red_button_case.id", index=True)
    office: str = Field(max_length=32)
    reason: str
    requested_by: str  # the officer's subject
    requested_username: str
    requested_at: datetime = timestamp_field(default_factory=utcnow)
    approved_by: str | None = None
    approved_username: str | None = None
    approved_at: datetime | None = timestamp_field(default=None)


class RedButtonStep(SQLModel, table=True):
    """Every step of a case with the server's time (raised, escalated, acknowledged): the
    response times are computed from it. Who acted, never what the case says."""

    __tablename__ = "red_button_step"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    case_id: uuid.UUID = Field(foreign_key="red_button_case.id", index=True)
    step: str = Field(max_length=32)  # raised, escalated, acknowledged
    level: int | None = None  # the escalation level reached
    actor: str | None = None  # the officer's username; None for the clock and the public
    at: datetime = timestamp_field(default_factory=utcnow)


class RedButtonMessage(SQLModel, table=True):
    """A message on a case, between the intern (by the receipt code) and the protection
    officers. Its text is sealed, bound to its own row; an intern's message keeps no
    address or device, only that the intern wrote it and when."""

    __tablename__ = "red_button_message"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="red_button_case.id", index=True)
    author: str = Field(max_length=16)  # intern, officer (`rules.Author`)
    officer: str | None = None  # the officer's username; None for the intern
    text: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    sent_at: datetime = timestamp_field(default_factory=utcnow)


class RedButtonStaff(SQLModel, table=True):
    """The office's register of who its protection officers are, for the conflict-of-
    interest rule: the keyed hash of each one's name as a report would write it, and the
    unit where they supervise interns. Kept by the head; the name itself is not kept."""

    __tablename__ = "red_button_staff"

    username: str = Field(primary_key=True, max_length=200)
    office: str = Field(max_length=32, index=True)
    name_hash: str = Field(max_length=64)  # `rules.matching_hash(key, "person", name)`
    unit: str | None = Field(default=None, max_length=64)
    unit_hash: str | None = Field(default=None, max_length=64)
    set_by: str
    set_at: datetime = timestamp_field(default_factory=utcnow)


class RedButtonRead(SQLModel, table=True):
    """The audit of every read of a Red Button case, by whom and when."""

    __tablename__ = "red_button_read"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    office: str = Field(max_length=32)
    case_id: uuid.UUID = Field(index=True)
    actor: str
    actor_username: str
    actor_roles: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    action: str = Field(max_length=32)  # "list", "acknowledge", "read_messages", …
    at: datetime = timestamp_field(default_factory=utcnow)


_APPLICANTS = Bilingual("Pelamar magang", "Internship applicants")
_INTERNSHIP = Bilingual(
    "Menerima, menilai dan memutus lamaran magang, serta memberi tahu pelamar statusnya.",
    "Receiving, reviewing and deciding internship applications, and telling applicants"
    " their status.",
)
_UNTIL_SCHEDULE = Bilingual(
    "Sampai jadwal retensi arsip kantor ditetapkan (belum ada penghapusan otomatis).",
    "Until the office sets its records schedule (no automatic erasure yet).",
)
_READERS = Bilingual("Pegawai yang membaca data pribadi", "Staff who read personal data")
_AUDIT = Bilingual(
    "Hanya ditambah, tidak dapat diubah atau dihapus melalui API.",
    "Only added to; the API neither changes nor deletes it.",
)
_DPO = Bilingual("Pejabat pelindungan data (DPO).", "The data protection officer.")

PROCESSING: tuple[Processing, ...] = (
    Processing(
        table="application",
        columns=("applicant", "institution", "programme", "reason", "intern_username"),
        data_class="internship_applicants",
        subjects=_APPLICANTS,
        fields=Bilingual(
            "Nama, email, telepon dan program studi (disegel); instansi, program, periode"
            " dan unit yang diminta; alasan penolakan; nama pengguna akun peserta magang"
            " yang diterima.",
            "Name, email, phone and field of study (sealed); institution, programme,"
            " requested period and units; the reason of a decline; the accepted intern's"
            " account username.",
        ),
        purpose=_INTERNSHIP,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Penyelia magang kantor itu; kepala dan analis melihatnya tersamar. Peristiwa"
            " hanya membawa unit, periode dan jenis instansi.",
            "The office's intern supervisors; heads and analysts see it masked. Events carry"
            " only the unit, the period and the kind of institution.",
        ),
        safeguards=Bilingual(
            "Identitas disegel AES-GCM per baris; tersamar bagi peran lain; setiap pembacaan"
            " penuh diaudit (`applicant_read`); kode pelacakan hanya disimpan sebagai hash.",
            "Identity sealed with AES-GCM per row; masked for other roles; every full read"
            " audited (`applicant_read`); the tracking code is kept only as a hash.",
        ),
    ),
    Processing(
        table="application_letter",
        columns=("filename", "content"),
        data_class="internship_applicants",
        subjects=_APPLICANTS,
        fields=Bilingual(
            "Surat pengantar instansi (berkas) dan nama berkasnya.",
            "The institution's letter (the file) and its name.",
        ),
        purpose=_INTERNSHIP,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Penyelia magang kantor itu.", "The office's intern supervisors."),
        safeguards=Bilingual(
            "Isi diperiksa (jenis, makro, berkas ganda) lalu disegel AES-GCM; disimpan"
            " terpisah dari daftar.",
            "Content checked (type, macros, polyglots), then sealed with AES-GCM; kept apart"
            " from lists.",
        ),
    ),
    Processing(
        table="applicant_read",
        columns=("actor", "actor_username", "actor_roles", "purpose"),
        data_class="access_audit",
        subjects=_READERS,
        fields=Bilingual(
            "Siapa membaca data pelamar mana, kapan dan untuk apa.",
            "Who read which applicant's data, when and why.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke data pribadi pelamar.",
            "Accountability of access to applicants' personal data.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Selama data pelamar yang dibaca disimpan.", "As long as the applicant's data is kept."
        ),
        recipients=_DPO,
        safeguards=_AUDIT,
    ),
    Processing(
        table="quota",
        columns=("set_by",),
        data_class="staff_actions",
        subjects=Bilingual("Pegawai", "Staff"),
        fields=Bilingual("Siapa menetapkan kuota.", "Who set a quota."),
        purpose=Bilingual("Akuntabilitas kuota magang.", "Accountability of internship quotas."),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Penyelia magang dan kepala.", "Intern supervisors and the head."),
        safeguards=Bilingual("Hanya nama pengguna.", "The username only."),
    ),
    Processing(
        table="red_button_case",
        columns=("account", "identity", "reported", "acknowledged_by"),
        data_class="red_button",
        subjects=Bilingual(
            "Peserta magang yang melapor kekerasan atau pelecehan, dan orang yang dilaporkan",
            "Interns who report violence or harassment, and those they report",
        ),
        fields=Bilingual(
            "Uraian kejadian (disegel); identitas pelapor bila tidak anonim (disegel);"
            " orang dan/atau unit yang dilaporkan (disegel, dengan hash berkunci untuk"
            " mencocokkan laporan berulang); tingkat keparahan; petugas yang menanggapi.",
            "What happened (sealed); the reporter's identity unless anonymous (sealed);"
            " the person and/or unit reported (sealed, with keyed hashes to match repeated"
            " reports); severity; the officer who acknowledged.",
        ),
        purpose=Bilingual(
            "Melindungi peserta magang dalam 1x24 jam (UU 12/2022 Pasal 42).",
            "Protecting the intern within 1x24 hours (UU 12/2022 art. 42).",
        ),
        legal_basis=LegalBasis.vital_interest,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Hanya petugas pelindungan kantor itu; identitas mode rahasia tetap tersegel."
            " Peristiwa hanya membawa kantor, waktu dan tingkat keparahan.",
            "The office's protection officers only; a confidential reporter's identity"
            " stays sealed. Events carry only the office, the time and the severity.",
        ),
        safeguards=Bilingual(
            "Disegel AES-GCM per baris; tanpa alamat IP atau data perangkat; kode tanda"
            " terima hanya disimpan sebagai hash; setiap pembacaan diaudit (`red_button_read`).",
            "Sealed with AES-GCM per row; no IP address or device data; the receipt code"
            " kept only as a hash; every read audited (`red_button_read`).",
        ),
    ),
    Processing(
        table="red_button_action",
        columns=("note", "taken_by"),
        data_class="red_button",
        subjects=Bilingual(
            "Peserta magang yang melapor, dan petugas pelindungan",
            "Interns who report, and protection officers",
        ),
        fields=Bilingual(
            "Tindakan pelindungan, catatannya (disegel), persetujuan peserta, petugas.",
            "Protective actions, their note (sealed), the intern's consent, the officer.",
        ),
        purpose=Bilingual(
            "Melindungi peserta magang dalam 1x24 jam (UU 12/2022 Pasal 42).",
            "Protecting the intern within 1x24 hours (UU 12/2022 art. 42).",
        ),
        legal_basis=LegalBasis.vital_interest,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Hanya petugas pelindungan kantor itu.", "The office's protection officers only."
        ),
        safeguards=Bilingual(
            "Catatan disegel AES-GCM; rujukan ke kampus hanya dengan persetujuan peserta.",
            "Notes sealed with AES-GCM; a referral to the university only with consent.",
        ),
    ),
    Processing(
        table="identity_request",
        columns=(
            "reason",
            "requested_by",
            "requested_username",
            "approved_by",
            "approved_username",
        ),
        data_class="access_audit",
        subjects=Bilingual("Petugas pelindungan", "Protection officers"),
        fields=Bilingual(
            "Siapa meminta dan siapa menyetujui pembukaan identitas pelapor rahasia, alasannya.",
            "Who asked and who approved opening a confidential reporter's identity, and why.",
        ),
        purpose=Bilingual(
            "Empat mata sebelum identitas pelapor rahasia dibuka.",
            "Four eyes before a confidential reporter's identity is opened.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Petugas pelindungan kantor itu.", "The office's protection officers."
        ),
        safeguards=_AUDIT,
    ),
    Processing(
        table="red_button_step",
        columns=("actor",),
        data_class="red_button",
        subjects=Bilingual("Petugas pelindungan", "Protection officers"),
        fields=Bilingual(
            "Petugas yang menanggapi dan kapan; eskalasi dan waktunya.",
            "The officer who acknowledged and when; escalations and their times.",
        ),
        purpose=Bilingual(
            "Mengukur waktu tanggap Tombol Merah (peringatan, tanggapan, tindakan).",
            "Measuring the Red Button's response times (alert, acknowledgement, action).",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Petugas pelindungan dan kepala kantor itu.",
            "The office's protection officers and head.",
        ),
        safeguards=_AUDIT,
    ),
    Processing(
        table="red_button_message",
        columns=("text", "officer"),
        data_class="red_button",
        subjects=Bilingual(
            "Peserta magang yang melapor, dan petugas pelindungan",
            "Interns who report, and protection officers",
        ),
        fields=Bilingual(
            "Pesan antara peserta magang dan petugas pelindungan (disegel); petugas"
            " penulisnya; waktunya.",
            "Messages between the intern and the protection officers (sealed); the officer"
            " who wrote; when.",
        ),
        purpose=Bilingual(
            "Menghubungi pelapor, juga yang anonim, untuk melindunginya.",
            "Reaching the reporter, anonymous ones too, to protect them.",
        ),
        legal_basis=LegalBasis.vital_interest,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Petugas pelindungan kantor itu, dan pemegang kode tanda terima.",
            "The office's protection officers, and whoever holds the receipt code.",
        ),
        safeguards=Bilingual(
            "Disegel AES-GCM per pesan; tanpa alamat IP atau data perangkat; setiap"
            " pembacaan petugas diaudit (`red_button_read`).",
            "Sealed with AES-GCM per message; no IP address or device data; every"
            " officer's read audited (`red_button_read`).",
        ),
    ),
    Processing(
        table="red_button_staff",
        columns=("username", "name_hash", "unit", "set_by"),
        data_class="staff_actions",
        subjects=Bilingual("Petugas pelindungan", "Protection officers"),
        fields=Bilingual(
            "Nama pengguna, hash berkunci nama, unit yang dibimbing; siapa mengisinya.",
            "Username, keyed hash of the name, the unit supervised; who set it.",
        ),
        purpose=Bilingual(
            "Menyembunyikan laporan Tombol Merah dari petugas yang dilaporkan atau yang"
            " membimbing di unit yang dilaporkan (benturan kepentingan).",
            "Hiding a Red Button case from an officer it names or who supervises at the"
            " unit it names (conflict of interest).",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Kepala kantor itu.", "The office's head."),
        safeguards=Bilingual(
            "Nama tidak disimpan, hanya hash berkunci.",
            "The name is not kept, only its keyed hash.",
        ),
    ),
    Processing(
        table="red_button_read",
        columns=("actor", "actor_username", "actor_roles"),
        data_class="access_audit",
        subjects=_READERS,
        fields=Bilingual(
            "Siapa membaca atau menanggapi laporan Tombol Merah, kapan.",
            "Who read or acknowledged a Red Button case, when.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke laporan Tombol Merah.",
            "Accountability of access to Red Button cases.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Selama laporan yang dibaca disimpan.", "As long as the case read is kept."
        ),
        recipients=_DPO,
        safeguards=_AUDIT,
    ),
)


# --- Cohorts and placements, attendance, logbook and works (issue 18, branch
# s25-mori-days): the intern's own records, each tied to the accepted application. -----


class Cohort(SQLModel, table=True):
    """The interns of an office who start in one period, rotated together through the
    units in phases (`cohorts.rules.phase_periods`)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(index=True, max_length=32)
    title: str = Field(max_length=200)  # "Angkatan Februari 2027"
    period_start: date
    period_end: date
    phases: int
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class CohortMember(SQLModel, table=True):
    """An accepted application in a cohort (one cohort each) and the units the intern
    ranks, best first (the application's units until the intern changes them)."""

    __tablename__ = "cohort_member"

    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", index=True)
    preferences: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))


class CohortUnit(SQLModel, table=True):
    """A unit's places in each phase of a cohort, and the supervisor who guides there."""

    __tablename__ = "cohort_unit"

    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", primary_key=True)
    unit: str = Field(primary_key=True, max_length=64)
    capacity: int
    supervisor: str | None = Field(default=None, max_length=80)  # a gateway username


class Placement(SQLModel, table=True):
    """Where an intern is in one phase of the rotation (None: no place was free)."""

    __tablename__ = "placement"
    __table_args__ = (UniqueConstraint("application_id", "phase"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", index=True)
    application_id: uuid.UUID = Field(foreign_key="application.id")
    phase: int
    starts_on: date
    ends_on: date
    unit: str | None = Field(default=None, max_length=64)
    rank: int | None = None  # of the unit in the intern's own list (0: first choice)
    source: str = Field(max_length=16)  # allocation, coordinator


class PlacementChange(SQLModel, table=True):
    """Every change of a placement, by the allocation or by the coordinator: kept, never
    changed (who moved whom, from where, to where, why)."""

    __tablename__ = "placement_change"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    cohort_id: uuid.UUID = Field(foreign_key="cohort.id", index=True)
    application_id: uuid.UUID
    phase: int
    from_unit: str | None = Field(default=None, max_length=64)
    to_unit: str | None = Field(default=None, max_length=64)
    source: str = Field(max_length=16)  # allocation, coordinator
    reason: str | None = None
    changed_by: str
    changed_at: datetime = timestamp_field(default_factory=utcnow)


class AttendanceDay(SQLModel, table=True):
    """An intern's day at the office: checked in and out with the office's rotating code
    (`attendance.rules`); one row a day, the day in the office's own zone."""

    __tablename__ = "attendance_day"
    __table_args__ = (UniqueConstraint("application_id", "day"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    office: str = Field(max_length=32)
    day: date
    checked_in_at: datetime = timestamp_field()
    checked_out_at: datetime | None = timestamp_field(default=None)


class Absence(SQLModel, table=True):
    """A working day the intern is excused: leave or sick, with a note (sealed: it may
    say something about their health)."""

    __table_args__ = (UniqueConstraint("application_id", "day"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    office: str = Field(max_length=32)
    day: date
    kind: str = Field(max_length=16)  # leave, sick
    note: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    recorded_at: datetime = timestamp_field(default_factory=utcnow)


class LogbookEntry(SQLModel, table=True):
    """What the intern did on one day, and the supervisor's review (`logbook.rules`)."""

    __tablename__ = "logbook_entry"
    __table_args__ = (UniqueConstraint("application_id", "day"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    office: str = Field(index=True, max_length=32)
    day: date
    activities: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(index=True, max_length=16)
    comment: str | None = None  # the supervisor's, when returned (or approved with one)
    reviewed_by: str | None = None
    reviewed_at: datetime | None = timestamp_field(default=None)
    submitted_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class LogbookReminder(SQLModel, table=True):
    """A reminder the logbook job recorded: a missing day (to the intern) or an entry
    waiting for approval (to the supervisors). One per application, kind and day, so two
    replicas running the job record it once."""

    __tablename__ = "logbook_reminder"
    __table_args__ = (UniqueConstraint("application_id", "kind", "day"),)

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    office: str = Field(index=True, max_length=32)
    kind: str = Field(max_length=24)  # missing_day, awaiting_approval
    day: date
    created_at: datetime = timestamp_field(default_factory=utcnow)


class Work(SQLModel, table=True):
    """A work the intern produced (an analysis, a draft, a study, a presentation), and,
    when it concerns a real report or case, what the supervisor shared of it: masked
    before it is stored (`works.rules.masked_material`)."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    office: str = Field(index=True, max_length=32)
    kind: str = Field(max_length=16)
    title: str = Field(max_length=300)
    description: str | None = Field(default=None, sa_column=Column(Text))
    case_reference: str | None = Field(default=None, max_length=100)
    shared_material: str | None = Field(default=None, sa_column=Column(Text))  # masked
    shared_by: str | None = None
    shared_at: datetime | None = timestamp_field(default=None)
    created_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class WorkFile(SQLModel, table=True):
    """A file of a work, sealed at rest like the applications' letters."""

    __tablename__ = "work_file"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    work_id: uuid.UUID = Field(foreign_key="work.id", index=True)
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=128)
    size: int
    sha256: str = Field(max_length=64)
    content: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    uploaded_at: datetime = timestamp_field(default_factory=utcnow)


_INTERNS = Bilingual("Peserta magang", "Interns")
_INTERN_RECORDS = Bilingual(
    "Membimbing peserta magang: penempatan, kehadiran, logbook dan karya, serta laporan"
    " dan sertifikat yang memerlukannya.",
    "Guiding interns: placements, attendance, logbook and works, and the reports and"
    " certificates that need them.",
)
_INTERN_RECIPIENTS = Bilingual(
    "Peserta magang itu sendiri dan penyelia magang kantor itu; kepala dan analis melihat"
    " rekap dengan nama tersamar.",
    "The intern themselves and the office's intern supervisors; heads and analysts see"
    " the recap with names masked.",
)

PROCESSING += (
    Processing(
        table="absence",
        columns=("kind", "note"),
        data_class="internship_applicants",
        subjects=_INTERNS,
        fields=Bilingual(
            "Hari izin atau sakit peserta magang dan catatannya (disegel: bisa menyebut"
            " keadaan kesehatan).",
            "An intern's leave or sick days and their note (sealed: it may say something"
            " about their health).",
        ),
        purpose=_INTERN_RECORDS,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=_INTERN_RECIPIENTS,
        safeguards=Bilingual(
            "Catatan disegel AES-GCM per baris; setiap pembacaan catatan oleh penyelia"
            " diaudit (`applicant_read`).",
            "The note sealed with AES-GCM per row; every supervisor's read of the notes"
            " audited (`applicant_read`).",
        ),
    ),
    Processing(
        table="work",
        columns=("case_reference", "shared_material"),
        data_class="internship_applicants",
        subjects=Bilingual(
            "Pihak dalam laporan atau perkara yang dibagikan kepada peserta magang",
            "People in a report or case shared with an intern",
        ),
        fields=Bilingual(
            "Nomor laporan atau perkara dan bahan yang dibagikan penyelia, disamarkan"
            " sebelum disimpan (nama yang disebut, email, telepon, nomor panjang).",
            "The report or case number and the material the supervisor shared, masked"
            " before it is stored (the names listed, emails, phones, long numbers).",
        ),
        purpose=_INTERN_RECORDS,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Peserta magang itu dan penyelia magang kantor itu.",
            "The intern and the office's intern supervisors.",
        ),
        safeguards=Bilingual(
            "Identitas disamarkan sebelum disimpan; teks asli tidak disimpan.",
            "Identities masked before storing; the original text is not kept.",
        ),
    ),
    Processing(
        table="work_file",
        columns=("filename", "content"),
        data_class="internship_applicants",
        subjects=_INTERNS,
        fields=Bilingual(
            "Berkas karya peserta magang (analisis, konsep, kajian, presentasi).",
            "An intern's work files (analyses, drafts, studies, presentations).",
        ),
        purpose=_INTERN_RECORDS,
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Peserta magang itu dan penyelia magang kantor itu.",
            "The intern and the office's intern supervisors.",
        ),
        safeguards=Bilingual(
            "Disegel AES-GCM per berkas; isi diperiksa (makro, berkas ganda) sebelum diterima.",
            "Sealed with AES-GCM per file; content checked (macros, polyglots) before"
            " it is accepted.",
        ),
    ),
)


# --- Acceptance letters, certificates, learning, evaluations and alumni ----------------
# (issue 18, branch s25-mori-learning; kept in one block at the end for the merge)


class AcceptanceLetter(SQLModel, table=True):
    """An accepted application's letter, once first printed: the keyed hash of the code
    its QR carries (`applications.rules.document_code`), to verify it in public."""

    __tablename__ = "acceptance_letter"

    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    office: str = Field(max_length=32, index=True)
    verify_hash: str = Field(unique=True, max_length=64)
    issued_by: str
    issued_at: datetime = timestamp_field(default_factory=utcnow)


class Certificate(SQLModel, table=True):
    """The certificate of an internship completed by the rules (`certificates.rules`),
    with the recap the decision was made on: one per application."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", unique=True)
    office: str = Field(max_length=32, index=True)
    verify_hash: str = Field(unique=True, max_length=64)
    working_days: int  # of the period, by the office's calendar
    days_present: int  # attended, or away on approved leave or sick days
    logbook_approved: int  # approved daily logbook entries
    evaluation_score: int  # the supervisors' final evaluation, 0 to 100
    issued_by: str
    issued_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class LearningMaterial(SQLModel, table=True):
    """A document of the office's learning library: the guidebook, a module, an SOP.
    Its content is in versions; interns acknowledge each version they read."""

    __tablename__ = "learning_material"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    kind: str = Field(max_length=16)  # guidebook, module, sop (`learning.rules.MaterialKind`)
    title: str
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    latest_version: int = 0  # 0 until the first file is published


class LearningVersion(SQLModel, table=True):
    """One published version of a material: its file, as uploaded (not personal data)."""

    __tablename__ = "learning_version"
    __table_args__ = (UniqueConstraint("material_id", "number"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    material_id: uuid.UUID = Field(foreign_key="learning_material.id", index=True)
    number: int
    note: str | None = None  # what changed
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=128)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    published_by: str
    published_at: datetime = timestamp_field(default_factory=utcnow)


class LearningAcknowledgement(SQLModel, table=True):
    """An intern's statement that they read a version (once per version)."""

    __tablename__ = "learning_acknowledgement"

    version_id: uuid.UUID = Field(foreign_key="learning_version.id", primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    acknowledged_at: datetime = timestamp_field(default_factory=utcnow)


class LearningResult(SQLModel, table=True):
    """An intern's pre- and post-test scores on a module, as the supervisor records them
    (`learning.rules` scores them by N-gain)."""

    __tablename__ = "learning_result"

    material_id: uuid.UUID = Field(foreign_key="learning_material.id", primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    office: str = Field(max_length=32)
    max_score: int
    pre_score: int | None = None
    post_score: int | None = None
    recorded_by: str
    recorded_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class Evaluation(SQLModel, table=True):
    """A filled rubric (`evaluations.rules`): of an intern by a supervisor, or of the
    unit or the programme by the intern. One per evaluator, subject and internship."""

    __table_args__ = (UniqueConstraint("application_id", "subject", "evaluator"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", index=True)
    subject: str = Field(max_length=16)  # intern, unit, programme
    target: str = Field(max_length=64)  # the unit evaluated; "programme"; "intern"
    evaluator: str  # the username of whoever filled it
    scores: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    score: float  # 0 to 100
    comment: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    submitted_at: datetime = timestamp_field(default_factory=utcnow)


class FinalReport(SQLModel, table=True):
    """The intern's final report (the file), replaced by a later upload."""

    __tablename__ = "final_report"

    application_id: uuid.UUID = Field(foreign_key="application.id", primary_key=True)
    office: str = Field(max_length=32)
    filename: str = Field(max_length=255)
    media_type: str = Field(max_length=128)
    size: int
    sha256: str = Field(max_length=64)
    content: str = Field(sa_column=Column(Text, nullable=False))  # sealed
    uploaded_at: datetime = timestamp_field(default_factory=utcnow)
    version: int = 1


class Alumnus(SQLModel, table=True):
    """A former intern in the office's network (`alumni.rules`): the record sealed, the
    consent per field and the visibility the alumnus chose."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    application_id: uuid.UUID | None = Field(
        default=None, foreign_key="application.id", unique=True
    )
    # Sealed JSON: name, address, institution, network, email. None once erased.
    record: str | None = Field(default=None, sa_column=Column(Text))
    consent: dict[str, bool] = Field(default_factory=dict, sa_column=Column(JSONB, nullable=False))
    visibility: str = Field(max_length=16)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)
    updated_at: datetime = timestamp_field(default_factory=utcnow)
    erased_at: datetime | None = timestamp_field(default=None)
    version: int = 1


class AlumnusLink(SQLModel, table=True):
    """A magic link the alumnus updates their record with: its keyed hash, expiry, use."""

    __tablename__ = "alumnus_link"

    token_hash: str = Field(primary_key=True, max_length=64)
    alumnus_id: uuid.UUID = Field(foreign_key="alumnus.id", index=True)
    expires_at: datetime = timestamp_field()
    used_at: datetime | None = timestamp_field(default=None)
    created_by: str
    created_at: datetime = timestamp_field(default_factory=utcnow)


class AlumnusRequest(SQLModel, table=True):
    """An alumnus's request (access, correction, erasure), due within the PDP deadline."""

    __tablename__ = "alumnus_request"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    office: str = Field(max_length=32, index=True)
    alumnus_id: uuid.UUID = Field(foreign_key="alumnus.id", index=True)
    kind: str = Field(max_length=16)
    detail: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    status: str = Field(max_length=16)
    received_at: datetime = timestamp_field(default_factory=utcnow)
    due_at: datetime = timestamp_field()
    answer: str | None = Field(default=None, sa_column=Column(Text))  # sealed
    answered_by: str | None = None
    answered_at: datetime | None = timestamp_field(default=None)
    version: int = 1


class AlumnusRead(SQLModel, table=True):
    """The audit of every read of an alumnus's record beyond what they made public."""

    __tablename__ = "alumnus_read"

    id: int | None = Field(default=None, sa_column=Column(BigInteger, Identity(), primary_key=True))
    office: str = Field(max_length=32)
    alumnus_id: uuid.UUID = Field(index=True)
    actor: str  # the staff member's subject; "alumnus" for the alumnus by magic link
    actor_username: str
    actor_roles: list[str] = Field(default_factory=list, sa_column=Column(JSONB, nullable=False))
    purpose: str
    at: datetime = timestamp_field(default_factory=utcnow)


PROCESSING = (
    *PROCESSING,
    Processing(
        table="acceptance_letter",
        columns=("issued_by",),
        data_class="staff_actions",
        subjects=Bilingual("Pegawai", "Staff"),
        fields=Bilingual(
            "Siapa pertama mencetak surat penerimaan.", "Who first printed the letter."
        ),
        purpose=Bilingual(
            "Verifikasi surat penerimaan magang oleh publik.",
            "Public verification of internship acceptance letters.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Penyelia magang dan kepala.", "Intern supervisors and the head."),
        safeguards=Bilingual(
            "Kode verifikasi hanya disimpan sebagai hash; halaman verifikasi menampilkan nama"
            " tersamar.",
            "The verification code is kept only as a hash; the verify page shows the name masked.",
        ),
    ),
    Processing(
        table="evaluation",
        columns=("evaluator", "scores", "comment"),
        data_class="internship_evaluations",
        subjects=Bilingual("Peserta magang dan pembimbingnya", "Interns and their supervisors"),
        fields=Bilingual(
            "Nilai rubrik peserta oleh pembimbing, dan nilai unit serta program oleh peserta;"
            " komentar (disegel); siapa menilai.",
            "Supervisors' rubric scores of an intern, and the intern's of the unit and the"
            " programme; comments (sealed); who evaluated.",
        ),
        purpose=Bilingual(
            "Menilai magang untuk kelulusan, dan memperbaiki unit serta program.",
            "Evaluating the internship for completion, and improving units and the programme.",
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Pembimbing, kepala dan analis kantor itu; peserta membaca penilaian atas dirinya."
            " Umpan balik peserta atas unit hanya tampil sebagai jumlah dan rata-rata, di atas"
            " jumlah minimum.",
            "The office's supervisors, head and analysts; the intern reads their own. Interns'"
            " feedback on a unit shows only as counts and means, above a minimum count.",
        ),
        safeguards=Bilingual(
            "Komentar disegel AES-GCM per baris.", "Comments sealed with AES-GCM per row."
        ),
    ),
    Processing(
        table="final_report",
        columns=("filename", "content"),
        data_class="internship_evaluations",
        subjects=Bilingual("Peserta magang", "Interns"),
        fields=Bilingual("Laporan akhir magang (berkas).", "The intern's final report (file)."),
        purpose=Bilingual(
            "Menilai dan mengarsipkan magang.", "Evaluating and filing the internship."
        ),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Pembimbing, kepala dan analis kantor itu.",
            "The office's supervisors, head and analysts.",
        ),
        safeguards=Bilingual(
            "Isi diperiksa lalu disegel AES-GCM.", "Content checked, then sealed with AES-GCM."
        ),
    ),
    Processing(
        table="learning_result",
        columns=("pre_score", "post_score", "recorded_by"),
        data_class="internship_evaluations",
        subjects=Bilingual("Peserta magang", "Interns"),
        fields=Bilingual(
            "Nilai pre-test dan post-test per modul.", "Pre- and post-test scores per module."
        ),
        purpose=Bilingual("Mengukur hasil belajar (N-gain).", "Measuring learning (N-gain)."),
        legal_basis=LegalBasis.public_task,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual(
            "Pembimbing, kepala dan analis kantor itu; peserta membaca nilainya sendiri.",
            "The office's supervisors, head and analysts; the intern reads their own.",
        ),
        safeguards=Bilingual(
            "Hanya untuk kantor itu; ringkasan modul tanpa nama.",
            "The office's only; module summaries carry no names.",
        ),
    ),
    Processing(
        table="alumnus",
        columns=("record", "consent", "visibility"),
        data_class="internship_alumni",
        subjects=Bilingual("Alumni magang", "Internship alumni"),
        fields=Bilingual(
            "Nama, alamat, instansi, jejaring dan email (disegel); persetujuan per data dan"
            " tingkat keterlihatan yang dipilih alumni.",
            "Name, address, institution, network and email (sealed); consent per field and"
            " the visibility the alumnus chose.",
        ),
        purpose=Bilingual(
            "Menjaga jejaring alumni magang kantor.", "Keeping the office's alumni network."
        ),
        legal_basis=LegalBasis.consent,
        retention=Bilingual(
            "Sampai alumni meminta penghapusan.", "Until the alumnus asks for erasure."
        ),
        recipients=Bilingual(
            "Penyelia magang kantor itu; staf lain dan publik hanya data yang disetujui sesuai"
            " keterlihatan pilihan alumni.",
            "The office's intern supervisors; other staff and the public only the consented"
            " fields, as the alumnus's visibility allows.",
        ),
        safeguards=Bilingual(
            "Disegel AES-GCM per baris; tersamar bagi peran lain; setiap pembacaan diaudit"
            " (`alumnus_read`); tautan ajaib sekali pakai, kedaluwarsa, hanya hash-nya disimpan.",
            "Sealed with AES-GCM per row; masked for other roles; every read audited"
            " (`alumnus_read`); the magic link is single-use, expiring, kept only as a hash.",
        ),
    ),
    Processing(
        table="alumnus_request",
        columns=("kind", "detail", "answer", "answered_by"),
        data_class="internship_alumni",
        subjects=Bilingual("Alumni magang", "Internship alumni"),
        fields=Bilingual(
            "Permintaan akses, perbaikan atau penghapusan, dan jawabannya (disegel).",
            "Requests for access, correction or erasure, and their answers (sealed).",
        ),
        purpose=Bilingual(
            "Memenuhi hak subjek data dalam 3 x 24 jam.",
            "Meeting the data subject's rights within 3 x 24 hours.",
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=_UNTIL_SCHEDULE,
        recipients=Bilingual("Penyelia magang kantor itu.", "The office's intern supervisors."),
        safeguards=Bilingual("Isi disegel AES-GCM.", "Content sealed with AES-GCM."),
    ),
    Processing(
        table="alumnus_read",
        columns=("actor", "actor_username", "actor_roles", "purpose"),
        data_class="access_audit",
        subjects=_READERS,
        fields=Bilingual(
            "Siapa membaca data alumni mana, kapan dan untuk apa.",
            "Who read which alumnus's data, when and why.",
        ),
        purpose=Bilingual(
            "Akuntabilitas akses ke data alumni.", "Accountability of access to alumni data."
        ),
        legal_basis=LegalBasis.legal_obligation,
        retention=Bilingual(
            "Selama data alumni disimpan.", "As long as the alumnus's data is kept."
        ),
        recipients=_DPO,
        safeguards=_AUDIT,
    ),
)
