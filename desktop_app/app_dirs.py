"""The app's own folders: platformdirs' user data and config dirs under one name, "LeaseDesk"
(the name the window settings already used).

Folders an earlier version made under "desktop_app" are moved the first time a path is asked
for, before anything is written in the new place. The move is one rename of the whole folder
when the new one does not exist yet; when it does (the window settings' folder, say), each
entry is renamed into it on its own, and an entry whose name is taken there is never
overwritten: it stays in the old folder and the log says so. Every step is a single rename,
so a process killed between steps leaves both folders whole, and the next start finishes."""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

APP_DIR_NAME = "LeaseDesk"
FORMER_APP_DIR_NAME = "desktop_app"


def user_data_path() -> Path:
    from platformdirs import user_data_dir

    return _moved(
        Path(user_data_dir(FORMER_APP_DIR_NAME, appauthor=False)),
        Path(user_data_dir(APP_DIR_NAME, appauthor=False)),
    )


def user_config_path() -> Path:
    from platformdirs import user_config_dir

    return _moved(
        Path(user_config_dir(FORMER_APP_DIR_NAME, appauthor=False)),
        Path(user_config_dir(APP_DIR_NAME, appauthor=False)),
    )


def _moved(old: Path, new: Path) -> Path:
    """``new``, once what ``old`` held is in it; ``old`` itself when it cannot be moved at all
    (nothing is left behind: the app keeps working where its data is)."""
    try:
        return move_folder(old, new)
    except OSError as exc:
        log.warning(
            "app folder %s not moved to %s, still used where it is: %s",
            old.name, new.name, type(exc).__name__,
        )
        return old


def move_folder(old: Path, new: Path) -> Path:
    """Move ``old``'s contents to ``new`` as described above; returns ``new``. Raises
    ``OSError`` only when nothing could be moved and ``old`` still holds everything."""
    if old == new or not old.is_dir():
        return new
    if not new.exists():
        try:
            os.rename(old, new)
            log.info("app folder moved to its new name %s", new.name)
            return new
        except FileNotFoundError:
            if not old.exists():  # another LeaseDesk process moved it first
                return new
            raise
        except FileExistsError:
            pass  # created meanwhile by another process: merge below
    _merge(old, new)
    return new


def _merge(old: Path, new: Path) -> None:
    kept: list[str] = []
    for entry in sorted(old.iterdir()):
        target = new / entry.name
        if target.exists() or target.is_symlink():
            kept.append(entry.name)
            continue
        try:
            os.rename(entry, target)
        except FileNotFoundError:
            continue  # another process moved it
    if kept:
        log.warning(
            "%d item(s) kept in the former app folder %s beside %s, whose items of the same "
            "names are never overwritten; compare and move them by hand: %s",
            len(kept), old.name, new.name, ", ".join(kept),
        )
        return
    try:
        old.rmdir()
        log.info("app folder merged into its new name %s", new.name)
    except OSError:
        pass  # something arrived meanwhile: the next start moves it
