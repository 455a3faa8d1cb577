"""``desktop-app keys rotate``: re-encrypt the local store under a new data key."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import fail


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keys = subparsers.add_parser("keys", help="the local data key")
    sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    rotate = sub.add_parser("rotate", help="re-encrypt the local store under a new data key")
    rotate.set_defaults(func=cmd_rotate)


def cmd_rotate(args: argparse.Namespace) -> int:
    from desktop_app.auth.errors import KeyringUnavailable
    from desktop_app.cli.common import data_dir_of
    from desktop_app.services.local_store import rotate_key

    try:
        apps, docs = rotate_key(data_dir_of(args))
    except KeyringUnavailable as exc:
        return fail(str(exc))
    print(f"Re-encrypted {apps} application(s) and {docs} document(s) under a new key.")
    return 0
