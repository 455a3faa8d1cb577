"""File dialogs that all start in one remembered folder: the last folder a file was opened
from or saved to, in any dialog of the app (QSettings ``dialogs/last_folder``), else the home
folder. Use ``open_file_names`` / ``save_file_name`` instead of calling QFileDialog directly."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop_app.ui.window_state import app_settings

_KEY = "dialogs/last_folder"


def last_folder() -> str:
    value = app_settings().value(_KEY)
    if isinstance(value, str) and value and Path(value).is_dir():
        return value
    return str(Path.home())


def remember_folder(path: str | Path) -> None:
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    settings = app_settings()
    settings.setValue(_KEY, str(folder))
    settings.sync()


def open_file_names(parent: QWidget | None, caption: str, file_filter: str = "") -> list[str]:
    names, _ = QFileDialog.getOpenFileNames(parent, caption, last_folder(), file_filter)
    if names:
        remember_folder(names[0])
    return list(names)


def save_file_name(
    parent: QWidget | None, caption: str, suggested_name: str, file_filter: str = ""
) -> str:
    start = str(Path(last_folder()) / Path(suggested_name).name)
    name, _ = QFileDialog.getSaveFileName(parent, caption, start, file_filter)
    if name:
        remember_folder(name)
    return name
