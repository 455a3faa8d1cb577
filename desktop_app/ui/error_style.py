"""The colour of error text, readable on the palette in use (light or dark scheme)."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

ERROR_STYLE = "color: #b00020;"
#: The error red for a dark scheme (contrast above 4.5:1 on the usual dark greys).
DARK_ERROR_STYLE = "color: #ff8a80;"


def error_style(bold: bool = False) -> str:
    """The error text's style sheet for the current palette's window colour."""
    app = QApplication.instance()
    window = app.palette().color(QPalette.ColorRole.Window) if isinstance(app, QApplication) else None
    style = DARK_ERROR_STYLE if window is not None and window.lightnessF() < 0.5 else ERROR_STYLE
    return style + (" font-weight: bold;" if bold else "")
