"""What several commands share: the data dir and the active profile's store."""

from __future__ import annotations

import argparse
import sys

from desktop_app.storage.paths import active_profile, resolve_data_dir


def open_cli_store(args: argparse.Namespace):  # noqa: ANN201 — Store, imported lazily
    from desktop_app.storage.store import open_profile_store

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    return open_profile_store(data_dir, active_profile(data_dir))


def fail(message: str, code: int = 1) -> int:
    print(f"desktop-app: {message}", file=sys.stderr)
    return code
