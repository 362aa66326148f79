"""Indonesian words that printed forms, reports and sample texts all need."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

MONTHS = (
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
)

# Indonesia's three zones by their IANA names (and the older aliases); a zone elsewhere
# prints the abbreviation the time-zone database gives it.
ZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Ujung_Pandang": "WITA",
    "Asia/Jayapura": "WIT",
}


def tanggal(day: date) -> str:
    """A date as Indonesian letters write it: `5 Desember 2026`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def waktu(at: datetime, timezone: str) -> str:
    """An instant as the office's clock shows it: `17 Agustus 2026, 09:30 WITA`."""
    local = at.astimezone(ZoneInfo(timezone))
    zone = ZONES.get(timezone) or local.tzname() or timezone
    return f"{tanggal(local.date())}, {local:%H:%M} {zone}"


def angka(value: float | int | str | None) -> str:
    """A number as written in Indonesian: 1.234 and 107,1 (at most two decimals); nothing
    as a dash; text as it is."""
    if value is None:
        return "-"
    if isinstance(value, bool | str):
        return str(value)
    if isinstance(value, int) or value.is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.2f}".rstrip("0").rstrip(".").translate({44: 46, 46: 44})
