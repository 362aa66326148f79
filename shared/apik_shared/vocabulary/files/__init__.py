"""Pure rules of uploaded files: what a file is, what it must not carry, what it is called.

Shared by every service that takes files from outside (intake's attachments, the
internship service's letters); `apik_shared.platform.uploads` answers with them."""

from apik_shared.vocabulary.files.content import (
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
from apik_shared.vocabulary.files.macros import macro_extension, macros_in
from apik_shared.vocabulary.files.names import ascii_fallback, clean_filename, content_disposition
from apik_shared.vocabulary.files.polyglots import two_types

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
    "content_disposition",
    "extension_fits",
    "macro_extension",
    "macros_in",
    "sniff",
    "two_types",
]
