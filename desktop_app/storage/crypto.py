"""AES-GCM at rest (docs/architecture.md, "Local store and secrets"): PII fields and document bytes are sealed under the account's
data key, which lives only in the OS keyring. A sealed value names its key, so rotation can
re-encrypt row by row and a value sealed under an older key still opens meanwhile."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeGuard

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "enc1:"


class DecryptionError(ValueError):
    """The value was not sealed by any key we hold, or was altered."""


@dataclass(frozen=True)
class DataKey:
    key_id: str
    secret: bytes  # 32 bytes

    @classmethod
    def generate(cls) -> DataKey:
        return cls(key_id=base64.b32encode(os.urandom(5)).decode("ascii").lower(), secret=AESGCM.generate_key(256))

    def to_text(self) -> str:
        """How the key is kept in the keyring."""
        return f"{self.key_id}:{base64.b64encode(self.secret).decode('ascii')}"

    @classmethod
    def from_text(cls, text: str) -> DataKey:
        key_id, _, secret = text.partition(":")
        raw = base64.b64decode(secret)
        if not key_id or len(raw) != 32:
            raise ValueError("not a LeaseDesk data key")
        return cls(key_id, raw)


class Cipher:
    """Seals with the current key, opens with the current or any older key it was given."""

    def __init__(self, current: DataKey, older: tuple[DataKey, ...] = ()) -> None:
        self.current = current
        self.older = tuple(older)
        self._keys = {k.key_id: AESGCM(k.secret) for k in (*older, current)}
        self._aead = self._keys[current.key_id]

    def seal_bytes(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(12)
        head = self.current.key_id.encode("ascii") + b":"
        return head + nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open_bytes(self, sealed: bytes, aad: bytes) -> bytes:
        key_id, sep, rest = sealed.partition(b":")
        aead = self._keys.get(key_id.decode("ascii", "replace")) if sep else None
        if aead is None or len(rest) < 12 + 16:
            raise DecryptionError("sealed under a key this store does not hold")
        try:
            return aead.decrypt(rest[:12], rest[12:], aad)
        except Exception as exc:  # cryptography's InvalidTag
            raise DecryptionError("value altered or sealed for another record") from exc

    def seal_text(self, plaintext: str, aad: str) -> str:
        sealed = self.seal_bytes(plaintext.encode("utf-8"), aad.encode("utf-8"))
        return PREFIX + base64.b64encode(sealed).decode("ascii")

    def open_text(self, sealed: str, aad: str) -> str:
        return self.open_bytes(base64.b64decode(sealed[len(PREFIX):]), aad.encode("utf-8")).decode("utf-8")


def is_sealed(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and value.startswith(PREFIX)


#: Supplies the account's cipher (reading or creating its key in the keyring).
CipherProvider = Callable[[], Cipher]


#: What the store file's key is derived for: never the data key's own bytes, so the file key
#: and the field cipher are different keys.
_FILE_KEY_INFO = b"LeaseDesk store file key v1"


def file_key(key: DataKey) -> bytes:
    """The raw 256-bit SQLCipher key of a store, derived from its data key (HKDF-SHA256)."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_FILE_KEY_INFO).derive(key.secret)


def file_keys(cipher: Cipher) -> list[bytes]:
    """The file keys to try on a store, the current key's first (then an interrupted
    rotation's older ones)."""
    return [file_key(k) for k in (cipher.current, *cipher.older)]
