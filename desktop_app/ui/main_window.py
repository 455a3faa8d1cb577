"""The main window: the applications list (model/view over the store), search and status
filter, New / Open / Delete draft / Export / Settings, and a status bar for sync.

The window can be shown before the store is open (``MainWindow()`` then ``attach(ctx)``), so
the launcher puts it on screen first and opens and migrates the database on the DB worker.
Nothing here imports the core at module level: that keeps start-up as fast as bare Qt."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QWidget

from desktop_app.services.changes import OpChanges
from desktop_app.ui import window_state
from desktop_app.ui.applications_model import (
    CONFLICT,
    DRAFT,
    ApplicationsModel,
    Row,
    Rows,
    build_rows,
)
from desktop_app.ui.applications_pane import (
    EMPTY,
    LIST,
    LOADING,
    ApplicationsPane,
    preferred_table_width,
)
from desktop_app.ui.main_menus import build_actions_and_menus

if TYPE_CHECKING:
    from desktop_app.ui.context import AppContext

log = logging.getLogger(__name__)

#: How long change notifications are gathered before the list reloads (autosave may emit one
#: per keystroke in an open wizard; one reload per burst is enough).
RELOAD_DELAY_MS = 300


def load_rows(store: Any) -> Rows:
    """The list's rows from ``store`` (on the DB worker)."""
    from desktop_app.services.summaries import SummariesService

    return build_rows(SummariesService(store).list())


