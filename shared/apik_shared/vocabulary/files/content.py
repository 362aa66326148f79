"""What a file is, from its first bytes and structure, never from its name."""

from __future__ import annotations

import io
import zipfile

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ZIP = "application/zip"
OLE = "application/x-ole-storage"  # old .doc/.xls, also carriers of macros
EXECUTABLE = "application/x-executable"
UNKNOWN = "application/octet-stream"

# The extensions a type may be named with.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    GIF: (".gif",),
    WEBP: (".webp",),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    ODT: (".odt",),
}

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", OLE),
    (b"MZ", EXECUTABLE),  # Windows
    (b"\x7fELF", EXECUTABLE),  # Linux
    (b"\xcf\xfa\xed\xfe", EXECUTABLE),  # macOS
    (b"#!", EXECUTABLE),  # scripts
)


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            # ODF's `mimetype` is a few dozen bytes; a bigger one is not inflated to compare.
            mimetype = next((i for i in archive.infolist() if i.filename == "mimetype"), None)
            if (
                mimetype
                and mimetype.file_size < 256
                and archive.read(mimetype).strip() == ODT.encode()
            ):
                return ODT
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return UNKNOWN
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return DOCX
        if any(n.startswith("xl/") for n in names):
            return XLSX
    return ZIP


def sniff(data: bytes) -> str:
    """The media type the content really has (`UNKNOWN` when it is none we know)."""
    for magic, media_type in _MAGIC:
        if data.startswith(magic):
            return media_type
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    return UNKNOWN


def extension_fits(filename: str, media_type: str) -> bool:
    lowered = filename.lower()
    return any(lowered.endswith(ext) for ext in EXTENSIONS.get(media_type, ()))
