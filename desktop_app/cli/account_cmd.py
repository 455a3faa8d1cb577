"""``desktop-app login [--username U]`` and ``desktop-app logout`` (docs/architecture.md, "Configuration and command line").

The password comes from the terminal prompt (no echo), or from standard input when it is not a
terminal (first line; a user name not given with --username is read from the line before it).
Errors print one plain sentence on stderr and exit 1 (2 for a configuration problem)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.auth.account_service import AccountService
    from desktop_app.services.account_keys import SignOutCheck


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    login = subparsers.add_parser(
        "login",
        help="sign in to sync (password from the terminal prompt or stdin)",
        description="Sign in with your LeaseDesk (Cognito) account so drafts can sync.",
    )
    login.add_argument("--username", "-u", help="your user name or email")
    adopt = login.add_mutually_exclusive_group()
    adopt.add_argument(
        "--adopt-local-profile",
        dest="adopt",
        action="store_const",
        const=True,
        help="the drafts made before any sign-in on this computer become this account's",
    )
    adopt.add_argument(
        "--no-adopt-local-profile",
        dest="adopt",
        action="store_const",
        const=False,
        help="keep the drafts made before any sign-in out of this account",
    )
    login.set_defaults(func=login_command)

    logout = subparsers.add_parser(
        "logout",
        help="sign out; drafts stay on this computer",
        description="Sign out and forget this computer's sign-in. Unsynced drafts are kept.",
    )
    logout.add_argument(
        "--recovery-file",
        metavar="FILE",
        help="a recovery file of this account's drafts (checked: it must open the current key)",
    )
    logout.add_argument(
        "--force",
        action="store_true",
        help="sign out even though unsynced drafts could not be opened again without the network",
    )
    logout.set_defaults(func=logout_command)


class _Input:
    """Lines from the terminal (prompted, password without echo) or from piped stdin."""

    def __init__(self) -> None:
        self.interactive = sys.stdin.isatty()

    def line(self, prompt: str) -> str:
        if self.interactive:
            return input(prompt)
        return sys.stdin.readline().rstrip("\r\n")

    def secret(self, prompt: str) -> str:
        if self.interactive:
            import getpass

            return getpass.getpass(prompt)
        return sys.stdin.readline().rstrip("\r\n")


def _service(args: argparse.Namespace) -> AccountService:
    from desktop_app.cli.common import accounts_of

    return accounts_of(args)


def login_command(args: argparse.Namespace) -> int:
    from desktop_app.auth.errors import AuthError
    from desktop_app.config import ConfigError

    if getattr(args, "sandbox", False):
        print(
            "login --sandbox is not supported: start `desktop-app sandbox serve` and use the "
            "settings it prints.",
            file=sys.stderr,
        )
        return 2
    try:
        service = _service(args)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    if not service.config.backend_configured:
        from desktop_app.auth.errors import NotConfigured

        print(NotConfigured(), file=sys.stderr)
        return 1
    io = _Input()
    try:
        username = args.username or io.line("User name: ")
        if not username.strip():
            print("A user name is needed (--username or at the prompt).", file=sys.stderr)
            return 1
        password = io.secret("Password: ")
        if not password:
            print("No password given.", file=sys.stderr)
            return 1
        result = service.sign_in(username, password)
        del password
        if result.challenge is not None:
            result = service.respond_new_password(result.challenge, _new_password(io))
    except AuthError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nSign-in cancelled.", file=sys.stderr)
        return 1

    account = result.account
    assert account is not None
    if result.local_profile_adoptable:
        _offer_adoption(service, args.adopt, io)
    until = account.signed_in_until.astimezone().strftime("%Y-%m-%d %H:%M")
    print(f"Signed in as {account.username} (account {account.identity_id}).")
    print(f"Sync works without signing in again until {until}.")
    return 0


def _new_password(io: _Input) -> str:
    print("This account needs a new password before its first use.", file=sys.stderr)
    first = io.secret("New password: ")
    if io.interactive and io.secret("New password again: ") != first:
        from desktop_app.auth.errors import PasswordRejected

        raise PasswordRejected("The two new passwords differ; nothing was changed.")
    return first


def _offer_adoption(service: AccountService, adopt: bool | None, io: _Input) -> None:
    if adopt is None and io.interactive:
        answer = io.line(
            "Drafts made on this computer before any sign-in exist. Make them this account's "
            "(they will sync with it)? [y/N] "
        )
        adopt = answer.strip().lower() in ("y", "yes")
    if adopt:
        target = service.adopt_local_profile()
        print(f"The drafts made before signing in now belong to this account ({target}).")
    else:
        print(
            "The drafts made before signing in stay in the local profile; "
            "`desktop-app login --adopt-local-profile` moves them to this account later.",
            file=sys.stderr,
        )


def logout_command(args: argparse.Namespace) -> int:
    from desktop_app.auth.errors import AuthError
    from desktop_app.config import ConfigError

    try:
        service = _service(args)
        if not args.force:
            check = _sign_out_check(service, args.recovery_file)
            if check is not None and not check.safe:
                print(check.message, file=sys.stderr)
                print("Sign out anyway with --force.", file=sys.stderr)
                return 1
        account = service.sign_out()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    except AuthError as exc:
        print(exc, file=sys.stderr)
        return 1
    if account is None:
        print("Nobody is signed in on this computer.")
    else:
        print(
            f"Signed out of {account.username}. Its drafts stay on this computer and sync "
            "after its next sign-in."
        )
    return 0


def _sign_out_check(service: AccountService, recovery_file: str | None) -> SignOutCheck | None:
    """What signing out would mean for the unsynced drafts, or None when nobody is signed in."""
    from pathlib import Path

    from desktop_app.auth.errors import DataKeyMissing
    from desktop_app.services.local_store import open_account_store
    from desktop_app.services.status import StatusService

    account = service.current_account()
    if account is None:
        return None
    try:
        store = open_account_store(service.data_dir, account.identity_id, service.secrets)
    except DataKeyMissing:
        return None  # its key is not here: signing out locks nothing away
    try:
        unsynced = StatusService(store).sync_status().pending
    finally:
        store.close()
    return service.sign_out_check(
        unsynced, recovery_file=Path(recovery_file) if recovery_file else None
    )
