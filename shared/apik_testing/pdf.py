"""Just enough PDF reading for the tests: structure, and the text of the content streams."""

from __future__ import annotations

import contextlib
import re
import zlib

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")


def check_structure(content: bytes) -> None:
    assert content.startswith(b"%PDF-1."), content[:16]
    assert content.rstrip().endswith(b"%%EOF")
    assert b"xref" in content and b"trailer" in content and b"/Type /Catalog" in content


def text_of(content: bytes) -> str:
    """Every string shown with `Tj`, from each (Flate-compressed or plain) stream."""
    check_structure(content)
    shown = []
    for match in _STREAM.finditer(content):
        raw = match.group(1)
        # An uncompressed stream, or an image's data, stays as it is. A decompressor
        # object rather than zlib.decompress: when a compressed stream ends in a CR byte
        # the pattern takes it for the line end, and that byte belongs to the checksum.
        with contextlib.suppress(zlib.error):
            raw = zlib.decompressobj().decompress(raw)
        for string in _SHOWN.findall(raw):
            shown.append(re.sub(rb"\\(.)", rb"\1", string).decode("latin-1"))
    return " ".join(shown)
