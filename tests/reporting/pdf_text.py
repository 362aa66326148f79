"""Just enough PDF reading for reporting's tests: the text shown in the content streams."""

from __future__ import annotations

import contextlib
import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")


def text_of(content: bytes) -> str:
    assert content.startswith(b"%PDF-1.") and content.rstrip().endswith(b"%%EOF")
    shown = []
    for match in _STREAM.finditer(content):
        raw = match.group(1)
        with contextlib.suppress(zlib.error):
            raw = zlib.decompress(raw)
        for string in _SHOWN.findall(raw):
            shown.append(re.sub(rb"\\(.)", rb"\1", string).decode("latin-1"))
    return " ".join(shown)
