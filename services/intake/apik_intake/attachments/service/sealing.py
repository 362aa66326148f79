"""Attachment content sealed at rest with the keyring of the reporters' identity.

Citizens attach KTP scans, family cards and letters: personal data like the identity
fields, so the same keys (`APIK_PII_KEYS`, AES-256-GCM through `apik_shared.platform.crypto`)
protect them. A sealed file is `MAGIC` followed by the cipher's token, which names the
key it was made with: after a rotation the old keys stay in the keyring and old files
still open. The associated data is the plain content's SHA-256, so a file put under
another attachment's name fails to open instead of serving the wrong document.

A sealed file is named by a keyed hash of its checksum (`storage_key`), not by the
checksum itself: otherwise anyone holding a copy of a document could confirm from the
file names that the office has it. The key derives from `APIK_PII_INDEX_KEY`, which
never changes. Equal contents still share one file.

Files stored before sealing have no `MAGIC` and are read as they are: every accepted
type starts with its own signature (`sniff`), never with `MAGIC`.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac

from apik_intake.attachments.service.storage import AttachmentStore
from apik_shared.platform.crypto import DecryptionError, FieldCipher

MAGIC = b"APIK-SEALED-1\n"


class UnreadableAttachment(Exception):
    """The file does not open with the keyring (a key removed too early, or tampering)."""


def name_key(secret: str) -> bytes:
    return hmac.new(secret.encode(), b"apik-intake:attachment-name:v1", hashlib.sha256).digest()


def storage_key(key: bytes, sha256: str) -> str:
    return hmac.new(key, sha256.encode(), hashlib.sha256).hexdigest()


def _context(sha256: str) -> str:
    return f"attachment:{sha256}"


def seal(cipher: FieldCipher, data: bytes, sha256: str) -> bytes:
    return MAGIC + cipher.encrypt(data, context=_context(sha256)).encode("ascii")


def unseal(cipher: FieldCipher, blob: bytes, sha256: str) -> bytes:
    """The plain content of a stored file, sealed or from before sealing."""
    if not blob.startswith(MAGIC):
        return blob
    try:
        token = blob[len(MAGIC) :].decode("ascii")
        return cipher.decrypt(token, context=_context(sha256))
    except (DecryptionError, UnicodeDecodeError, ValueError) as exc:
        raise UnreadableAttachment(str(exc)) from exc


class SealedStore:
    """The attachment store as intake uses it: plain bytes in and out, sealed on disk."""

    def __init__(self, store: AttachmentStore, cipher: FieldCipher, name_key: bytes) -> None:
        self.store, self.cipher, self.name_key = store, cipher, name_key

    async def put(self, *, sha256: str, data: bytes) -> str:
        """Seals and stores the content; returns its `storage_key`."""
        key = storage_key(self.name_key, sha256)
        # Encrypting megabytes takes milliseconds: off the event loop.
        blob = await asyncio.to_thread(seal, self.cipher, data, sha256)
        await self.store.put(key, blob)
        return key

    async def get(self, *, sha256: str, key: str | None) -> bytes:
        """The plain content; `key` None is a file from before sealing (under its SHA-256)."""
        blob = await self.store.get(key or sha256)
        return await asyncio.to_thread(unseal, self.cipher, blob, sha256)
