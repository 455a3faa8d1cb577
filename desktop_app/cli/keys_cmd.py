"""``desktop-app keys``: the local data key — ``rotate`` (re-encrypt the store under a new
key), ``export-recovery FILE`` and ``import-recovery FILE`` (the key sealed under a
passphrase; docs/accounts.md, "Recovery files")."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from desktop_app.cli.common import fail

STALE_AFTER_ROTATION = (
    "Any recovery file made before now opens the old key only and is stale: make a new one "
    "with `desktop-app keys export-recovery FILE`."
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = subparsers.add_parser("keys", help="the local data key")
    sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    rotate = sub.add_parser("rotate", help="re-encrypt the local store under a new data key")
    rotate.set_defaults(func=cmd_rotate)
    export = sub.add_parser(
        "export-recovery", help="write the data key, sealed under a passphrase, to FILE"
    )
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument("--passphrase-file", type=Path, help="read the passphrase from this file")
    export.set_defaults(func=cmd_export_recovery)
    restore = sub.add_parser(
        "import-recovery", help="put the data key of a recovery FILE back in the keyring"
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--passphrase-file", type=Path, help="read the passphrase from this file")
    restore.set_defaults(func=cmd_import_recovery)


def read_passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    """From ``--passphrase-file`` (its first line), else asked on the terminal."""
    source: Path | None = getattr(args, "passphrase_file", None)
    if source is not None:
        try:
            lines = source.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ValueError(f"cannot read the passphrase file ({type(exc).__name__})") from None
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        raise ValueError(
            "a passphrase is needed (for a passphrase-protected file) and there is no terminal "
            "to ask on: give --passphrase-file"
        )
    first = getpass.getpass("Passphrase: ")
    if confirm and getpass.getpass("Passphrase again: ") != first:
        raise ValueError("The two passphrases differ; nothing was written.")
    return first


def cmd_rotate(args: argparse.Namespace) -> int:
    from desktop_app.auth.errors import AuthError, KeyringUnavailable
    from desktop_app.cli.common import accounts_of, data_dir_of
    from desktop_app.config import ConfigError
    from desktop_app.services.local_store import rotate_key

    try:
        hook = accounts_of(args).rewrap_store_key
    except ConfigError:
        hook = None  # no backend to wrap for; a stale wrapped copy is re-wrapped at sign-out
    try:
        # A signed-in account's KMS-wrapped copy follows the new key in the same step.
        apps, docs = rotate_key(data_dir_of(args), on_new_key=hook)
    except (KeyringUnavailable, AuthError) as exc:
        return fail(str(exc))
    print(f"Re-encrypted {apps} application(s) and {docs} document(s) under a new key.")
    print(STALE_AFTER_ROTATION)
    return 0


def cmd_export_recovery(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import data_dir_of
    from desktop_app.services.local_store import export_recovery
    from desktop_app.services.recovery import RecoveryError

    try:
        passphrase = read_passphrase(args, confirm=True)
        key = export_recovery(data_dir_of(args), args.file, passphrase)
    except (RecoveryError, ValueError, OSError) as exc:
        return fail(str(exc) if not isinstance(exc, OSError) else f"cannot write {args.file}: {type(exc).__name__}")
    print(
        f"Wrote the recovery file for key {key} to {args.file}. Keep it and its passphrase "
        "apart, away from this computer: together they open every draft here."
    )
    return 0


def cmd_import_recovery(args: argparse.Namespace) -> int:
    from desktop_app.cli.common import data_dir_of
    from desktop_app.services.local_store import import_recovery
    from desktop_app.services.recovery import RecoveryError

    try:
        passphrase = read_passphrase(args, confirm=False)
        restored = import_recovery(data_dir_of(args), args.file, passphrase)
    except (RecoveryError, ValueError, OSError) as exc:
        return fail(str(exc) if not isinstance(exc, OSError) else f"cannot read {args.file}: {type(exc).__name__}")
    print(f"Restored data key {restored.key_fingerprint} to the system keyring.")
    return 0
