"""A reporter's identity, sealed for storage.

Name, NIK, phone and email are encrypted together with the reporter's id as associated
data, so the blob only opens for its own row.
"""

from __future__ import annotations

import json
import uuid

from pydantic import BaseModel

from apik_shared.crypto import FieldCipher


class Identity(BaseModel):
    name: str
    nik: str | None = None
    phone: str | None = None
    email: str | None = None


def _context(reporter_id: uuid.UUID) -> str:
    return f"reporter:{reporter_id}:identity"


def seal(cipher: FieldCipher, reporter_id: uuid.UUID, identity: Identity) -> str:
    plaintext = json.dumps(identity.model_dump(), separators=(",", ":")).encode()
    return cipher.encrypt(plaintext, context=_context(reporter_id))


def unseal(cipher: FieldCipher, reporter_id: uuid.UUID, sealed: str) -> Identity:
    return Identity.model_validate_json(cipher.decrypt(sealed, context=_context(reporter_id)))
