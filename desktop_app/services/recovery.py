"""Passphrase-sealed files (docs/formats.md): the recovery file that brings back a store's data
key, the passphrase-protected export, and the key record beside each store that says which key
opens it (so a recovery file made before a rotation can be told apart).

Sealing is scrypt (the passphrase → a 256-bit key) and AES-GCM over the payload, with the
file's header as associated data, so no field can be swapped. A key is named by its
fingerprint (the first 16 hex digits of SHA-256 over the key), never by the key itself.
Every file here is written 0600, through a temporary file, fsync and an atomic rename."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.fileperms import fsync_dir
from desktop_app.services.errors import ServiceError
from desktop_app.storage.crypto import DataKey

RECOVERY_FORMAT = "leasedesk-recovery"
EXPORT_FORMAT = "leasedesk-sealed-export"
KEY_RECORD_SUFFIX = ".keyid"
MIN_PASSPHRASE = 12

# scrypt cost: about 128 MiB and a fraction of a second; files asking for more are refused.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
_MAX_N, _MAX_R, _MAX_P = 2**20, 16, 4
_MAX_FILE = 512 * 1024 * 1024


class RecoveryError(ServiceError):
    """A sealed file that cannot be used; the message says why and what to do, never a value."""


class WrongPassphrase(RecoveryError):
    def __init__(self) -> None:
        super().__init__("The passphrase does not open this file (or the file was altered).")


class StaleRecoveryFile(RecoveryError):
    """The recovery file opens a key this store no longer uses (it was rotated since)."""


def fingerprint(key: DataKey) -> str:
    return hashlib.sha256(key.secret).hexdigest()[:16]


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise RecoveryError(f"The passphrase must have at least {MIN_PASSPHRASE} characters.")


# -- private files -----------------------------------------------------------------------------
def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as 0600: a temporary file, fsync, an atomic rename."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600) if hasattr(os, "fchmod") else None
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


# -- passphrase sealing --------------------------------------------------------------------------
def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _aad(header: dict[str, Any]) -> bytes:
    return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


def seal(payload: bytes, passphrase: str, header: dict[str, Any]) -> dict[str, Any]:
    """``header`` plus the scrypt parameters, nonce and ciphertext of ``payload``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    check_passphrase(passphrase)
    salt, nonce = os.urandom(16), os.urandom(12)
    kdf = {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)}
    full = {**header, "kdf": kdf}
    key = _derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    ciphertext = AESGCM(key).encrypt(nonce, payload, _aad(full))
    return {**full, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}


