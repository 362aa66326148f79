"""Files that are two types at once: a PDF a browser would run as a web page, an image
that is also a PDF or a ZIP archive.

Readers forgive a lot: PDF readers look for `%PDF-` anywhere in the first kilobyte,
browsers sniff HTML in the first bytes, ZIP readers start from the end. A file that
satisfies two of them is made to reach one reader dressed as the other (a "scan" that
runs script when opened from a mail or another system that serves it inline), and no
genuine scan, photo or document is one. Only the beginning is searched, where readers
look: markup deep inside a PDF's streams is ordinary.
"""

from __future__ import annotations

import io
import re
import zipfile

from apik_shared.vocabulary.files.content import DOCX, ODT, PDF, UNKNOWN, XLSX, ZIP

HEAD_BYTES = 1024  # how far PDF readers look for the header
_PDF_HEADER = b"%PDF-"
# Tags a browser's sniffer or renderer acts on; at least three letters and a delimiter,
# so that compressed bytes do not spell one by chance.
_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed|meta|style|title"
    rb"|img|form|table|div|link|base)[\s/>]",
    re.IGNORECASE,
)
_ARCHIVES = {DOCX, XLSX, ODT, ZIP}


def _is_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return bool(archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return False


def two_types(data: bytes, media_type: str) -> str | None:
    """The two types a file is at once ("application/pdf and HTML", for the refusal's
    message), None when it is only `media_type`."""
    head = data[:HEAD_BYTES]
    if _MARKUP.search(head) is not None:
        if media_type != UNKNOWN:
            return f"{media_type} and HTML"
        if _PDF_HEADER in head:  # a web page with a PDF header further on
            return f"{PDF} and HTML"
    if media_type not in {PDF, UNKNOWN} and _PDF_HEADER in head:
        return f"{media_type} and {PDF}"
    if media_type not in _ARCHIVES | {UNKNOWN} and _is_zip(data):
        return f"{media_type} and {ZIP}"
    return None
