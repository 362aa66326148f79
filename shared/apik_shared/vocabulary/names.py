"""People's names as the services compare them (pure)."""

from __future__ import annotations


def same_name(a: str, b: str) -> bool:
    """`Siti  Rahmawati` is `siti rahmawati`: case and spacing are how a name was typed,
    not who it names. Spelling variants (Muhamad, Muhammad) are not matched: a subject's
    request answered with a namesake's data would be a breach."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())
