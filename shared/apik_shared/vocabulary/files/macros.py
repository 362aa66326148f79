"""Office documents that carry macros: code that runs when an officer opens the file.

A citizen's Word or Excel file is welcome; one with a VBA project, Excel 4 macro sheets
or LibreOffice Basic/scripts is refused whatever it is named, and so is a document that
embeds such a file. Legacy OLE files (.doc, .xls) are never accepted (no allowed type),
but one holding VBA is answered as such: its directory names the `_VBA_PROJECT` stream
in UTF-16. Finding that name in the bytes is enough here, and why no OLE parser
(`olefile`) is added: a miss still ends in the refusal of the OLE type.
"""

from __future__ import annotations

import io
import zipfile

from apik_shared.vocabulary.files.content import OLE

MACRO_EXTENSIONS = (
    ".docm",
    ".dotm",
    ".xlsm",
    ".xltm",
    ".xlam",
    ".pptm",
    ".potm",
    ".ppsm",
    ".ppam",
    ".sldm",
)
_VBA_STREAM = "_VBA_PROJECT".encode("utf-16-le")
# Parts that hold code, by name (OOXML: the VBA project and its signature data, Excel 4
# macro sheets; ODF: Basic modules and scripts in other languages).
_CODE_PARTS = ("vbaproject.bin", "vbadata.xml")
_CODE_FOLDERS = ("xl/macrosheets/", "scripts/")
_BASIC_LIBRARY_INDEXES = ("script-lc.xml", "script-lb.xml", "dialog-lc.xml", "dialog-lb.xml")
# The content types Office gives macro-enabled documents and their parts.
_CODE_CONTENT_TYPES = (b"macroenabled", b"vbaproject", b"macrosheet")
# What is inflated to look inside, all parts together: a 10 MB upload may inflate to
# gigabytes, so a document needing more is refused rather than read.
MAX_INFLATED_BYTES = 64 * 1024 * 1024


def macro_extension(filename: str) -> bool:
    return filename.lower().endswith(MACRO_EXTENSIONS)


def _is_code_part(name: str) -> bool:
    lowered = name.lower()
    if lowered.endswith(_CODE_PARTS) or lowered.startswith(_CODE_FOLDERS):
        return True
    if lowered.startswith("basic/"):  # LibreOffice Basic: a module beside the indexes
        return not lowered.endswith(_BASIC_LIBRARY_INDEXES) and not lowered.endswith("/")
    return macro_extension(lowered)  # an embedded .xlsm, .docm, ...


def _is_embedded_object(name: str) -> bool:
    return "embeddings/" in name.lower() and name.lower().endswith(".bin")


def _embedded_macros(archive: zipfile.ZipFile, embedded: list[zipfile.ZipInfo]) -> str | None:
    """An embedded OLE object (`word/embeddings/oleObject1.bin`) holding VBA."""
    if sum(info.file_size for info in embedded) > MAX_INFLATED_BYTES:
        return "embedded objects too large to check"
    for info in embedded:
        data = archive.read(info)  # never more than file_size: zipfile stops there
        if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and _VBA_STREAM in data:
            return f"an embedded document with a VBA project ({info.filename})"
    return None


def _zip_macros(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            for info in parts:
                if _is_code_part(info.filename):
                    return f"macro code ({info.filename})"
            embedded = [info for info in parts if _is_embedded_object(info.filename)]
            if (found := _embedded_macros(archive, embedded)) is not None:
                return found
            types = next((i for i in parts if i.filename == "[Content_Types].xml"), None)
            if types is not None and types.file_size <= MAX_INFLATED_BYTES:
                declared = archive.read(types).lower()
                if any(marker in declared for marker in _CODE_CONTENT_TYPES):
                    return "a macro-enabled content type"
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, NotImplementedError, EOFError):
        return None  # not a readable archive: the type check refuses it
    return None


def macros_in(data: bytes, media_type: str) -> str | None:
    """What macro code the file carries (for the refusal's message), None when none."""
    if media_type == OLE:
        return "a VBA project" if _VBA_STREAM in data else None
    if data.startswith(b"PK\x03\x04"):
        return _zip_macros(data)
    return None
