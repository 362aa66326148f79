"""A visitor's name and phone, sealed for storage.

Encrypted together with the visit's id as associated data, so the blob only opens for
its own row. The institution stays in clear: it names a firm or an agency, and the
desk's analysis counts by it.
"""

from __future__ import annotations

import json
import uuid

from pydantic import BaseModel

from apik_shared.crypto import FieldCipher


class Visitor(BaseModel):
    name: str
    phone: str | None = None


def _context(visit_id: uuid.UUID) -> str:
    return f"visit:{visit_id}:visitor"


def seal(cipher: FieldCipher, visit_id: uuid.UUID, visitor: Visitor) -> str:
    plaintext = json.dumps(visitor.model_dump(), separators=(",", ":")).encode()
    return cipher.encrypt(plaintext, context=_context(visit_id))


def unseal(cipher: FieldCipher, visit_id: uuid.UUID, sealed: str) -> Visitor:
    return Visitor.model_validate_json(cipher.decrypt(sealed, context=_context(visit_id)))
