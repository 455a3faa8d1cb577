"""Opening an account's local store with its data key (DESIGN §5): the key lives only in the
OS keyring (service ``desktop_app``, item ``data_key`` of the account); the first open creates
it. With no usable keyring this raises ``KeyringUnavailable`` — nothing is stored unprotected.

Rotation keeps a crash safe: the new key is written to the keyring as ``data_key_next`` first,
every value is re-encrypted in one transaction, then the new key becomes ``data_key``. A store
opened in between holds both keys, so whatever the file holds still opens."""

from __future__ import annotations

from pathlib import Path

from desktop_app.auth.errors import KeyringUnavailable
from desktop_app.auth.secrets import DATA_KEY, DATA_KEY_NEXT, SecretStore
from desktop_app.storage.crypto import Cipher, DataKey
from desktop_app.storage.paths import LOCAL_PROFILE, active_profile, database_path
from desktop_app.storage.protection import reseal
from desktop_app.storage.store import Store

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


def account_cipher(account: str, secrets: SecretStore | None = None) -> Cipher:
    secrets = secrets or SecretStore()
    current = secrets.get(account, DATA_KEY)
    pending = secrets.get(account, DATA_KEY_NEXT)
    if current is None and pending is None:
        key = DataKey.generate()
        secrets.set(account, DATA_KEY, key.to_text())
        return Cipher(key)
    if pending is None:
        assert current is not None  # both missing is handled above
        return Cipher(DataKey.from_text(current))
    # A rotation was interrupted: seal with the new key, still open the old one.
    older = (DataKey.from_text(current),) if current else ()
    return Cipher(DataKey.from_text(pending), older)


def open_account_store(
    data_dir: Path, account: str | None = None, secrets: SecretStore | None = None
) -> Store:
    account = account or active_profile(data_dir) or LOCAL_PROFILE
    try:
        cipher = account_cipher(account, secrets)
    except KeyringUnavailable as exc:
        raise KeyringUnavailable(STORE_LOCKED if exc.locked else STORE_MISSING, locked=exc.locked) from exc
    return Store(database_path(data_dir, account), cipher)


def rotate_key(data_dir: Path, account: str | None = None, secrets: SecretStore | None = None) -> tuple[int, int]:
    """Re-encrypt the account's store under a new data key; returns (applications, documents)."""
    secrets = secrets or SecretStore()
    account = account or active_profile(data_dir) or LOCAL_PROFILE
    old = account_cipher(account, secrets)
    store = Store(database_path(data_dir, account), old)
    try:
        new_key = DataKey.generate()
        secrets.set(account, DATA_KEY_NEXT, new_key.to_text())
        transition = Cipher(new_key, older=(old.current, *old.older))
        counts = reseal(store.engine, store.path, old, transition)
        secrets.set(account, DATA_KEY, new_key.to_text())
        secrets.delete(account, DATA_KEY_NEXT)
    finally:
        store.close()
    return counts
