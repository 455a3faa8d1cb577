"""Remembered window state (size, position, column widths) in QSettings, organisation
"LeaseDesk", application "desktop_app", always in INI format so tests can redirect it with
``QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tmp)``."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QWidget

ORGANISATION = "LeaseDesk"
APPLICATION = "desktop_app"


def app_settings() -> QSettings:
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def save_geometry(widget: QWidget, key: str) -> None:
    settings = app_settings()
    settings.setValue(f"{key}/geometry", widget.saveGeometry())
    settings.sync()


def restore_geometry(widget: QWidget, key: str) -> bool:
    """Restore ``widget``'s saved size and position; False when nothing was saved."""
    value = app_settings().value(f"{key}/geometry")
    if isinstance(value, QByteArray) and not value.isEmpty():
        return bool(widget.restoreGeometry(value))
    return False


def save_bytes(key: str, value: QByteArray) -> None:
    settings = app_settings()
    settings.setValue(key, value)
    settings.sync()


def load_bytes(key: str) -> QByteArray | None:
    value = app_settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None
