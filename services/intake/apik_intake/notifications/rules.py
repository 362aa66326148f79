"""What a notification says and when it is tried again: pure rules, no I/O.

The templates carry only what the reporter already has or is owed: the registration
number, the status, dates, the notice text and links. Never a name, never the reported
agency: a confidential reporter's mailbox or phone may be read by others.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from pydantic_core import PydanticCustomError

from apik_shared.vocabulary.field_errors import invalid


class NotificationKind(StrEnum):
    registered = "registered"
    incomplete = "incomplete"
    decision = "decision"
    closure = "closure"
    survey = "survey"


class NotificationChannel(StrEnum):
    email = "email"
    whatsapp = "whatsapp"


class NotifyBy(StrEnum):
    email = "email"
    whatsapp = "whatsapp"
    none = "none"


class NotificationStatus(StrEnum):
    pending = "pending"
    sent = "sent"
    failed = "failed"
    skipped = "skipped"


PLACEHOLDERS = frozenset(
    {"registration_number", "tracking_url", "status", "deadline", "notice", "survey_url"}
)


@dataclass(frozen=True)
class Template:
    subject: str
    body: str


_FOOTER = (
    "\n\nPantau perkembangan laporan Anda di {tracking_url}\n\n"
    "Pesan ini dikirim otomatis oleh Ombudsman Republik Indonesia; mohon tidak dibalas."
)

DEFAULTS: dict[NotificationKind, Template] = {
    NotificationKind.registered: Template(
        "Laporan Anda telah diterima: {registration_number}",
        "Laporan Anda telah kami terima dan dicatat dengan nomor registrasi"
        " {registration_number}.\nSimpan nomor ini dan PIN pelacakan Anda." + _FOOTER,
    ),
    NotificationKind.incomplete: Template(
        "Laporan {registration_number} perlu dilengkapi",
        "Laporan Anda dengan nomor {registration_number} belum lengkap:\n\n{notice}\n\n"
        "Mohon lengkapi paling lambat {deadline}; laporan yang tidak dilengkapi sampai"
        " tanggal tersebut dianggap dicabut." + _FOOTER,
    ),
    NotificationKind.decision: Template(
        "Perkembangan laporan {registration_number}",
        "Laporan Anda dengan nomor {registration_number} telah diputuskan dalam rapat"
        " pleno. Status laporan: {status}." + _FOOTER,
    ),
    NotificationKind.closure: Template(
        "Laporan {registration_number} telah selesai",
        "Pemeriksaan atas laporan Anda dengan nomor {registration_number} telah selesai."
        " Hasil: {status}." + _FOOTER,
    ),
    NotificationKind.survey: Template(
        "Survei kepuasan: laporan {registration_number}",
        "Bagaimana penanganan laporan Anda ({registration_number})? Mohon beri penilaian"
        " Anda di {survey_url}\n\nPesan ini dikirim otomatis oleh Ombudsman Republik"
        " Indonesia; mohon tidak dibalas.",
    ),
}

# The statuses as a reporter reads them; a code without a label is shown as it is.
STATUS_LABELS = {
    "registered": "diterima",
    "awaiting_completion": "menunggu kelengkapan",
    "formally_verified": "lolos verifikasi formil",
    "materially_verified": "lolos verifikasi materiil",
    "material_failed": "menunggu keputusan rapat pleno",
    "accepted": "diteruskan ke pemeriksaan",
    "rejected": "ditolak",
    "answered": "dijawab",
    "withdrawn": "dianggap dicabut",
    "merged": "digabung dengan laporan lain",
    "recorded": "dicatat",
    "imported": "arsip lama",
    "closed": "selesai",
}

_MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def tanggal(day: date) -> str:
    """`7 Januari 2027`: a date as a letter writes it."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def placeholders_of(text: str) -> list[str]:
    """The placeholders a template uses; raises ValueError for a malformed one."""
    names = []
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            raise ValueError(f"malformed placeholder {{{name}}}")
        names.append(name)
    return names


def template_problems(subject: str, body: str) -> list[tuple[str, PydanticCustomError]]:
    """(field, why) for each part that names an unknown or malformed placeholder."""
    problems = []
    for field, text in (("subject", subject), ("body", body)):
        try:
            unknown = sorted(set(placeholders_of(text)) - PLACEHOLDERS)
        except ValueError as error:
            problems.append((field, invalid("placeholder_malformed", str(error))))
            continue
        if unknown:
            known = ", ".join("{" + name + "}" for name in sorted(PLACEHOLDERS))
            names = ", ".join("{" + name + "}" for name in unknown)
            said = "unknown placeholder(s) {names}; known: {known}"
            problems.append(
                (field, invalid("template_unknown_placeholder", said, names=names, known=known))
            )
    return problems


def render(template: Template, values: dict[str, str]) -> Template:
    """The template filled in; a value not given reads as an empty text."""
    filled = {name: values.get(name) or "" for name in PLACEHOLDERS}
    return Template(template.subject.format(**filled), template.body.format(**filled))


def channel_for(
    notify_by: NotifyBy | None, *, email: str | None, phone: str | None
) -> tuple[NotificationChannel, str] | None:
    """The channel and address of a reporter's notifications, None for none: email by
    default when an email is given."""
    if notify_by is None:
        notify_by = NotifyBy.email if email else NotifyBy.none
    if notify_by is NotifyBy.email and email:
        return NotificationChannel.email, email
    if notify_by is NotifyBy.whatsapp and phone:
        return NotificationChannel.whatsapp, phone
    return None


def next_attempt(attempts: int, schedule: list[float], now: datetime) -> datetime | None:
    """When to try again after `attempts` failed tries; None once the schedule is spent."""
    if attempts > len(schedule):
        return None
    return now + timedelta(seconds=schedule[attempts - 1])


def tracking_url(public_url: str, registration_number: str) -> str:
    return f"{public_url.rstrip('/')}/lacak?nomor={registration_number}"
