"""Attachments: checked, checksummed, sealed and stored; read back and verified."""

from apik_intake.attachments.service.files import (
    DamagedAttachment,
    add_attachment,
    get_attachment,
    list_attachments,
    list_portal_files,
    read_content,
    read_limited,
    store_attachment,
)
from apik_intake.attachments.service.sealing import SealedStore, UnreadableAttachment, name_key
from apik_intake.attachments.service.storage import AttachmentStore, LocalDirectoryStore
from apik_shared.platform.uploads import (
    CheckedFile,
    UnsupportedAttachment,
    check_file,
    check_filename,
)

__all__ = [
    "AttachmentStore",
    "CheckedFile",
    "DamagedAttachment",
    "LocalDirectoryStore",
    "SealedStore",
    "UnreadableAttachment",
    "UnsupportedAttachment",
    "add_attachment",
    "check_file",
    "check_filename",
    "get_attachment",
    "list_attachments",
    "list_portal_files",
    "name_key",
    "read_content",
    "read_limited",
    "store_attachment",
]
