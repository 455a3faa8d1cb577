"""A signed-in account's store key, wrapped by KMS beside the store (docs/protection.md,
"Accounts separated by KMS").

For an account whose backend has a KMS key, the store's data key is kept in
``<store>.key.kms`` wrapped by KMS with the encryption context ``{"zoneinfo": identity id}``,
and in the keyring only while the account is signed in: sign-in unwraps it (:func:`unlock_at_sign_in`),
an explicit sign-out removes it (:func:`lock`). Another account's credentials cannot unwrap it
(the role's KMS grants are conditioned on the caller's own identity id), so no file edit opens
a store whose owner is signed out. A key that KMS cannot unwrap is never replaced: the agent is
pointed at the recovery file.

The ``local`` profile and accounts whose backend has no KMS key keep the key in the keyring
only, as before; nothing here touches them."""

from __future__ import annotations

import base64
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.auth import secrets as items
from desktop_app.auth.errors import AuthError, NetworkUnavailable
from desktop_app.auth.profiles import WRAPPED_KEY_SUFFIX
from desktop_app.auth.secrets import SecretStore
from desktop_app.fileperms import fsync_dir
from desktop_app.storage.crypto import DataKey
from desktop_app.storage.paths import database_path
from desktop_app.i18n import _

log = logging.getLogger(__name__)

WRAPPED_SUFFIX = WRAPPED_KEY_SUFFIX
FORMAT_VERSION = 1
_MAX_WRAPPED_BYTES = 64 * 1024
RECOVERY_HINT = (
    "If you made a recovery file for these drafts, restore the key with "
    "`desktop-app keys import-recovery FILE` (or Settings › Recovery file) and sign in again."
)
# KMS answers that mean "this wrapped key will not open with this key/identity", as opposed to
# a network or sign-in problem.
_UNWRAP_REFUSALS = {
    "AccessDeniedException",
    "DisabledException",
    "IncorrectKeyException",
    "InvalidCiphertextException",
    "KMSInvalidStateException",
    "NotFoundException",
    "KeyUnavailableException",
}


class StoreLocked(AuthError):
    """The store's key is wrapped for an account that is not signed in here."""

    def __init__(self) -> None:
        super().__init__(
            "These drafts belong to an account that is signed out on this computer; they are "
            "locked until that account signs in again (Account › Sign in, or `desktop-app "
            "login`). Nothing was changed."
        )


class KeyUnwrapFailed(AuthError):
    """KMS refused to unwrap the store key (key changed or disabled, pool recreated)."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(
            f"The key of this account's drafts could not be unlocked by the key service "
            f"({reason}). No new key was made and nothing was changed. {RECOVERY_HINT}"
        )


class StoreKeyMissing(AuthError):
    """The account's store holds data but neither the keyring nor a wrapped copy has its key."""

    def __init__(self) -> None:
        super().__init__(
            "This account's drafts are on this computer but the key that opens them is neither "
            "in the system keyring nor wrapped beside them. No new key was made and nothing "
            f"was changed. {RECOVERY_HINT}"
        )


@dataclass(frozen=True)
class WrappedKey:
    key_id: str  # the LeaseDesk data key id it opens
    blob: bytes  # KMS CiphertextBlob
    kms_key_id: str
    context: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": FORMAT_VERSION,
            "key_id": self.key_id,
            "ciphertext_blob": base64.b64encode(self.blob).decode("ascii"),
            "kms_key_id": self.kms_key_id,
            "encryption_context": self.context,
        }

    @classmethod
    def from_json(cls, data: Any) -> WrappedKey:
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise ValueError("not a wrapped LeaseDesk store key")
        context = data["encryption_context"]
        if not isinstance(context, dict):
            raise TypeError("bad encryption context")
        return cls(
            key_id=str(data["key_id"]),
            blob=base64.b64decode(data["ciphertext_blob"], validate=True),
            kms_key_id=str(data["kms_key_id"]),
            context={str(k): str(v) for k, v in context.items()},
        )


def wrapped_key_path(data_dir: Path, account: str) -> Path:
    store = database_path(Path(data_dir), account)
    return store.with_name(store.name + WRAPPED_SUFFIX)


