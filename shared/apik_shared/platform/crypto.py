"""Authenticated encryption of personal data at rest (AES-256-GCM), with key rotation.

A ciphertext names the key it was made with (`kid`), so old rows stay readable after a
new key becomes active; `reencrypt` moves a value to the active key. The associated
data binds a ciphertext to its row and field, so a value copied into another row fails
to decrypt instead of leaking.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12


class DecryptionError(ValueError):
    pass


def parse_keyring(spec: str) -> dict[str, bytes]:
    """`kid1:<base64 32 bytes>,kid2:<…>`; the first key is the active one."""
    keys: dict[str, bytes] = {}
    for item in filter(None, (part.strip() for part in spec.split(","))):
        kid, _, encoded = item.partition(":")
        key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        if len(key) != 32 or not kid:
            raise ValueError(f"key {kid!r} must be 32 bytes, base64-encoded, with an id")
        keys[kid] = key
    return keys


def development_keyring(secret: str) -> str:
    """A keyring derived from the development secret (refused outside development)."""
    key = hashlib.sha256(b"apik-pii:" + secret.encode()).digest()
    return "dev:" + base64.urlsafe_b64encode(key).decode().rstrip("=")


def development_transfer_keyring() -> str:
    """The development default of `APIK_TRANSFER_KEYS`, the keyring integration and intake
    share to seal what travels between them in an event (an import's rows, a portal's
    pulled complaints). Both services derive the same one from a fixed development value,
    so they agree even when started with different secrets; it is distinct from either's
    own keys at rest. Outside development the keyring must be set, never derived."""
    key = hashlib.sha256(b"apik-transfer:development").digest()
    return "dev:" + base64.urlsafe_b64encode(key).decode().rstrip("=")


class FieldCipher:
    def __init__(self, keyring: str) -> None:
        self._keys = parse_keyring(keyring)
        if not self._keys:
            raise ValueError("the keyring is empty")
        self.active_kid = next(iter(self._keys))

    def encrypt(self, plaintext: bytes, *, context: str) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(self._keys[self.active_kid]).encrypt(nonce, plaintext, context.encode())
        return f"{self.active_kid}:" + base64.urlsafe_b64encode(nonce + sealed).decode()

    def decrypt(self, token: str, *, context: str) -> bytes:
        kid, _, encoded = token.partition(":")
        key = self._keys.get(kid)
        if key is None:
            raise DecryptionError(f"unknown key id {kid!r}")
        raw = base64.urlsafe_b64decode(encoded)
        try:
            return AESGCM(key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode())
        except InvalidTag as exc:
            raise DecryptionError("the ciphertext does not match its key or context") from exc

    def reencrypt(self, token: str, *, context: str) -> str:
        if token.startswith(f"{self.active_kid}:"):
            return token
        return self.encrypt(self.decrypt(token, context=context), context=context)
