"""Help › Diagnostics…, Open log folder and Copy diagnostics: the actions only. What they open
(``diagnostics_window``, its charts, the metrics) loads when one is chosen, not at start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow


def help_actions(window: MainWindow) -> list[QAction]:
    """Help › Diagnostics…, Open log folder, Copy diagnostics."""

    def open_diagnostics() -> None:
        from desktop_app.ui.diagnostics_window import open_diagnostics

        open_diagnostics(window)

    def open_log_folder() -> None:
        from desktop_app.ui.diagnostics_window import open_log_folder

        open_log_folder(window)

    def copy_diagnostics() -> None:
        from desktop_app.ui.diagnostics_window import copy_diagnostics

        copy_diagnostics(window)

    out = []
    for text, slot, tip in (
        (QCoreApplication.translate("DiagnosticsWindow", "&Diagnostics…"),
         open_diagnostics,
         QCoreApplication.translate("DiagnosticsWindow", "This machine's sync and sign-in metrics")),
        (QCoreApplication.translate("DiagnosticsWindow", "Open &log folder"),
         open_log_folder,
         QCoreApplication.translate("DiagnosticsWindow", "The app's log and crash files")),
        (QCoreApplication.translate("DiagnosticsWindow", "&Copy diagnostics"),
         copy_diagnostics,
         QCoreApplication.translate(
             "DiagnosticsWindow",
             "Version, settings, status, last errors and metrics (no personal data)")),
    ):
        action = QAction(text, window)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False, s=slot: s())
        out.append(action)
    window.diagnostics_action, window.log_folder_action, window.copy_diagnostics_action = out  # type: ignore[attr-defined]
    return out
