"""Errors of the accounts layer, each with a message a leasing agent can act on.

Messages never contain a password, token or key; the cause stays on ``__cause__`` for logs."""

from __future__ import annotations

from desktop_app.i18n import N_, _


class AuthError(Exception):
    """Base class: ``str(error)`` is the sentence to show the agent."""


class NotConfigured(AuthError):
    def __init__(self) -> None:
        super().__init__(_(
            "No sync backend is configured, so there is nothing to sign in to. LeaseDesk works "
            "offline; to sync, set IDENTITY_POOL_ID, USER_POOL_ID and USER_POOL_CLIENT_ID in the "
            "configuration file or as DESKTOP_APP_* variables (see docs/accounts.md), or try "
            "`desktop-app --sandbox`."
        ))


class WrongPassword(AuthError):
    def __init__(self) -> None:
        super().__init__(_(
            "The user name or password is not right. Check both (passwords are case-sensitive) "
            "and try again."
        ))


class AccountNotUsable(AuthError):
    """The user pool refused this account for another reason (disabled, not confirmed...)."""


class PasswordRejected(AuthError):
    """A new password did not meet the user pool's password policy."""


class NetworkUnavailable(AuthError):
    def __init__(self, what: str | None = None) -> None:
        super().__init__(_(
            "Could not reach {what}. Check the network connection and try again; your drafts "
            "are safe on this computer and keep working offline."
        ).format(what=what or _("the sign-in service")))


class SignInRequired(AuthError):
    """The sign-in has expired or was revoked: the agent must sign in again. Nothing local is
    lost; unsynced drafts wait for the next sign-in."""

    def __init__(self, reason: str | None = None) -> None:
        super().__init__(
            _("{reason} Sign in again to sync; your drafts are kept on this computer.").format(
                reason=reason or _("Your sign-in has expired or was ended elsewhere.")
            )
        )


class KeyringUnavailable(AuthError):
    """No usable OS keyring. LeaseDesk keeps secrets only there, never in a plain file."""

    MISSING = N_(
        "No usable system keyring was found. LeaseDesk keeps your sign-in only in the "
        "operating system's keyring and never in a plain file, so it cannot sign in. "
        "Install and start one: on GNOME or most Linux desktops the 'gnome-keyring' package "
        "(it needs a D-Bus session, which a desktop login provides); on KDE, KWallet. "
        "Then sign in again. Your drafts are safe and keep working offline."
    )
    LOCKED = N_(
        "The system keyring is locked. Unlock it (GNOME: the 'Login' keyring in Passwords and "
        "Keys; KDE: KWallet) and try again. Your drafts are safe and keep working offline."
    )

    def __init__(self, message: str | None = None, *, locked: bool = False) -> None:
        self.locked = locked
        super().__init__(message or _(self.LOCKED if locked else self.MISSING))


class DataKeyMissing(KeyringUnavailable):
    """A store holds data but the keyring has no key for it. LeaseDesk never makes a second
    key for such a store (part of it would be sealed under each): it refuses, writes nothing,
    and says how to bring the key back. ``recover_hint`` adds a way that fits the account
    (e.g. signing in again, for a key kept wrapped beside the store)."""

    def __init__(self, account: str, store_path: object, recover_hint: str | None = None) -> None:
        self.account = account
        self.store_path = store_path
        ways = [
            _(
                "restore it from a recovery file: `desktop-app keys import-recovery FILE` "
                "(or Settings → Restore from a recovery file…)"
            )
        ]
        if recover_hint:
            ways.insert(0, recover_hint)
        who = (
            _("the local profile")
            if account == "local"
            else _("account {account}").format(account=account)
        )
        super().__init__(
            _(
                "The data key of {who} is missing from the system keyring (entry "
                "'{account}/data_key'), and its store at {store_path} holds data sealed under "
                "it. LeaseDesk will not make a new key for a store that has one. To recover, "
                "{ways}. Nothing was written."
            ).format(who=who, account=account, store_path=store_path, ways=_("; or ").join(ways))
        )
