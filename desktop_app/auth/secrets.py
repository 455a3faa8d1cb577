"""Secrets in the OS keyring (DESIGN §5), behind one small interface.

Every secret LeaseDesk keeps lives in the keyring under service ``desktop_app``, one entry per
(account, item), stored with the keyring user name ``"<account>/<item>"``. There is no fallback:
when no usable backend exists (keyring's ``fail``/``null`` backends, a plaintext ``keyrings.alt``
backend, no D-Bus session, a locked collection) every call raises
:class:`~desktop_app.auth.errors.KeyringUnavailable` and nothing is written anywhere else."""

from __future__ import annotations

import json
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from desktop_app.auth.errors import KeyringUnavailable

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE_NAME = "desktop_app"

# Item names (one keyring entry each, per account).
REFRESH_TOKEN = "refresh_token"
IDENTITY_ID = "identity_id"
AWS_CREDENTIALS = "aws_credentials"
SIGN_IN = "sign_in"
DATA_KEY = "data_key"
DATA_KEY_NEXT = "data_key_next"  # a rotation in progress (services/local_store.py)
WEBHOOK_SECRET = "webhook_secret"

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

    def __init__(self, backend: KeyringBackend | None = None, service: str = SERVICE_NAME):
        self._backend = backend
        self.service = service

    # -- the interface -----------------------------------------------------------------------
    def get(self, account: str, item: str) -> str | None:
        backend = self._usable_backend()
        with _translated():
            return backend.get_password(self.service, _entry(account, item))

    def set(self, account: str, item: str, value: str) -> None:
        backend = self._usable_backend()
        with _translated():
            backend.set_password(self.service, _entry(account, item), value)

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
