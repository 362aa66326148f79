"""How an attachment is sent back: its name in a header every client reads the same way."""

from __future__ import annotations

from urllib.parse import quote

from apik_shared.vocabulary.files import ascii_fallback, clean_filename


def content_disposition(filename: str) -> str:
    """`attachment` with the name per RFC 6266: an ASCII `filename` for clients that know
    no better, the exact name in `filename*` (UTF-8, percent-encoded, RFC 8187).

    Never raises and always ASCII: names stored before names were cleaned (CR/LF, U+202E,
    emoji) are cleaned again here, so every stored row downloads.
    """
    name = clean_filename(filename) or "attachment"
    encoded = quote(name, safe="", encoding="utf-8", errors="replace")
    return f"attachment; filename=\"{ascii_fallback(name)}\"; filename*=UTF-8''{encoded}"