class MainWindow(QMainWindow):
    #: A wizard window was opened for this application id (tests and the screenshot script).
    wizard_opened = Signal(str)
    #: An application was submitted in a wizard (sync starts at once).
    application_submitted = Signal(str)

    def __init__(self, ctx: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx: AppContext | None = None
        self.wizards: dict[str, Any] = {}
        self._new_drafts: set[str] = set()  # made by New here: removed if closed untouched
        self._loading = False
        self._reload_again = False
        self._pending_select: str | None = None
        self._closed = False
        self._busy = False  # a store is being (re)opened: no new work for the old one
        #: Called with an application id instead of opening it while its sync state is
        #: ``CONFLICT`` (set by the sync wiring).
        self.conflict_handler: Any = None
        self.setWindowTitle("LeaseDesk")
        self.model = ApplicationsModel(self)
        self._built = False
        self._early: Rows | None = None
        self._early_error: BaseException | None = None
        if ctx is not None:  # read the rows while the widgets are being built
            self._loading = True
            ctx.tasks.db(lambda: load_rows(ctx.store)).success(self._early_rows).failure(
                self._load_failed
            ).run()
        self._build_widgets()
        build_actions_and_menus(self)
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.model.visible_changed.connect(self._show_count)
        if not window_state.restore_main_window(self, self.table.horizontalHeader()):
            self._default_size()
        self._update_actions()
        self._built = True
        if ctx is not None:
            self.attach(ctx, self._early, load=False)
            if self._early_error is not None:
                self._load_failed(self._early_error)

    # -- construction ------------------------------------------------------------------------
    def _default_size(self) -> None:
        """The whole list and the details pane side by side, and about 28 rows, as far as the
        screen's available area allows (a 1366×768 screen: all of it)."""
        em = self.fontMetrics().height()
        details = self.details.minimumWidth() + 2 * em
        width, height = preferred_table_width(self) + details + 2 * em, em * 54
        window_state.fit_to_screen(self, width, height)

    def _build_widgets(self) -> None:
        self.pane = ApplicationsPane(self.model, self)
        self.setCentralWidget(self.pane)
        # The parts tests, the screenshot script and the wiring reach for:
        self.search, self.status_filter = self.pane.search, self.pane.status_filter
        self.table, self.stack = self.pane.table, self.pane.stack
        self.placeholder, self.empty_label = self.pane.placeholder, self.pane.empty_label
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
        # A reset (reload or filter) clears the selection: keep the selected application selected.
        self._kept: str | None = None
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.modelReset.connect(self._restore_selection)
        self.search.returnPressed.connect(self._search_entered)

        self.pane.new_button.clicked.connect(lambda _c=False: self.new_application())

        self.count_label = QLabel(self)
        self.sync_icon = QLabel(self)
        self.sync_icon.setAccessibleName(self.tr("Sync state"))
        self.sync_label = QLabel(self.tr("Sync: not set up"), self)
        self.sync_label.setAccessibleName(self.tr("Sync status"))
        self.statusBar().addWidget(self.count_label, 1)
        self.statusBar().addPermanentWidget(self.sync_icon)
        self.statusBar().addPermanentWidget(self.sync_label)
        from desktop_app.ui.details_pane import install_side_panels

        install_side_panels(self)  # the details pane and the "Needs attention" panel

    # -- the store ---------------------------------------------------------------------------
    def attach(self, ctx: AppContext, rows: Rows | None = None, *, load: bool = True) -> None:
        """Start showing ``ctx``'s store and follow its changes; ``rows`` when the caller
        already read them on the DB worker (the launcher does, right after opening)."""
        self.ctx = ctx
        ctx.bus.application_changed.connect(self._application_changed)
        if rows is not None:
            self._rows_arrived(rows)
        elif load:
            self.reload()
        self._update_actions()

    def _early_rows(self, rows: Rows) -> None:
        """The rows read during construction: kept until the widgets exist (a fast read may
        even be delivered before the constructor returns)."""
        if self._built:
            self._reloaded(rows)
        else:
            self._early = rows

    def reload(self) -> None:
        """Load the rows again on the DB worker (one load at a time; extra requests coalesce)."""
        if self.ctx is None or self._closed or self._busy:
            return  # while another store opens, its own rows are on the way
        if self._loading:
            self._reload_again = True
            return
        self._loading = True
        ctx = self.ctx
        ctx.tasks.db(lambda: load_rows(ctx.store)).success(self._reloaded).failure(
            self._load_failed
        ).run()

    def _reloaded(self, rows: Rows) -> None:
        if self._busy:  # read before a store switch began: the new store's rows follow
            self._loading = self._reload_again = False
            return
        self._rows_arrived(rows)

    def show_rows(self, rows: Rows) -> None:
        """Rows read elsewhere on the DB worker (the launcher, a store switch)."""
        self._rows_arrived(rows)

    def show_loading(self, text: str = "", busy: bool = True) -> None:
        """Stand in for the list while a store opens (``busy``: the actions wait for its rows)."""
        self._busy = busy
        self.placeholder.setText(text or self.tr("Opening your applications…"))
        self.pane.show_page(LOADING)
        self._update_actions()

    def close_wizards(self) -> None:
        """Close every wizard window (each makes its edits durable as it closes)."""
        for window in list(self.wizards.values()):
            window.close()

    def _rows_arrived(self, rows: Rows) -> None:
        self._loading = self._busy = False
        self.model.set_rows(rows)
        if self._pending_select is not None and self.select(self._pending_select):
            self._pending_select = None
        self.pane.show_page(LIST if self.model.total else EMPTY)
        if self._reload_again:
            self._reload_again = False
            self.reload()

    def _load_failed(self, exc: BaseException) -> None:
        if not self._built:  # the early read failed before the widgets exist
            self._early_error = exc
            return
        self._loading = False
        log.error("loading the applications list failed: %s", type(exc).__name__)
        self.show_loading(self.tr("The applications could not be loaded.") + f"\n{exc}", busy=False)

    def _application_changed(self, _app_id: str) -> None:
        if not self._closed:
            self._reload_timer.start()

    # -- selection ---------------------------------------------------------------------------
    def selected_row(self) -> Row | None:
        return self.model.row_at(self.table.currentIndex())

    def select(self, app_id: str) -> bool:
        index = self.model.index_of(app_id)
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def _remember_selection(self) -> None:
        row = self.selected_row()
        if row is not None:  # kept through a filter that hides it, back when the filter clears
            self._kept = row.id

    def _restore_selection(self) -> None:
        if self._kept is not None:
            self.select(self._kept)
        self._update_actions()

    def _search_entered(self) -> None:
        """Enter in the search box moves to the list (the first match unless one is selected)."""
        if self.model.rowCount() == 0:
            return
        if self.selected_row() is None:
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _update_actions(self) -> None:
        row = self.selected_row()
        attached = self.ctx is not None and not self._busy
        self.new_action.setEnabled(attached)
        self.export_action.setEnabled(attached)
        self.settings_action.setEnabled(attached)
        self.open_action.setEnabled(attached and row is not None)
        self.delete_action.setEnabled(attached and row is not None and row.status == DRAFT)
        if row is not None and row.status != DRAFT:
            self.delete_action.setStatusTip(self.tr("A submitted application is never deleted"))
        else:
            self.delete_action.setStatusTip(self.tr("Delete the selected draft"))

    def _show_count(self, shown: int, total: int) -> None:
        from desktop_app.ui.plurals import format_count, plural

        if shown == total:
            text = plural("MainWindow", total, "%n application", "%n applications")
        else:
            text = plural(
                "MainWindow", total, "{shown} of %n application", "{shown} of %n applications"
            ).format(shown=format_count(shown))
        self.count_label.setText(text)
        if self.model.loaded:
            self.pane.show_page(LIST if total else EMPTY)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- actions -----------------------------------------------------------------------------
    def new_application(self) -> None:
        if self.ctx is None:
            return
        ctx = self.ctx

        def created(app: Any) -> None:
            self._pending_select = app.id
            self._new_drafts.add(app.id)
            self.open_wizard(app.id)

        ctx.tasks.db(ctx.autosave.create_draft).changes(
            lambda app: OpChanges.application(app.id)
        ).success(created).failure(
            lambda exc: self.error(self.tr("The new application could not be created"), exc)
        ).run()

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        handler = self.conflict_handler
        if handler is not None and self.model.sync_state(row.id) == CONFLICT:
            handler(row.id)  # the agent chooses between the two versions first
        else:
            self.open_wizard(row.id)

    def open_wizard(self, app_id: str) -> Any:
        """Show the wizard for ``app_id`` (the one already open, if any)."""
        if self.ctx is None:
            return None
        window = self.wizards.get(app_id)
        if window is None:
            from desktop_app.ui.wizard import WizardWindow

            window = WizardWindow(self.ctx, app_id)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
            self.wizards[app_id] = window
            window.closed.connect(self._wizard_closed)
            window.destroyed.connect(lambda *_a, w=window: self._forget_wizard(w))
            window.submitted.connect(self._wizard_submitted)
            window.amended.connect(lambda new_id, w=window: self._wizard_amended(w, new_id))
        window.show()
        window.raise_()
        window.activateWindow()
        self.wizard_opened.emit(app_id)
        return window

    def _forget_wizard(self, window: Any) -> None:
        self.wizards = {k: w for k, w in self.wizards.items() if w is not window}

    def _wizard_submitted(self, app_id: str) -> None:
        self._reload_timer.start()
        self.application_submitted.emit(app_id)

    def _wizard_closed(self, app_id: str) -> None:
        self.wizards.pop(app_id, None)
        if app_id in self._new_drafts and self.ctx is not None:
            from desktop_app.services.blank_drafts import discard_if_blank

            self._new_drafts.discard(app_id)
            autosave = self.ctx.autosave  # after the closing wizard's saves (one DB worker)
            self.ctx.tasks.db(lambda: discard_if_blank(autosave, app_id)).changes(
                OpChanges.application(app_id)
            ).failure(lambda exc: log.warning("blank draft kept: %s", type(exc).__name__)).run()
        self._reload_timer.start()

    def _wizard_amended(self, window: Any, new_id: str) -> None:
        """Amend made a new draft and the wizard now shows it: file the window under it."""
        self._forget_wizard(window)
        self.wizards[new_id] = window
        self._pending_select = new_id
        self._reload_timer.start()

    def delete_selected(self) -> None:
        """Edit › Delete draft… on the selected row (asks first; ``main_menus.delete_draft``)."""
        from desktop_app.ui.main_menus import delete_draft

        delete_draft(self)

    def open_settings(self) -> None:
        if self.ctx is None:
            return
        from desktop_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        dialog.open()

    def error(self, what: str, exc: BaseException) -> None:
        """Tell the agent ``what`` failed and why; the log gets only the error's type."""
        log.error("%s: %s", what, type(exc).__name__)
        QMessageBox.warning(self, "LeaseDesk", f"{what}.\n\n{exc}")

    # -- status bar (filled by the sync wiring) ----------------------------------------------
    def set_sync_status(self, text: str) -> None:
        """Online/offline and pending count, e.g. "Online · 3 waiting to sync"."""
        self.sync_label.setText(text)

    def set_sync_icon(self, kind: str) -> None:
        """The icon before the sync status (``status_icons``: online, offline, waiting, …)."""
        from desktop_app.ui.status_icons import status_icon

        em = self.fontMetrics().height()
        self.sync_icon.setPixmap(status_icon(kind).pixmap(em, em))
        self.sync_icon.setToolTip(self.sync_label.text())

    def retranslate_ui(self) -> None:
        """Texts made from values, again in the current language (ui/language.py)."""
        self.model.refresh_texts()
        self._show_count(self.model.rowCount(), self.model.total)

    def set_sync_states(self, states: dict[str, str]) -> None:
        """The sync column: application id → sync state (``applications_model.SYNCED``, …)."""
        self.model.set_sync_states(states)

    def show_banner(self, text: str) -> None:
        """A notice above the list (e.g. "sandbox data lasts only while the app runs")."""
        self.pane.show_banner(text)

    # -- closing -----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_wizards()
        # Closing the wizards asked for a reload; the store is about to close: nothing more.
        self._reload_timer.stop()
        self._closed = True
        window_state.save_main_window(self, self.table.horizontalHeader())
        super().closeEvent(event)
