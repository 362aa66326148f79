"""What a file is called: cleaned once when it arrives, and an ASCII stand-in for old clients.

A name comes from the reporter's machine and is shown to staff and sent back in a
header, so it keeps the letters people use (Cyrillic, Arabic, emoji) but loses whatever
would change how it reads or travels: control characters (CR/LF split a header),
invisible format characters such as U+202E, which turns `gpj.exe` into what looks like
`exe.jpg`, and any folder in front of the name. Never raises: a name that cleans to
nothing is the caller's to refuse.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

MAX_FILENAME_CHARS = 255  # attachment.filename is VARCHAR(255)
# The longest tail kept whole when a name is cut to length (".jpeg", ".docx", ...).
_MAX_EXTENSION_CHARS = 16
# Joiners are format characters too, but emoji sequences and Persian or Indic scripts
# need them; they cannot reorder what is displayed.
_KEPT_FORMAT = {"\u200c", "\u200d"}
_FALLBACK_STEM = "attachment"
# Inside a quoted-string `"` and `\` need escaping that clients get wrong, and `%` is
# percent-decoded by some (RFC 6266 appendix D): the ASCII name goes without all three.
_FALLBACK_UNSAFE = set('"\\%')
_UNDERSCORES = re.compile(r"_+")


def _without_invisibles(name: str) -> str:
    kept = []
    for char in name:
        category = unicodedata.category(char)
        if category in {"Cc", "Zl", "Zp"}:
            kept.append(" ")  # a line break between two words stays a gap
        elif (category == "Cf" and char not in _KEPT_FORMAT) or category == "Cs":
            continue  # bidi overrides, zero-width spaces, lone surrogates
        else:
            kept.append(char)
    return "".join(kept)


def _cut(name: str, limit: int) -> str:
    if len(name) <= limit:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and stem and len(extension) < _MAX_EXTENSION_CHARS:
        return stem[: limit - len(extension) - 1].rstrip() + "." + extension
    return name[:limit]


def clean_filename(raw: str) -> str:
    """The name as stored: NFC, no control or format characters, no folders, one space
    between words, at most `MAX_FILENAME_CHARS`; "" when nothing is left."""
    name = unicodedata.normalize("NFC", _without_invisibles(raw))
    # Uploads refuse folders (`check_filename`); a name kept from before never sends one.
    name = re.split(r"[/\\]", name)[-1]
    name = " ".join(name.split())
    if not name.strip("."):
        return ""  # ".", ".." and the like name no file
    return _cut(name, MAX_FILENAME_CHARS)


def ascii_fallback(name: str) -> str:
    """The name in printable ASCII for clients that ignore `filename*`: accents dropped
    (é → e), other letters as `_`, and `attachment` when no letter or digit is left."""
    chars = []
    for char in unicodedata.normalize("NFKD", name):
        if unicodedata.combining(char):
            continue
        printable = " " <= char <= "~" and char not in _FALLBACK_UNSAFE
        chars.append(char if printable else "_")
    fallback = _UNDERSCORES.sub("_", "".join(chars)).strip()
    stem, dot, extension = fallback.rpartition(".")
    if not dot:
        stem, extension = fallback, ""
    stem = stem.strip(" _")  # "📄 bukti.png" reads "bukti.png", not "_ bukti.png"
    if not any(c.isalnum() for c in stem):
        stem = _FALLBACK_STEM
    return _cut(stem + (f".{extension}" if extension else ""), MAX_FILENAME_CHARS)


def content_disposition(filename: str) -> str:
    """`attachment` with the name per RFC 6266: an ASCII `filename` for clients that know
    no better, the exact name in `filename*` (UTF-8, percent-encoded, RFC 8187).

    Never raises and always ASCII: names stored before names were cleaned (CR/LF, U+202E,
    emoji) are cleaned again here, so every stored row downloads.
    """
    name = clean_filename(filename) or "attachment"
    encoded = quote(name, safe="", encoding="utf-8", errors="replace")
    return f"attachment; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{encoded}"
