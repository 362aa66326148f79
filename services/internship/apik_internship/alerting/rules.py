"""What a Red Button alert says when it leaves the building (pure): the office, the time
in the office's zone, the severity and a link to the restricted page, in Bahasa
Indonesia then English. Never what the intern wrote, who they are or who it is about: a
mailbox or a phone's lock screen is no place for it.

And when an alert the server refused is tried again: the waits of
`APIK_ALERT_RETRY_SECONDS`, the last one repeated for as long as the case stays
unacknowledged (an officer's alert is never given up on while it still matters)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from apik_shared.vocabulary.indonesian import waktu


class Channel(StrEnum):
    email = "email"
    phone = "phone"  # WhatsApp or SMS, through the deployment's provider


class ContactRole(StrEnum):
    """Whom a contact stands for: an officer (alerted by name on the roster, and with
    every officer when nobody is on duty), or the head (the last escalation level)."""

    protection_officer = "protection_officer"
    head = "head"


class DeliveryStatus(StrEnum):
    pending = "pending"
    sent = "sent"
    skipped = "skipped"  # no channel configured: recorded, with why
    cancelled = "cancelled"  # acknowledged before it left: no mail needed any more
    failed = "failed"  # the gateway refused it for good (a wrong number): the head sees why


SEVERITY = {
    "danger": ("BAHAYA", "in danger now"),
    "urgent": ("MENDESAK", "urgent"),
    "concern": ("PERHATIAN", "a concern"),
}
LEVEL = {0: ("petugas jaga", "officer on duty"), 1: ("eskalasi", "escalated")}


@dataclass(frozen=True)
class AlertText:
    subject: str
    body: str
    link: str
    # Office, time, severity, alert level and link, one by one (`ALERT_TEMPLATE`).
    parameters: tuple[str, ...] = ()


# The WhatsApp template the office has Meta approve, its body taking `AlertText.parameters`
# in this order (documented in the service's README; a template may only be short text).
ALERT_TEMPLATE = (
    "Tombol Merah {{3}} di {{1}}, {{2}}. Pemberitahuan: {{4}}."
    " Buka dan konfirmasi (perlu masuk): {{5}}"
)


@dataclass(frozen=True)
class AlertFacts:
    """Everything an alert may say: references and times, nothing the intern wrote."""

    office: str
    office_name: str
    timezone: str
    severity: str
    level: int
    raised_at: datetime
    link: str


def alert_text(facts: AlertFacts) -> AlertText:
    label, english = SEVERITY.get(facts.severity, (facts.severity.upper(), facts.severity))
    if facts.level >= 2:
        level, level_en = "eskalasi ke kepala", "escalated to the head"
    else:
        level, level_en = LEVEL[facts.level]
    at = waktu(facts.raised_at, facts.timezone)
    subject = f"[APIK] Tombol Merah {label} - {facts.office_name}"
    body = "\n".join(
        [
            "Tombol Merah ditekan oleh peserta magang dan belum dikonfirmasi.",
            f"Kantor: {facts.office_name} ({facts.office})",
            f"Waktu: {at}",
            f"Tingkat: {label}",
            f"Pemberitahuan: {level}",
            f"Buka dan konfirmasi (perlu masuk): {facts.link}",
            "",
            "Isi laporan tidak dikirim lewat surel atau pesan; bacalah di APIK.",
            "",
            "---",
            "A Red Button was raised by an intern and is not yet acknowledged.",
            f"Office: {facts.office_name} ({facts.office}); time: {at};"
            f" severity: {english}; alert: {level_en}.",
            f"Open and acknowledge it (sign-in required): {facts.link}",
            "What the intern wrote is never sent by email or message; read it in APIK.",
        ]
    )
    office = f"{facts.office_name} ({facts.office})"
    return AlertText(
        subject=subject,
        body=body,
        link=facts.link,
        parameters=(office, at, label, level, facts.link),
    )


def phone_text(text: AlertText) -> str:
    """A phone message (SMS): `ALERT_TEMPLATE` filled, short enough for one or two SMS."""
    filled = ALERT_TEMPLATE
    for number, value in enumerate(text.parameters, start=1):
        filled = filled.replace("{{" + str(number) + "}}", value)
    return filled


def case_link(public_url: str, case_id: object) -> str:
    """The web app's restricted page of the case (`/perlindungan/<id>`)."""
    return f"{public_url.rstrip('/')}/perlindungan/{case_id}"


def next_attempt(attempts: int, waits: list[float], now: datetime) -> datetime:
    """After `attempts` failed tries, when to try again: the `attempts`-th wait, the last
    one repeated once the list runs out."""
    wait = waits[min(attempts, len(waits)) - 1] if attempts >= 1 else waits[0]
    return now + timedelta(seconds=wait)


def masked_email(address: str) -> str:
    """`s***@ombudsman.go.id`: enough for the head to tell which address is set."""
    name, _, domain = address.partition("@")
    return f"{name[:1]}***@{domain}"


def masked_phone(number: str) -> str:
    """`+62812****5678`."""
    return f"{number[:6]}****{number[-4:]}" if len(number) > 10 else "****"
