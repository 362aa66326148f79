"""How personal data looks to a reader not entitled to it (pure): enough to tell people
apart on a call, no more. Reporters (intake) and desk visitors (consultation) are masked
alike, so that a reader sees the same shape whichever service answers."""

from __future__ import annotations


def mask_text(value: str | None, keep: int = 1) -> str | None:
    """`Budi Santoso` → `B*** S******`."""
    if not value:
        return value
    return " ".join(w[:keep] + "*" * max(len(w) - keep, 1) for w in value.split())


def mask_digits(value: str | None, head: int, tail: int) -> str | None:
    """`+6281234567890` with head 6, tail 2 → `+62812******90`."""
    if not value:
        return value
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def mask_email(value: str | None) -> str | None:
    """`budi@mail.id` → `b***@mail.id`."""
    if not value:
        return value
    local, _, domain = value.partition("@")
    return f"{local[:1]}***@{domain}"