def has_wrapped_key(data_dir: Path, account: str) -> bool:
    return wrapped_key_path(data_dir, account).exists()


def is_locked(data_dir: Path, account: str, secrets: SecretStore) -> bool:
    """True when the account's key is wrapped here but not in the keyring (signed out)."""
    if not has_wrapped_key(data_dir, account):
        return False
    return secrets.get(account, items.DATA_KEY) is None and secrets.get(
        account, items.DATA_KEY_NEXT
    ) is None


def read_wrapped(data_dir: Path, account: str) -> WrappedKey:
    path = wrapped_key_path(data_dir, account)
    try:
        if path.stat().st_size > _MAX_WRAPPED_BYTES:
            raise ValueError("too large for a wrapped key")
        return WrappedKey.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeyUnwrapFailed(f"{path.name} is damaged") from exc


def wrap_and_store(
    data_dir: Path, account: str, key: DataKey, kms_client: Any, kms_key_id: str
) -> Path:
    """Wrap ``key`` with KMS (context zoneinfo = ``account``) into ``<store>.key.kms``, 0600,
    replacing any earlier copy in one rename (a crash leaves the old copy or the new one)."""
    context = {"zoneinfo": account}
    answer = _kms_call(
        lambda: kms_client.encrypt(
            KeyId=kms_key_id, Plaintext=key.to_text().encode("ascii"), EncryptionContext=context
        )
    )
    wrapped = WrappedKey(key.key_id, bytes(answer["CiphertextBlob"]), kms_key_id, context)
    path = wrapped_key_path(data_dir, account)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(path.name + ".tmp")
    payload = (json.dumps(wrapped.to_json(), indent=2) + "\n").encode("utf-8")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, payload)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    fsync_dir(path.parent)
    log.info("Store key %s wrapped by KMS for identity %s", key.key_id, account)
    return path


