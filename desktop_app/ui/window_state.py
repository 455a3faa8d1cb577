"""Remembered window state (size, position, side panels, column widths) in QSettings, organisation
"LeaseDesk", application "desktop_app", always in INI format so tests can redirect it with
``QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, tmp)``."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QWidget

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


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or less where its screen's available area
    (without panels and docks) is smaller, leaving room for the window frame."""
    screen = widget.screen()
    if screen is not None:
        area = screen.availableGeometry()
        frame = _frame_extra(widget)
        width = min(width, area.width() - frame[0])
        height = min(height, area.height() - frame[1])
    widget.resize(width, height)


def keep_on_screen(widget: QWidget) -> None:
    """Shrink and move ``widget`` so the whole of it is inside its screen's available area (a
    size remembered on a larger monitor, a position on one no longer attached)."""
    screen = widget.screen()
    if screen is None:
        return
    area = screen.availableGeometry()
    extra_w, extra_h = _frame_extra(widget)
    width = min(widget.width(), area.width() - extra_w)
    height = min(widget.height(), area.height() - extra_h)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    x = max(area.left(), min(widget.x(), area.right() + 1 - width - extra_w))
    y = max(area.top(), min(widget.y(), area.bottom() + 1 - height - extra_h))
    if (x, y) != (widget.x(), widget.y()):
        widget.move(x, y)


def _frame_extra(widget: QWidget) -> tuple[int, int]:
    """What the window frame adds around the client area (a title bar's height estimated from
    the font before the window is shown and the frame is known)."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    extra = (frame.width() - inner.width(), frame.height() - inner.height())
    if extra == (0, 0) and not widget.isVisible():
        em = widget.fontMetrics().height()
        return em // 2, em * 2
    return extra


#: Saved column layouts from before the Status and Sync columns were sized to their words are
#: not restored (they would cut "Waiting to sync" again).
COLUMNS_KEY = "main_window/columns_v2"
LAYOUT_KEY = "main_window/layout"


def save_main_window(window: QMainWindow, header: QHeaderView) -> None:
    """The main window's size and position, its side panels' layout and the list's columns."""
    settings = app_settings()
    settings.setValue("main_window/geometry", window.saveGeometry())
    settings.setValue(LAYOUT_KEY, window.saveState())
    settings.setValue(COLUMNS_KEY, header.saveState())
    settings.sync()


def restore_main_window(window: QMainWindow, header: QHeaderView) -> bool:
    """Restore what ``save_main_window`` kept (each part on its own: a part never saved keeps
    its default); False when no size was saved. The window is kept on its screen."""
    layout, columns = load_bytes(LAYOUT_KEY), load_bytes(COLUMNS_KEY)
    if layout is not None:
        window.restoreState(layout)
    if columns is not None and header.restoreState(columns):
        header.setStretchLastSection(True)
    restored = restore_geometry(window, "main_window")
    if restored:
        keep_on_screen(window)
    return restored
