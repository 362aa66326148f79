"""Pure rules of attachments: what a file is, what it must not carry, what it is called."""

from apik_intake.attachments.rules.content import (
    DOCX,
    EXECUTABLE,
    EXTENSIONS,
    GIF,
    JPEG,
    ODT,
    OLE,
    PDF,
    PNG,
    UNKNOWN,
    WEBP,
    XLSX,
    ZIP,
    extension_fits,
    sniff,
)
from apik_intake.attachments.rules.macros import macro_extension, macros_in
from apik_intake.attachments.rules.names import ascii_fallback, clean_filename
from apik_intake.attachments.rules.polyglots import two_types

__all__ = [
    "DOCX",
    "EXECUTABLE",
    "EXTENSIONS",
    "GIF",
    "JPEG",
    "ODT",
    "OLE",
    "PDF",
    "PNG",
    "UNKNOWN",
    "WEBP",
    "XLSX",
    "ZIP",
    "ascii_fallback",
    "clean_filename",
    "extension_fits",
    "macro_extension",
    "macros_in",
    "sniff",
    "two_types",
]
