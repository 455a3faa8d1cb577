"""Opening an account's local store with its data key (docs/architecture.md, "Local store and secrets"): the key lives only in the
OS keyring (service ``desktop_app``, item ``data_key`` of the account). A key is made only for a
store that does not exist yet or is empty; a store that holds data and whose key is missing is
refused with :class:`DataKeyMissing` and nothing is written (docs/accounts.md: recovery files).
A key record beside the store (``services.recovery``) names the key that opens it. With no
usable keyring this raises ``KeyringUnavailable`` — nothing is stored unprotected.

Rotation keeps a crash safe: the new key is written to the keyring as ``data_key_next`` first,
every value is re-encrypted in one transaction, then the new key becomes ``data_key``. A store
opened in between holds both keys, so whatever the file holds still opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop_app.auth.errors import DataKeyMissing, KeyringUnavailable
from desktop_app.auth.secrets import DATA_KEY, DATA_KEY_NEXT, SecretStore
from desktop_app.services.account_keys import has_wrapped_key
from desktop_app.services.recovery import (
    Recovered,
    RecoveryError,
    check_passphrase,
    check_recovery_matches,
    fingerprint,
    note_recovery_file_made,
    read_key_record,
    read_recovery_file,
    write_key_record,
    write_recovery_file,
)
from desktop_app.storage.crypto import Cipher, DataKey
from desktop_app.storage.paths import LOCAL_PROFILE, active_profile, database_path
from desktop_app.storage.protection import reseal
from desktop_app.storage.store import Store

#: Called with the new key while a rotation runs, before it becomes the store's key (e.g. to
#: re-wrap a copy of it kept elsewhere); an exception aborts the rotation.
KeyHook = Callable[[DataKey], None]

STORE_MISSING = (
    "No usable system keyring was found. LeaseDesk keeps the key that encrypts applicants' "
    "SSNs, incomes and documents only in the operating system's keyring, never in a plain "
    "file, so it cannot open the local store. Install and start one: on GNOME or most Linux "
    "desktops the 'gnome-keyring' package (it needs a D-Bus session, which a desktop login "
    "provides); on KDE, KWallet. Nothing was written."
)
STORE_LOCKED = (
    "The system keyring is locked, and it holds the key to the local store. Unlock it "
    "(GNOME: the 'Login' keyring in Passwords and Keys; KDE: KWallet) and try again."
)


def store_holds_data(store_path: Path) -> bool:
    """Whether the store (or its WAL) has ever been written: only such a store has a key."""
    for path in (store_path, store_path.with_name(store_path.name + "-wal")):
        try:
            if path.is_file() and path.stat().st_size > 0:
                return True
        except OSError:
            continue
    wrapped = store_path.with_name(store_path.name + ".key.kms")  # a KMS-wrapped copy
    return read_key_record(store_path) is not None or wrapped.exists()


def account_cipher(
    account: str,
    secrets: SecretStore | None = None,
    *,
    store_path: Path,
    recover_hint: str | None = None,
) -> Cipher:
    """The cipher of ``account``'s store at ``store_path``. A new key is made only when the
    store holds nothing; otherwise a missing key raises :class:`DataKeyMissing`."""
    secrets = secrets or SecretStore()
    current = secrets.get(account, DATA_KEY)
    pending = secrets.get(account, DATA_KEY_NEXT)
    if current is None and pending is None:
        if store_holds_data(store_path):
            raise DataKeyMissing(account, store_path, recover_hint)
        key = DataKey.generate()
        secrets.set(account, DATA_KEY, key.to_text())
        return Cipher(key)
    if pending is None:
        assert current is not None  # both missing is handled above
        return Cipher(DataKey.from_text(current))
    # A rotation was interrupted: seal with the new key, still open the old one.
    older = (DataKey.from_text(current),) if current else ()
    return Cipher(DataKey.from_text(pending), older)


SIGNED_OUT_HINT = (
    "sign in again as that account: its key is kept wrapped beside the store and comes back "
    "at its sign-in"
)


def open_account_store(
    data_dir: Path,
    account: str | None = None,
    secrets: SecretStore | None = None,
    *,
    recover_hint: str | None = None,
) -> Store:
    account = account or active_profile(data_dir) or LOCAL_PROFILE
    path = database_path(data_dir, account)
    if recover_hint is None and has_wrapped_key(data_dir, account):
        recover_hint = SIGNED_OUT_HINT
    try:
        cipher = account_cipher(account, secrets, store_path=path, recover_hint=recover_hint)
    except DataKeyMissing:
        raise
    except KeyringUnavailable as exc:
        raise KeyringUnavailable(STORE_LOCKED if exc.locked else STORE_MISSING, locked=exc.locked) from exc
    store = Store(path, cipher)
    record = read_key_record(path)
    # A new store, one made before key records, or a rotation that stopped half-way.
    if record is None or (cipher.older and record["key"] != fingerprint(cipher.current)):
        try:
            write_key_record(path, cipher.current, rotated_from=cipher.older[0] if cipher.older else None)
        except BaseException:
            store.close()
            raise
    return store


def rotate_key(
    data_dir: Path,
    account: str | None = None,
    secrets: SecretStore | None = None,
    *,
    on_new_key: KeyHook | None = None,
) -> tuple[int, int]:
    """Re-encrypt the account's store under a new data key; returns (applications, documents).
    ``on_new_key`` runs after the store is re-sealed and before the new key replaces the old
    one in the keyring. The key record beside the store notes the rotation, so a recovery
    file made before it is known to be stale."""
    secrets = secrets or SecretStore()
    account = account or active_profile(data_dir) or LOCAL_PROFILE
    path = database_path(data_dir, account)
    old = account_cipher(account, secrets, store_path=path)
    store = Store(path, old)
    try:
        new_key = DataKey.generate()
        secrets.set(account, DATA_KEY_NEXT, new_key.to_text())
        transition = Cipher(new_key, older=(old.current, *old.older))
        counts = reseal(store.engine, store.path, old, transition)
        if on_new_key is not None:
            on_new_key(new_key)
        write_key_record(path, new_key, rotated_from=old.current)
        secrets.set(account, DATA_KEY, new_key.to_text())
        secrets.delete(account, DATA_KEY_NEXT)
    finally:
        store.close()
    return counts


def export_recovery(
    data_dir: Path,
    path: Path,
    passphrase: str,
    account: str | None = None,
    secrets: SecretStore | None = None,
) -> str:
    """Write the recovery file of the account's data key; returns the key's fingerprint."""
    account = account or active_profile(data_dir) or LOCAL_PROFILE
    check_passphrase(passphrase)
    store_path = database_path(data_dir, account)
    cipher = account_cipher(account, secrets, store_path=store_path)
    key = write_recovery_file(path, cipher.current, account, passphrase)
    note_recovery_file_made(store_path, key)
    return key


def import_recovery(
    data_dir: Path,
    path: Path,
    passphrase: str,
    account: str | None = None,
    secrets: SecretStore | None = None,
    *,
    on_restored: KeyHook | None = None,
) -> Recovered:
    """Put the key of a recovery file back in the keyring for the account's store. Refuses a
    file whose key the store's record does not name (a stale one says when it was rotated),
    and never replaces a different key the keyring holds for a store without a record."""
    secrets = secrets or SecretStore()
    account = account or active_profile(data_dir) or LOCAL_PROFILE
    recovered = read_recovery_file(path, passphrase)
    store_path = database_path(data_dir, account)
    check_recovery_matches(store_path, recovered)
    existing = secrets.get(account, DATA_KEY)
    if existing is not None and fingerprint(DataKey.from_text(existing)) != recovered.key_fingerprint:
        if read_key_record(store_path) is None:
            raise RecoveryError(
                "The keyring already holds another key for this store, and the store does "
                "not record which key opens it; nothing was changed."
            )
    if on_restored is not None:
        on_restored(recovered.key)
    secrets.set(account, DATA_KEY, recovered.key.to_text())
    secrets.delete(account, DATA_KEY_NEXT)
    return recovered
