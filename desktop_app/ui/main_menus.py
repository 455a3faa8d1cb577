"""The main window's actions, menus (with mnemonics) and toolbar, and their shortcuts:
Ctrl+N new, Enter open, Delete delete draft, Ctrl+F search, Ctrl+E export, Ctrl+P export the
selected application as a PDF, Ctrl+, settings;
and the Export, Delete draft and About actions themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.ui.main_window import MainWindow


def _action(
    window: MainWindow, text: str, slot: Any, shortcut: Any = None, tip: str = ""
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def _list_action(
    window: MainWindow, text: str, slot: Any, shortcuts: list[Any], tip: str
) -> QAction:
    """An action whose keys act only while the list has the focus (Enter, Delete)."""
    action = QAction(text, window)
    action.setShortcuts([QKeySequence(s) for s in shortcuts])
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.setStatusTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    window.table.addAction(action)
    return action


def build_actions_and_menus(w: MainWindow) -> None:
    w.new_action = _action(
        w,
        w.tr("&New application"),
        w.new_application,
        "Ctrl+N",
        w.tr("Start a new rental application"),
    )
    w.open_action = _list_action(
        w,
        w.tr("&Open"),
        w.open_selected,
        ["Return", "Enter"],
        w.tr("Open the selected application"),
    )
    w.delete_action = _list_action(
        w,
        w.tr("&Delete draft…"),
        w.delete_selected,
        [QKeySequence.StandardKey.Delete],
        w.tr("Delete the selected draft"),
    )
    w.export_action = _action(
        w,
        w.tr("&Export…"),
        lambda: export_all(w),
        "Ctrl+E",
        w.tr("Save every application to a JSON file"),
    )
    w.export_pdf_action = _action(
        w,
        w.tr("Export &PDF…"),
        lambda: export_selected_pdf(w),
        "Ctrl+P",
        w.tr("Save the selected application as a PDF"),
    )
    w.settings_action = _action(
        w,
        w.tr("Se&ttings…"),
        w.open_settings,
        "Ctrl+,",
        w.tr("Building profiles and income multiples"),
    )
    w.find_action = _action(
        w, w.tr("&Find"), w.focus_search, "Ctrl+F", w.tr("Search the applications")
    )
    w.quit_action = _action(w, w.tr("&Quit"), w.close, QKeySequence.StandardKey.Quit)
    w.about_action = _action(w, w.tr("&About LeaseDesk"), lambda: about(w))

    file_menu = w.file_menu = w.menuBar().addMenu(w.tr("&File"))
    for action in (
        w.new_action,
        w.open_action,
        None,
        w.export_action,
        w.export_pdf_action,
        None,
        w.settings_action,
        None,
        w.quit_action,
    ):
        file_menu.addSeparator() if action is None else file_menu.addAction(action)
    edit_menu = w.menuBar().addMenu(w.tr("&Edit"))
    edit_menu.addAction(w.find_action)
    edit_menu.addAction(w.delete_action)
    w.account_menu = w.menuBar().addMenu(w.tr("&Account"))
    w.account_menu.menuAction().setVisible(False)  # the account controller shows and fills it
    help_menu = w.menuBar().addMenu(w.tr("&Help"))
    from desktop_app.ui.help_actions import help_actions

    for action in help_actions(w):
        help_menu.addAction(action)
    help_menu.addSeparator()
    help_menu.addAction(w.about_action)
    toolbar = w.addToolBar(w.tr("Applications"))
    toolbar.setObjectName("applications_toolbar")
    toolbar.setMovable(False)
    for action in (w.new_action, w.open_action, w.delete_action, w.export_action):
        toolbar.addAction(action)


def export_selected_pdf(window: MainWindow) -> None:
    """File › Export PDF… of the selected application (ui/pdf_dialog.py)."""
    from desktop_app.ui.pdf_dialog import export_pdf_dialog

    row = window.selected_row()
    if row is None:
        window.statusBar().showMessage(
            window.tr("Select an application to export it as a PDF"), 6000
        )
        return
    export_pdf_dialog(window, window.ctx, row.id)


def export_all(window: MainWindow) -> None:
    """Ask where, then write every application in the export format (docs/formats.md) on the
    DB worker."""
    from pathlib import Path

    from PySide6.QtWidgets import QFileDialog

    ctx = window.ctx
    if ctx is None:
        return
    path, _ = QFileDialog.getSaveFileName(
        window,
        window.tr("Export applications"),
        str(Path.home() / "leasedesk-applications.json"),
        window.tr("JSON files (*.json)"),
    )
    if not path:
        return
    target = Path(path if path.endswith(".json") else f"{path}.json")

    def export() -> int:
        from desktop_app.services.drafts_io import export_to_file

        return export_to_file(ctx.store, target)

    def exported(n: int) -> None:
        from desktop_app.ui.plurals import plural

        text = plural(
            "MainWindow",
            n,
            "Exported %n application to {file}",
            "Exported %n applications to {file}",
        )
        window.statusBar().showMessage(text.format(file=target.name), 8000)

    ctx.tasks.db(export).success(exported).failure(
        lambda exc: window.error(window.tr("The export failed"), exc)
    ).run()


def about(window: MainWindow) -> QMessageBox:
    """The About box: the text and icon of ``resources/`` (shown window-modal, not blocking)."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.ui.launch import about_text, application_icon

    box = QMessageBox(window)
    box.setObjectName("about_box")
    box.setWindowTitle(window.tr("About LeaseDesk"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_text() + about_details(window))
    icon = application_icon()
    if not icon.isNull():
        box.setIconPixmap(icon.pixmap(64, 64))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def about_details(window: MainWindow) -> str:
    """The About box's second half: where this computer keeps the data, the configuration and
    the logs, the licence, and where the documentation is."""
    from html import escape
    from pathlib import Path

    from PySide6.QtCore import QUrl

    from desktop_app.config import default_config_path
    from desktop_app.logs import log_dir
    from desktop_app.ui.launch import resources_dir

    ctx = window.ctx
    rows = []
    if ctx is not None:
        rows.append((window.tr("Data"), ctx.data_dir))
        rows.append((window.tr("Logs"), log_dir(ctx.data_dir)))
    rows.append((window.tr("Configuration"), default_config_path().parent))
    cells = "".join(
        f"<tr><td>{escape(label)}:&nbsp;</td><td><code>{escape(str(path))}</code></td></tr>"
        for label, path in rows
    )
    text = f"<p><b>{escape(window.tr('Folders on this computer'))}</b></p><table>{cells}</table>"
    text += "<p>" + escape(window.tr("Licence: proprietary (LicenseRef-Proprietary).")) + "</p>"
    resources = resources_dir()
    docs = resources.parent / "docs" if resources is not None else None
    if docs is not None and (docs / "ui.md").is_file():
        url = QUrl.fromLocalFile(str(Path(docs))).toString()
        link = f'<a href="{escape(url)}">{escape(window.tr("the documentation"))}</a>'
        text += (
            "<p>"
            + window.tr("Read {link} (how the app works, sync, accounts).").format(link=link)
            + "</p>"
        )
    return text


def delete_draft(window: MainWindow) -> None:
    """Delete the selected draft after asking; a submitted application is never deleted."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.services.changes import OpChanges
    from desktop_app.ui.applications_model import DRAFT

    row = window.selected_row()
    if window.ctx is None or row is None:
        return
    if row.status != DRAFT:
        QMessageBox.information(
            window,
            window.tr("Delete draft"),
            window.tr(
                "A submitted application is never deleted. "
                "To change it, open it and choose Amend."
            ),
        )
        return
    who = row.applicant_name or window.tr("this application")
    answer = QMessageBox.question(
        window,
        window.tr("Delete draft"),
        window.tr("Delete the draft for {who}?\n\nThis cannot be undone.").format(who=who),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return
    ctx, app_id = window.ctx, row.id
    wizard = window.wizards.pop(app_id, None)
    if wizard is not None:
        wizard.close()
    ctx.tasks.db(lambda: ctx.autosave.delete_draft(app_id)).changes(
        OpChanges.application(app_id)
    ).failure(lambda exc: window.error(window.tr("The draft was not deleted"), exc)).run()
