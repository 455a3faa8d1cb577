"""What several commands share: the data dir and the active profile's store."""

from __future__ import annotations

import argparse
import sys

from desktop_app.storage.paths import active_profile, resolve_data_dir


def open_cli_store(args: argparse.Namespace):  # noqa: ANN201 — Store, imported lazily
    """The active account's store, sealed with its data key from the keyring (raises
    ``KeyringUnavailable`` when there is no usable keyring; ``main`` reports it)."""
    from desktop_app.services.local_store import open_account_store

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    return open_account_store(data_dir, active_profile(data_dir))


def fail(message: str, code: int = 1) -> int:
    print(f"desktop-app: {message}", file=sys.stderr)
    return code