def unwrap(data_dir: Path, account: str, kms_client: Any, kms_key_id: str) -> DataKey:
    """The data key in ``<store>.key.kms``; :class:`KeyUnwrapFailed` if KMS refuses it. Only
    the configured KMS key may open it (the role is granted that key alone), so a copy wrapped
    under a key since replaced is refused here as it would be by IAM."""
    wrapped = read_wrapped(data_dir, account)
    if wrapped.context.get("zoneinfo") != account:
        raise KeyUnwrapFailed("the wrapped key belongs to another account")
    answer = _kms_call(
        lambda: kms_client.decrypt(
            CiphertextBlob=wrapped.blob,
            EncryptionContext={"zoneinfo": account},
            KeyId=kms_key_id,
        )
    )
    try:
        key = DataKey.from_text(bytes(answer["Plaintext"]).decode("ascii"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise KeyUnwrapFailed("the unwrapped key is not a LeaseDesk key") from exc
    if key.key_id != wrapped.key_id:
        raise KeyUnwrapFailed("the unwrapped key is not the one recorded")
    return key


def unlock(
    data_dir: Path, account: str, kms_client: Any, kms_key_id: str, secrets: SecretStore
) -> DataKey:
    """Unwrap the account's key and put it in the keyring."""
    key = unwrap(data_dir, account, kms_client, kms_key_id)
    secrets.set(account, items.DATA_KEY, key.to_text())
    return key


def unlock_at_sign_in(
    data_dir: Path, account: str, kms_client: Any, kms_key_id: str, secrets: SecretStore
) -> None:
    """After a sign-in: make sure the keyring holds the account's key and a KMS-wrapped copy
    lies beside the store. Never makes a key for a store that already exists."""
    current_text = secrets.get(account, items.DATA_KEY)
    current = DataKey.from_text(current_text) if current_text else None
    if secrets.get(account, items.DATA_KEY_NEXT) is not None:
        return  # a rotation is half done: it re-wraps when it finishes; touch nothing now
    if has_wrapped_key(data_dir, account):
        try:
            key = unwrap(data_dir, account, kms_client, kms_key_id)
        except KeyUnwrapFailed as exc:
            if current is None:
                raise
            # The keyring still (or again, from a recovery file) holds the key: wrap it anew.
            log.warning("Re-wrapping store key of identity %s: %s", account, exc.reason)
            wrap_and_store(data_dir, account, current, kms_client, kms_key_id)
            return
        if current is None:
            secrets.set(account, items.DATA_KEY, key.to_text())
        elif current.key_id != key.key_id:
            wrap_and_store(data_dir, account, current, kms_client, kms_key_id)
        return
    if current is not None:
        wrap_and_store(data_dir, account, current, kms_client, kms_key_id)
        return
    if database_path(Path(data_dir), account).exists():
        raise StoreKeyMissing()
    key = DataKey.generate()
    wrap_and_store(data_dir, account, key, kms_client, kms_key_id)  # first: a crash keeps it
    secrets.set(account, items.DATA_KEY, key.to_text())


def wrapped_copy_is_current(data_dir: Path, account: str, secrets: SecretStore) -> bool:
    """True when the wrapped copy holds the key the keyring holds (no rotation since, none
    half done): only then may the keyring's copy go."""
    if secrets.get(account, items.DATA_KEY_NEXT) is not None:
        return False
    current = secrets.get(account, items.DATA_KEY)
    if current is None:
        return True  # already locked
    try:
        return read_wrapped(data_dir, account).key_id == DataKey.from_text(current).key_id
    except (KeyUnwrapFailed, ValueError):
        return False


def lock(data_dir: Path, account: str, secrets: SecretStore) -> bool:
    """Remove the account's data key from the keyring when a wrapped copy exists (the next
    sign-in brings it back). Returns whether the store is now locked."""
    if not has_wrapped_key(data_dir, account):
        return False
    for item in (items.DATA_KEY, items.DATA_KEY_NEXT):
        secrets.delete(account, item)
    log.info("Store of identity %s locked", account)
    return True


@dataclass(frozen=True)
class SignOutCheck:
    """What signing out means for the drafts not yet synced: they stay here, locked, and come
    back at the next sign-in — which needs the network and KMS — or from a recovery file."""

    unsynced: int
    locks: bool  # the store key leaves the keyring at sign-out
    key_reachable: bool  # KMS unwraps the store key now
    recovery_current: bool  # a recovery file of the store's current key was given or made

    @property
    def safe(self) -> bool:
        return self.unsynced == 0 or not self.locks or self.key_reachable or self.recovery_current

    @property
    def message(self) -> str:
        noun = "draft is" if self.unsynced == 1 else "drafts are"
        if self.unsynced == 0 or not self.locks:
            return "All drafts stay on this computer and come back at the next sign-in."
        head = f"{self.unsynced} {noun} not synced yet and exist only on this computer."
        if self.key_reachable:
            return (
                f"{head} They stay here, locked, until you sign in again; signing in needs the "
                "network."
            )
        if self.recovery_current:
            return (
                f"{head} The key service cannot be reached now; they stay here, locked, and "
                "open again at the next sign-in or from your recovery file."
            )
        return (
            f"{head} The key service cannot be reached now and no current recovery file was "
            "given: if signing in again fails they cannot be opened. Sync them first, or make a "
            "recovery file (`desktop-app keys export-recovery FILE`, or Settings)."
        )


def recovery_file_made_for_current_key(store_path: Path) -> bool:
    """True when the store's key record says a recovery file was made for its current key."""
    from desktop_app.services.recovery import read_key_record

    record = read_key_record(store_path)
    return record is not None and record.get("recovery_key") == record["key"]


def recovery_file_is_current(store_path: Path, recovery_file: Path) -> bool:
    """True when ``recovery_file`` (its clear header) names the key the store's record names."""
    from desktop_app.services.recovery import read_key_record

    record = read_key_record(store_path)
    try:
        header = json.loads(Path(recovery_file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        record is not None
        and isinstance(header, dict)
        and header.get("format") == "leasedesk-recovery"
        and header.get("key") == record["key"]
    )


def _kms_call(call: Any) -> Any:
    from botocore.exceptions import (
        ClientError,
        ConnectionClosedError,
        EndpointConnectionError,
        ReadTimeoutError,
    )

    try:
        return call()
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code in _UNWRAP_REFUSALS:
            raise KeyUnwrapFailed(f"KMS answered {code}") from exc
        raise
    except (EndpointConnectionError, ConnectionClosedError, ReadTimeoutError) as exc:
        raise NetworkUnavailable(_("the key service (KMS)")) from exc


