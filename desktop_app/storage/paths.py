"""Where local data lives (docs/architecture.md, "Local store and secrets"): one SQLite database per account under the data dir.

The data dir (0700, everything in it 0600: ``desktop_app.fileperms``) is ``--data-dir``, else ``DESKTOP_APP_DATA_DIR``, else platformdirs' user data dir for ``LeaseDesk`` (``desktop_app.app_dirs``).
Before any sign-in the app works in the ``local`` profile; accounts are keyed by their Cognito
identity id (the ``zoneinfo``)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from desktop_app.fileperms import narrow_tree, private_dir, private_file

LOCAL_PROFILE = "local"
DB_FILE_NAME = "leasedesk.sqlite3"
_ACTIVE_FILE = "active_profile"


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        path = Path(cli_value)
    elif os.environ.get("DESKTOP_APP_DATA_DIR"):
        path = Path(os.environ["DESKTOP_APP_DATA_DIR"])
    else:
        from desktop_app.app_dirs import user_data_path

        path = user_data_path()
    private_dir(path)
    narrow_tree(path)
    return path


def profile_dir_name(account_id: str) -> str:
    """A file-system-safe folder name for an account id (identity ids contain ':')."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", account_id)


def profile_dir(data_dir: Path, account_id: str = LOCAL_PROFILE) -> Path:
    return data_dir / "profiles" / profile_dir_name(account_id)


def database_path(data_dir: Path, account_id: str = LOCAL_PROFILE) -> Path:
    return profile_dir(data_dir, account_id) / DB_FILE_NAME


def active_profile(data_dir: Path) -> str:
    """The account whose store the app opens: the last one signed in, else ``local``."""
    marker = data_dir / _ACTIVE_FILE
    if marker.exists():
        value = marker.read_text(encoding="utf-8").strip()
        if value:
            return value
    return LOCAL_PROFILE


def set_active_profile(data_dir: Path, account_id: str) -> None:
    marker = data_dir / _ACTIVE_FILE
    tmp = private_file(marker.with_suffix(".tmp"))
    tmp.write_text(account_id + "\n", encoding="utf-8")
    os.replace(tmp, marker)
