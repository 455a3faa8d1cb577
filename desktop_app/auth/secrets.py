"""Secrets in the OS keyring (docs/architecture.md, "Local store and secrets"), behind one small interface.

Every secret LeaseDesk keeps lives in the keyring under service ``desktop_app``, one entry per
(account, item), stored with the keyring user name ``"<account>/<item>"``. There is no fallback:
when no usable backend exists (keyring's ``fail``/``null`` backends, a plaintext ``keyrings.alt``
backend, no D-Bus session, a locked collection) every call raises
:class:`~desktop_app.auth.errors.KeyringUnavailable` and nothing is written anywhere else.

The embedded sandbox (``--sandbox``) keeps its entries under a service of its own
(:data:`SANDBOX_SERVICE`, see :func:`use_sandbox_keyring`): they are never read as a real
profile's, and each one is listed in an index entry so that all of them are removed when the
sandbox quits, or at the next sandbox start if a run was killed.

On the Secret Service (GNOME Keyring, KWallet's Secret Service) each entry carries a label a
person can read ("LeaseDesk data key for …"); other backends show keyring's own naming
(service and user name), a limit documented in docs/accounts.md."""

from __future__ import annotations

import json
import os
import threading
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from desktop_app.auth.errors import KeyringUnavailable

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE_NAME = "desktop_app"
SANDBOX_SERVICE = "leasedesk-sandbox"
_SANDBOX_INDEX = "leasedesk-sandbox-entries"  # user name of the sandbox's index entry

# Item names (one keyring entry each, per account).
REFRESH_TOKEN = "refresh_token"
IDENTITY_ID = "identity_id"
AWS_CREDENTIALS = "aws_credentials"
SIGN_IN = "sign_in"
DATA_KEY = "data_key"
DATA_KEY_NEXT = "data_key_next"  # a rotation in progress (services/local_store.py)
WEBHOOK_SECRET = "webhook_secret"

_LABELS = {
    REFRESH_TOKEN: "sign-in",
    IDENTITY_ID: "identity",
    AWS_CREDENTIALS: "AWS credentials",
    SIGN_IN: "sign-in record",
    DATA_KEY: "data key",
    DATA_KEY_NEXT: "data key being rotated in",
    WEBHOOK_SECRET: "webhook secret",
}


class _Mode:
    """The process's keyring service: the real one, or the sandbox's (``read_through``: the
    sandbox may read, never write, entries of the real service — an agent's own data dir)."""

    service = SERVICE_NAME
    read_through = False


_MODE = _Mode()
_INDEX_LOCK = threading.Lock()


def use_sandbox_keyring(*, read_through: bool = False) -> None:
    """From now on, a ``SecretStore()`` keeps its entries under :data:`SANDBOX_SERVICE`. With
    ``read_through`` an entry missing there is read from the real service (never written)."""
    _MODE.service, _MODE.read_through = SANDBOX_SERVICE, read_through


def use_real_keyring() -> None:
    _MODE.service, _MODE.read_through = SERVICE_NAME, False


def label_for(service: str, account: str, item: str) -> str:
    what = _LABELS.get(item, item.replace("_", " "))
    who = "the local profile" if account == "local" else account
    sandbox = " sandbox" if service == SANDBOX_SERVICE else ""
    return f"LeaseDesk{sandbox} {what} for {who}"


_UNUSABLE_BACKENDS = {
    "keyring.backends.fail",
    "keyring.backends.null",
}


def _entry(account: str, item: str) -> str:
    if not account or not item or "/" in item:
        raise ValueError("account and item must be non-empty; item must not contain '/'")
    return f"{account}/{item}"


