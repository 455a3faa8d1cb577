"""KMS envelope encryption for what leaves the machine (docs/architecture.md, "Remote schema and key rules").

Per application push the app asks KMS for one data key (``GenerateDataKey`` on the configured
``KMS_KEY_ID``, AES-256) under the encryption context ``{"zoneinfo": <identity id>, "appid":
<appid>}``; every value of that push is sealed with AES-GCM under it. What is stored:

    {"v": 1, "edk": <base64 KMS CiphertextBlob>, "iv": <base64 12-byte nonce>,
     "ct": <base64 ciphertext with its 16-byte GCM tag>}

The AES-GCM associated data binds a value to where it belongs (``<appid>|<partition key>|<path>``
for a field, ``<appid>|document|<document id>`` for a document), so a value copied elsewhere
does not open. Whoever may call KMS ``Decrypt`` with the same context (this agent on any of
their machines; the back office with its own role) recovers the data key, then the value.
The IAM policy allows KMS only with ``kms:EncryptionContext:zoneinfo`` = the caller's identity.

An S3 document object is the same envelope as bytes: ``MAGIC`` + a JSON header line
``{"v", "edk", "iv"}`` + ``\\n`` + ciphertext."""

from __future__ import annotations

import base64
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop_app.sync.errors import Permanent
from desktop_app.i18n import N_, _

VERSION = 1
BLOB_MAGIC = b"LDkms1\n"

NO_KMS_KEY = N_(
    "This application holds an SSN, a date of birth, bank accounts or documents, and no KMS key "
    "is configured to encrypt them before they leave this computer, so it was not sent. Set "
    "KMS_KEY_ID (in the config file or DESKTOP_APP_KMS_KEY_ID) to the key your office uses for "
    "LeaseDesk, then sync again."
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


@dataclass(frozen=True)
class PushKey:
    """One push's data key: the plaintext (memory only) and KMS's encrypted copy."""

    secret: bytes
    edk: str  # base64 CiphertextBlob


def kms_failure(exc: Exception) -> Exception:
    """A KMS call's error as the engine's categories, with a message that says what to do."""
    from desktop_app.sync.remote_store import translate_error

    translated = translate_error(exc)
    if isinstance(translated, Permanent):
        code = getattr(exc, "response", {}).get("Error", {}).get("Code", type(exc).__name__)
        return Permanent(
            _(
                "KMS refused to encrypt or decrypt this application's protected fields ({code}). "
                "Check KMS_KEY_ID and that your account may use that key, then sync again."
            ).format(code=code)
        )
    return translated


class KmsEnvelope:
    """Seals and opens values for one account. ``kms`` is a boto3 KMS client (or a zero-argument
    factory of one); opened data keys are cached by their encrypted copy (memory only)."""

    def __init__(
        self, kms: Any | Callable[[], Any], key_id: str, identity_id: str, cache_size: int = 256
    ) -> None:
        self._kms = kms
        self.key_id = key_id
        self.identity_id = identity_id
        self._opened: OrderedDict[str, bytes] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    @property
    def kms(self) -> Any:
        k = self._kms
        return k if hasattr(k, "meta") else k()

    def context(self, appid: str) -> dict[str, str]:
        return {"zoneinfo": self.identity_id, "appid": appid}

    # -- keys ------------------------------------------------------------------------------
    def new_key(self, appid: str) -> PushKey:
        try:
            resp = self.kms.generate_data_key(
                KeyId=self.key_id, KeySpec="AES_256", EncryptionContext=self.context(appid)
            )
        except Exception as exc:
            raise kms_failure(exc) from exc
        key = PushKey(bytes(resp["Plaintext"]), _b64(bytes(resp["CiphertextBlob"])))
        self._remember(key.edk, key.secret)
        return key

    def _remember(self, edk: str, secret: bytes) -> None:
        with self._lock:
            self._opened[edk] = secret
            self._opened.move_to_end(edk)
            while len(self._opened) > self._cache_size:
                self._opened.popitem(last=False)

    def _secret(self, appid: str, edk: str) -> bytes:
        with self._lock:
            secret = self._opened.get(edk)
        if secret is not None:
            return secret
        try:
            resp = self.kms.decrypt(
                CiphertextBlob=_unb64(edk), EncryptionContext=self.context(appid)
            )
        except Exception as exc:
            raise kms_failure(exc) from exc
        secret = bytes(resp["Plaintext"])
        self._remember(edk, secret)
        return secret

    # -- values ----------------------------------------------------------------------------
    def seal(self, key: PushKey, plaintext: bytes, aad: str) -> dict[str, Any]:
        iv = os.urandom(12)
        ct = AESGCM(key.secret).encrypt(iv, plaintext, aad.encode("utf-8"))
        return {"v": VERSION, "edk": key.edk, "iv": _b64(iv), "ct": _b64(ct)}

    def open(self, appid: str, sealed: dict[str, Any], aad: str) -> bytes:
        if int(sealed.get("v", 0)) != VERSION:
            raise Permanent(_("an encrypted field was written by a newer LeaseDesk; update the app"))
        secret = self._secret(appid, str(sealed["edk"]))
        try:
            return AESGCM(secret).decrypt(
                _unb64(str(sealed["iv"])), _unb64(str(sealed["ct"])), aad.encode("utf-8")
            )
        except Exception as exc:  # InvalidTag: altered, or moved from elsewhere
            raise Permanent(_("an encrypted field on the server does not open (altered?)")) from exc

    # -- S3 objects ------------------------------------------------------------------------
    def seal_blob(self, key: PushKey, plaintext: bytes, aad: str) -> bytes:
        sealed = self.seal(key, plaintext, aad)
        header = json.dumps({"v": sealed["v"], "edk": sealed["edk"], "iv": sealed["iv"]})
        return BLOB_MAGIC + header.encode("ascii") + b"\n" + _unb64(sealed["ct"])

    def open_blob(self, appid: str, blob: bytes, aad: str) -> bytes:
        if not blob.startswith(BLOB_MAGIC):
            raise Permanent(_("a document on the server is not in LeaseDesk's encrypted format"))
        header, _sep, ct = blob[len(BLOB_MAGIC) :].partition(b"\n")
        sealed = {**json.loads(header.decode("ascii")), "ct": _b64(ct)}
        return self.open(appid, sealed, aad)


def document_aad(appid: str, document_id: str) -> str:
    return f"{appid}|document|{document_id}"


def field_aad(appid: str, partition_key: str, path: str) -> str:
    return f"{appid}|{partition_key}|{path}"
