"""Works (pure): their kinds, and the masking of what a supervisor shares from a real
report or case.

An intern drafts analyses and examination documents from real reports, but is not the
office's officer: they see only what the supervisor chooses to share, and never who
the people are. Masking is applied before the material is stored, so no copy of it in
the database names anyone:

- every name the supervisor lists (the reporter, the officials reported, witnesses) is
  replaced, as a whole and word by word (a surname alone, "Pak Budi"), case-insensitively;
- email addresses, telephone numbers, NIKs and any other run of eight or more digits
  (account numbers, civil registry numbers) are replaced whatever the list says.

A name the supervisor neither lists nor removes cannot be found by a rule: the route
says so, and the supervisor reads back exactly what the intern will see.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum

NAME = "[nama disamarkan]"
EMAIL = "[email disamarkan]"
PHONE = "[telepon disamarkan]"
NUMBER = "[nomor disamarkan]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
# +62 or 0 followed by 8 to 13 digits, spaces, dots or dashes between them.
# Not the tail of a longer number (a NIK written in groups of four is a number).
_PHONE = re.compile(
    r"(?<!\w)(?<!\d[\s.-])(\+62|62|0)[\s.-]?\d{2,4}([\s.-]?\d{2,4}){2,4}(?!\w)(?![\s.-]\d)"
)
_DIGITS = re.compile(r"\d(?:[\s.-]?\d){7,}")
MIN_WORD = 3  # shorter parts of a name ("Hj", "S") are titles or initials, kept


class WorkKind(StrEnum):
    analysis = "analysis"  # an analysis of reports (kajian cepat, analisis)
    draft = "draft"  # a draft of an examination document (konsep LHP, surat)
    study = "study"  # part of a study (kajian sistemik)
    presentation = "presentation"  # the closing presentation
    other = "other"


def masked_material(text: str, names: Sequence[str]) -> str:
    """`text` with the listed names, emails, phone numbers and long numbers replaced."""
    out = _EMAIL.sub(EMAIL, text)
    out = _PHONE.sub(PHONE, out)
    out = _DIGITS.sub(NUMBER, out)
    whole = sorted({n.strip() for n in names if n.strip()}, key=len, reverse=True)
    words = sorted(
        {w for n in whole for w in re.split(r"\s+", n) if len(w) >= MIN_WORD},
        key=len,
        reverse=True,
    )
    for name in [*whole, *words]:
        pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
        out = pattern.sub(NAME, out)
    # "[nama disamarkan] [nama disamarkan]" from a name masked word by word reads as one.
    doubled = re.escape(NAME) + r"(\s+" + re.escape(NAME) + r")+"
    return re.sub(doubled, NAME, out)