class SecretStore:
    """``get``/``set``/``delete`` of secret strings per (account, item) in the OS keyring.

    ``backend`` is a keyring backend (tests inject one); by default keyring's configured one,
    looked up on each call so a keyring started later is found."""

    def __init__(self, backend: KeyringBackend | None = None, service: str | None = None):
        self._backend = backend
        self.service = service or _MODE.service
        self._read_through = service is None and _MODE.read_through

    # -- the interface -----------------------------------------------------------------------
    def get(self, account: str, item: str) -> str | None:
        backend = self._usable_backend()
        with _translated():
            value = backend.get_password(self.service, _entry(account, item))
            if value is None and self._read_through and self.service != SERVICE_NAME:
                value = backend.get_password(SERVICE_NAME, _entry(account, item))
            return value

    def set(self, account: str, item: str, value: str) -> None:
        backend = self._usable_backend()
        name = _entry(account, item)
        with _translated():
            if self.service == SANDBOX_SERVICE:
                _index_add(backend, name)
            backend.set_password(self.service, name, value)
            _set_label(backend, self.service, name, label_for(self.service, account, item))

    def delete(self, account: str, item: str) -> None:
        """Remove an entry; a missing one is not an error."""
        from keyring.errors import PasswordDeleteError

        backend = self._usable_backend()
        with _translated():
            try:
                backend.delete_password(self.service, _entry(account, item))
            except PasswordDeleteError:
                pass

    def get_json(self, account: str, item: str) -> Any | None:
        raw = self.get(account, item)
        if raw is None:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def set_json(self, account: str, item: str, value: Any) -> None:
        self.set(account, item, json.dumps(value, sort_keys=True, separators=(",", ":")))

    def move(self, from_account: str, to_account: str, items: tuple[str, ...]) -> None:
        """Hand entries over to another account (the local profile's data key, on adoption)."""
        for item in items:
            value = self.get(from_account, item)
            if value is not None:
                self.set(to_account, item, value)
                self.delete(from_account, item)

    def check_usable(self) -> None:
        """Raise :class:`KeyringUnavailable` unless a real keyring answers (and is unlocked).

        Reads one entry, which also makes the keyring ask to be unlocked where it can."""
        self.get("desktop_app", "probe")

    # -- backend choice ----------------------------------------------------------------------
    def _usable_backend(self) -> KeyringBackend:
        import keyring

        backend = self._backend if self._backend is not None else keyring.get_keyring()
        module = type(backend).__module__
        if module in _UNUSABLE_BACKENDS or module.startswith("keyrings.alt"):
            raise KeyringUnavailable()
        if module == "keyring.backends.chainer" and not getattr(backend, "backends", None):
            raise KeyringUnavailable()
        return backend


def forget_sandbox_entries(backend: KeyringBackend | None = None, *, this_run: bool = True) -> int:
    """Remove the sandbox's keyring entries: those of runs that are gone (killed), and with
    ``this_run`` this process's own. Returns how many were removed."""
    from keyring.errors import PasswordDeleteError

    store = SecretStore(backend, service=SANDBOX_SERVICE)
    chosen = store._usable_backend()
    removed = 0
    with _translated(), _INDEX_LOCK:
        index = _read_index(chosen)
        kept: dict[str, int] = {}
        for name, pid in index.items():
            if (this_run and pid == os.getpid()) or not _alive(pid):
                try:
                    chosen.delete_password(SANDBOX_SERVICE, name)
                    removed += 1
                except PasswordDeleteError:
                    pass
            else:
                kept[name] = pid
        _write_index(chosen, kept)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _read_index(backend: KeyringBackend) -> dict[str, int]:
    raw = backend.get_password(SANDBOX_SERVICE, _SANDBOX_INDEX)
    try:
        index = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(index, dict):
        return {}
    return {str(k): int(v) for k, v in index.items() if isinstance(v, int)}


def _write_index(backend: KeyringBackend, index: dict[str, int]) -> None:
    from keyring.errors import PasswordDeleteError

    if index:
        backend.set_password(SANDBOX_SERVICE, _SANDBOX_INDEX, json.dumps(index, sort_keys=True))
        _set_label(backend, SANDBOX_SERVICE, _SANDBOX_INDEX, "LeaseDesk sandbox: list of its entries")
        return
    try:
        backend.delete_password(SANDBOX_SERVICE, _SANDBOX_INDEX)
    except PasswordDeleteError:
        pass


def _index_add(backend: KeyringBackend, name: str) -> None:
    """List ``name`` (before it is written) so it is removed when this run ends."""
    with _INDEX_LOCK:
        index = _read_index(backend)
        if index.get(name) != os.getpid():
            index[name] = os.getpid()
            _write_index(backend, index)


def _set_label(backend: KeyringBackend, service: str, username: str, label: str) -> None:
    """Give the entry a readable label where the backend can (the Secret Service); elsewhere
    keyring's own naming stays. Best effort: a label never fails a write."""
    target = backend
    if type(backend).__module__ == "keyring.backends.chainer":
        chained = list(getattr(backend, "backends", ()) or ())
        target = chained[0] if chained else backend
    if type(target).__module__ != "keyring.backends.SecretService":
        return
    try:
        from contextlib import closing

        collection = target.get_preferred_collection()  # type: ignore[attr-defined]
        with closing(collection.connection):
            for found in collection.search_items({"service": service, "username": username}):
                found.set_label(label)
    except Exception:  # noqa: BLE001 — a label is a courtesy, never a reason to fail
        return


class _translated:
    """Turn any keyring failure into :class:`KeyringUnavailable` (cause kept for logs)."""

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> Literal[False]:
        if exc is None:
            return False
        from keyring.errors import KeyringError, KeyringLocked

        if isinstance(exc, KeyringLocked) or type(exc).__name__ == "LockedException":
            raise KeyringUnavailable(locked=True) from exc
        if isinstance(exc, (KeyringError, OSError, RuntimeError)) or type(
            exc
        ).__module__.startswith(("secretstorage", "jeepney", "dbus")):
            raise KeyringUnavailable() from exc
        return False