def unseal(document: dict[str, Any], passphrase: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        kdf = document["kdf"]
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(document["nonce"], validate=True)
        ciphertext = base64.b64decode(document["ciphertext"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise RecoveryError("The file is damaged: its sealing fields are missing.") from exc
    if kdf.get("name") != "scrypt" or not (
        2 <= n <= _MAX_N and n & (n - 1) == 0 and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P
    ) or len(nonce) != 12 or len(salt) < 8:
        raise RecoveryError("The file asks for key-derivation settings LeaseDesk does not accept.")
    header = {k: v for k, v in document.items() if k not in ("nonce", "ciphertext")}
    try:
        return AESGCM(_derive(passphrase, salt, n, r, p)).decrypt(nonce, ciphertext, _aad(header))
    except InvalidTag as exc:
        raise WrongPassphrase() from exc


def _read_json(path: Path, what: str) -> dict[str, Any]:
    try:
        if path.stat().st_size > _MAX_FILE:
            raise RecoveryError(f"{path.name} is too large to be a {what}.")
        document = json.loads(path.read_bytes())
    except OSError as exc:
        raise RecoveryError(f"{path.name} cannot be read ({type(exc).__name__}).") from exc
    except ValueError as exc:
        raise RecoveryError(f"{path.name} is not a {what}.") from exc
    if not isinstance(document, dict):
        raise RecoveryError(f"{path.name} is not a {what}.")
    return document


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# -- recovery files ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Recovered:
    key: DataKey
    account: str
    key_fingerprint: str
    created: str


def write_recovery_file(path: Path, key: DataKey, account: str, passphrase: str) -> str:
    """Write the recovery file for ``key``; returns the key's fingerprint."""
    key_id = fingerprint(key)
    header = {
        "format": RECOVERY_FORMAT,
        "version": 1,
        "account": account,
        "key": key_id,
        "created": _now(),
    }
    document = seal(key.to_text().encode("ascii"), passphrase, header)
    write_private(Path(path), json.dumps(document, indent=1).encode("utf-8"))
    return key_id


def read_recovery_file(path: Path, passphrase: str) -> Recovered:
    document = _read_json(Path(path), "LeaseDesk recovery file")
    if document.get("format") != RECOVERY_FORMAT or document.get("version") != 1:
        raise RecoveryError(f"{Path(path).name} is not a LeaseDesk recovery file.")
    raw = unseal(document, passphrase)
    try:
        key = DataKey.from_text(raw.decode("ascii"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RecoveryError("The recovery file is damaged: it holds no data key.") from exc
    if fingerprint(key) != document.get("key"):
        raise RecoveryError("The recovery file is damaged: its key does not match its record.")
    return Recovered(key, str(document.get("account")), fingerprint(key), str(document.get("created")))


# -- the key record beside a store ---------------------------------------------------------------
def key_record_path(store_path: Path) -> Path:
    return Path(store_path).with_name(Path(store_path).name + KEY_RECORD_SUFFIX)


def read_key_record(store_path: Path) -> dict[str, Any] | None:
    """``{"key": fingerprint, "previous": [{"key", "rotated_at"}...]}``, or None."""
    path = key_record_path(store_path)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("key"), str):
        return None
    if not isinstance(record.get("previous"), list):
        record["previous"] = []
    return record


def write_key_record(store_path: Path, key: DataKey, *, rotated_from: DataKey | None = None) -> None:
    record = read_key_record(store_path) or {"key": fingerprint(key), "previous": []}
    if rotated_from is not None and fingerprint(rotated_from) != fingerprint(key):
        record["previous"] = [
            {"key": fingerprint(rotated_from), "rotated_at": _now()},
            *[p for p in record["previous"] if isinstance(p, dict)],
        ][:20]
    record["key"] = fingerprint(key)
    record["version"] = 1
    write_private(key_record_path(store_path), json.dumps(record, sort_keys=True).encode("utf-8"))


def _update_key_record(store_path: Path, **fields: Any) -> None:
    record = read_key_record(store_path)
    if record is None:
        return
    record.update(fields)
    write_private(key_record_path(store_path), json.dumps(record, sort_keys=True).encode("utf-8"))


def note_recovery_file_made(store_path: Path, key_fingerprint: str) -> None:
    """Remember that a recovery file exists for this key (no more suggestions for it)."""
    _update_key_record(store_path, recovery_key=key_fingerprint, recovery_made=_now())


def take_recovery_suggestion(store_path: Path) -> bool:
    """True once per store whose current key has no recovery file: the app suggests making
    one at the store's first start, and remembers it did."""
    record = read_key_record(store_path)
    if record is None or record.get("suggested") or record.get("recovery_key") == record["key"]:
        return False
    _update_key_record(store_path, suggested=_now())
    return True


def check_recovery_matches(store_path: Path, recovered: Recovered) -> None:
    """Raise unless ``recovered`` opens the store at ``store_path`` as its record says."""
    record = read_key_record(store_path)
    if record is None or record["key"] == recovered.key_fingerprint:
        return
    for previous in record["previous"]:
        if isinstance(previous, dict) and previous.get("key") == recovered.key_fingerprint:
            raise StaleRecoveryFile(
                "This recovery file opens an older key of this store (rotated on "
                f"{previous.get('rotated_at', 'an unknown date')}); it cannot open the store "
                "now. Use the recovery file made after that rotation, and make a new one "
                "(`desktop-app keys export-recovery FILE`) as soon as the store opens."
            )
    raise RecoveryError(
        f"This recovery file opens key {recovered.key_fingerprint}, but this store is sealed "
        f"under key {record['key']}: it belongs to another store or account."
    )


# -- passphrase-protected exports ----------------------------------------------------------------
def seal_export(payload: bytes, passphrase: str) -> bytes:
    document = seal(payload, passphrase, {"format": EXPORT_FORMAT, "version": 1, "created": _now()})
    return json.dumps(document).encode("utf-8")


def is_sealed_export(raw: bytes) -> bool:
    head = raw[:4096]
    return EXPORT_FORMAT.encode("ascii") in head and head.lstrip().startswith(b"{")


def open_export(raw: bytes, passphrase: str) -> bytes:
    try:
        document = json.loads(raw)
    except ValueError as exc:
        raise RecoveryError("The protected export is damaged: it is not JSON.") from exc
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise RecoveryError("This is not a passphrase-protected LeaseDesk export.")
    return unseal(document, passphrase)
