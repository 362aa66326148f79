"""Just enough PDF reading for the tests: structure, and the text of the content streams."""

from __future__ import annotations

import contextlib
import io
import re
import zlib

from pypdf import PdfReader

_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_SHOWN = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")


def check_structure(content: bytes) -> None:
    assert content.startswith(b"%PDF-1."), content[:16]
    assert content.rstrip().endswith(b"%%EOF")
    assert b"xref" in content and b"trailer" in content and b"/Type /Catalog" in content


def text_of(content: bytes) -> str:
    """The text of every page, as a reader extracts it, one page after the other."""
    return "\n".join(pages_text(content))


def shown_strings(content: bytes) -> str:
    """Every literal string shown with `Tj`, from each (Flate-compressed or plain) stream:
    enough for a hand-made PDF; documents with embedded fonts need `text_of`."""
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


def pages_text(content: bytes) -> list[str]:
    """Each page's text as a reader extracts it (pypdf: embedded TrueType fonts show
    glyph ids, which only the fonts' ToUnicode maps turn back into text)."""
    check_structure(content)
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def fonts_of(content: bytes) -> dict[str, bool]:
    """Every font the pages use, by its base name, and whether its TrueType program is
    embedded (`FontFile2` in its descriptor, the descendant's for a Type0 font)."""
    found: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        for ref in (fonts.get_object() if fonts else {}).values():
            font = ref.get_object()
            described = font
            if "/DescendantFonts" in font:
                described = font["/DescendantFonts"].get_object()[0].get_object()
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            found[str(font["/BaseFont"])] = embedded
    return found
