"""Letters and archive lending (pure): agenda numbers, when a loan is late."""

from __future__ import annotations

from datetime import date, datetime

AGENDA_CODES = {"incoming": "SM", "outgoing": "SK"}  # surat masuk, surat keluar


def agenda_number(office: str, direction: str, year: int, number: int) -> str:
    """`BKL/SM/2026/00001`: the office, incoming or outgoing, the year, the count."""
    return f"{office}/{AGENDA_CODES[direction]}/{year}/{number:05d}"


def is_overdue(due_on: date, returned_at: datetime | None, today: date) -> bool:
    """`today` is the loan's office's date (its own zone): late from its midnight."""
    return returned_at is None and due_on < today
