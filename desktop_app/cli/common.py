"""What several commands share: the data dir and the active profile's store."""

from __future__ import annotations

import argparse
import sys

from pathlib import Path

from desktop_app.storage.paths import active_profile


def data_dir_of(args: argparse.Namespace) -> Path:
    """``--data-dir``, else ``DESKTOP_APP_DATA_DIR``, else the config file's ``DATA_DIR``, else
    the platform's data dir — the same answer ``login`` and the GUI get."""
    from desktop_app.config import load_config

    return load_config(getattr(args, "config", None)).resolve_data_dir(getattr(args, "data_dir", None))


def open_cli_store(args: argparse.Namespace):  # noqa: ANN201 — Store, imported lazily
    """The active account's store, sealed with its data key from the keyring (raises
    ``KeyringUnavailable`` when there is no usable keyring; ``main`` reports it)."""
    from desktop_app.services.local_store import open_account_store

    data_dir = data_dir_of(args)
    return open_account_store(data_dir, active_profile(data_dir))


def fail(message: str, code: int = 1) -> int:
    print(f"desktop-app: {message}", file=sys.stderr)
    return code
