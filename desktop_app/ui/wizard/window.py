"""The application wizard window: step sidebar, the current step's page, Back / Next (Submit
on the last step), the "Saving…/Saved" state, and for a submitted application a read-only
banner with Amend.

How the shell uses it::

    w = WizardWindow(ctx, app_id)          # loads on the DB worker; ``loaded`` when ready
    w.submitted.connect(...)               # the id was submitted (the list refreshes anyway
    w.amended.connect(...)                 #   via ctx.bus.application_changed)
    w.closed.connect(...)                  # the window closed; every edit is durable by then
    w.show()

Amend makes a new draft (the submitted original never changes) and this window switches to it;
``amended(new_id)`` tells the shell, e.g. to file the window under the new id.

For screenshots: wait for ``is_loaded`` (or ``loaded``), then ``preview_step(step)`` shows any
step's page without passing the flow's gate; ``show_step(step)`` moves through the gate."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain.models import Application
from desktop_app.services.changes import OpChanges
from desktop_app.ui.context import AppContext
from desktop_app.ui.wizard.autosaver import FAILED, SAVED, SAVING
from desktop_app.ui.wizard.focus_keeper import FocusKeeper
from desktop_app.ui.formats import format_datetime
from desktop_app.ui.wizard.chrome import (
    blocking_error,
    close_keys,
    gate_reason,
    fill_sidebar,
    place_name,
    remember_size,
    step_counter,
    window_title,
)
from desktop_app.ui.wizard.form import error_style
from desktop_app.ui.wizard.page_base import WizardPage
from desktop_app.ui.wizard.pages import PAGES
from desktop_app.ui.wizard.session import WizardSession
from desktop_app.ui.wizard.window_layout import setup_ui
from desktop_app.wizard import NavigationError, StepId, WizardFlow


class WizardWindow(QMainWindow):
    loaded = Signal()
    closed = Signal(str)
    submitted = Signal(str)
    #: The id of the new draft an Amend created (the window now shows it).
    amended = Signal(str)

    def __init__(self, ctx: AppContext, app_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages: dict[StepId, WizardPage] = {}
        self.session: WizardSession | None = None
        self._shown: StepId | None = None
        self._focus = FocusKeeper()
        self._reshow: StepId | None = None
        #: A field to put the cursor in once the application is loaded (needs attention).
        self._wanted_field: str | None = None
        self.setWindowTitle(window_title(Application()))
        setup_ui(self)
        self._close_keys = close_keys(self)
        QShortcut(QKeySequence("Alt+Left"), self, self.go_back)
        QShortcut(QKeySequence("Alt+Right"), self, self.go_next)
        QShortcut(QKeySequence("Ctrl+P"), self, self.export_pdf)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.flush_now)
        self._open(app_id)

    # -- public ---------------------------------------------------------------------------
    @property
    def app_id(self) -> str:
        assert self.session is not None
        return self.session.app_id

    @property
    def flow(self) -> WizardFlow | None:
        return self.session.flow if self.session else None

    @property
    def is_loaded(self) -> bool:
        return bool(self.pages)

    def current_page(self) -> WizardPage | None:
        page = self.stack.currentWidget()
        return page if isinstance(page, WizardPage) else None

    def page(self, step: StepId) -> WizardPage:
        return self.pages[step]

    def flush_now(self) -> None:
        """Make every edit durable now (close, quit)."""
        if self.session is not None:
            self.session.autosaver.flush_sync()

    def show_step(self, step: StepId) -> None:
        """Go to ``step`` through the flow's gate (earlier steps, or later ones whose
        predecessors validate; any step of a submitted application)."""
        self._navigate(lambda: self.session.jump(step))  # type: ignore[union-attr]

    def focus_field(self, path: str) -> None:
        """Go to the step that edits ``path`` and put the cursor in its field (now, or once
        the application is loaded)."""
        from desktop_app.ui.attention_panel import focus_field

        self._wanted_field = path
        if self.pages and focus_field(self, path):
            self._wanted_field = None

    def export_pdf(self) -> None:
        """File › Export PDF… for this application (Ctrl+P)."""
        from desktop_app.ui.pdf_dialog import export_pdf_dialog

        if self.session is not None:
            self.flush_now()
            export_pdf_dialog(self, self.ctx, self.app_id)

    def preview_step(self, step: StepId) -> None:
        """Show a step's page WITHOUT moving the flow or passing its gate — for screenshots
        only; Back/Next still act on the flow's real step."""
        self._show_page(step)

    # -- opening --------------------------------------------------------------------------
    def _open(self, app_id: str) -> None:
        if self.session is not None:  # switching (Amend): drop the old application's pages
            self.flush_now()
            self.session.deleteLater()
            self._drop_pages()
            self.stack.setCurrentWidget(self.loading)
            self._show_notice("")
        session = WizardSession(self.ctx, app_id)
        self.session = session
        session.loaded.connect(self._on_loaded)
        session.changed.connect(self._refresh)
        session.restructured.connect(self._on_restructured)
        session.failed.connect(self._show_reason)
        session.notice.connect(self._show_notice)
        session.replacing.connect(self._note_focus)
        session.submitted.connect(self._on_submitted)
        session.autosaver.state_changed.connect(self._on_save_state)
        # Flushes even when the window is destroyed without a close (no reference to self).
        autosaver = session.autosaver
        self.destroyed.connect(lambda *_: autosaver.flush_unless_closed())
        session.load()

    def _on_loaded(self) -> None:
        session = self.session
        assert session is not None and session.flow is not None
        self._drop_pages()
        for step in session.flow.steps():
            page = PAGES[step.id](session)
            page.binder.left.connect(self._field_left)
            self.pages[step.id] = page
            self.stack.addWidget(page)
        review = self.pages.get(StepId.REVIEW)
        if review is not None:
            review.edit_requested.connect(self.show_step)  # type: ignore[attr-defined]
        shown, self._reshow = self._reshow, None  # a newer copy replaced the one shown
        self._show_page(shown if shown in self.pages else session.flow.current.id)
        self._restore_focus()
        if self._wanted_field is not None:
            self.focus_field(self._wanted_field)
        if session.read_only:
            self.save_state.setText(self.tr("Read-only"))
        else:
            self.save_state.setText(self.tr("Saving…") if session.autosaver.has_pending else self.tr("Saved"))
        self.loaded.emit()

    def _note_focus(self) -> None:
        self._reshow = self._shown
        if self.session is not None:
            self._focus.note(self.current_page(), self.session.app)

    def _restore_focus(self) -> None:
        if self.session is not None:
            self._focus.restore(self.current_page(), self.session.app)

    def _drop_pages(self) -> None:
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages = {}
        self._shown = None

    # -- showing --------------------------------------------------------------------------
    def _show_page(self, step: StepId) -> None:
        page = self.pages[step]
        page.reveal_all = False
        page.load()
        self.stack.setCurrentWidget(page)
        self._shown = step
        self._refresh()
        page.scroll.verticalScrollBar().setValue(0)
        page.focus_first_field()

    def _field_left(self, _path: str) -> None:
        self._refresh()  # the summary beside Next may now name that field's error

    def _on_restructured(self) -> None:
        page = self.current_page()
        if page is not None:
            page.load()

    def _refresh(self) -> None:
        session = self.session
        if session is None or session.flow is None or not self.pages:
            return
        flow = session.flow
        read_only = session.read_only
        page = self.current_page()
        shown = self._shown or flow.current.id
        errors = session.field_errors(shown) if not read_only else {}
        if page is not None:
            page.show_errors(errors)
        if shown != flow.current.id:  # a preview: the gate is the flow's step's
            errors = session.field_errors() if not read_only else {}
        # The summary says only what the fields show: nothing before a field was left or
        # Next was pressed.
        visible = page.visible_errors(errors) if page is not None else errors
        self._fill_sidebar()
        self.back_button.setEnabled(flow.can_go_back)
        if flow.is_last:
            self.next_button.setText(self.tr("&Submit"))
            self.next_button.setAccessibleName(self.tr("Submit"))
            self.next_button.setVisible(not read_only)
            self.next_button.setEnabled(flow.can_submit())
        else:
            self.next_button.setText(self.tr("&Next"))
            self.next_button.setAccessibleName(self.tr("Next"))
            self.next_button.setVisible(True)
            # With errors not shown yet, Next stays pressable: pressing it shows them.
            self.next_button.setEnabled(session.can_go_next() or not visible)
        # No gate to explain on a preview or a submitted application.
        reason = "" if read_only or shown != flow.current.id else gate_reason(flow, visible)
        self.reason.setText(reason)
        self.next_button.setToolTip(reason)
        self.next_button.setAccessibleDescription(reason)
        self._refresh_banner()
        self.setWindowTitle(window_title(session.app))
        self.header_place.setText(place_name(session.app) or self.tr("New application"))
        numbers = [s.id for s in flow.steps()]
        self.header_step.setText(
            step_counter(numbers.index(shown) + 1, len(numbers)) if shown in numbers else ""
        )

    def _fill_sidebar(self) -> None:
        session = self.session
        assert session is not None and session.flow is not None
        fill_sidebar(self.sidebar, session.flow, self._shown or session.flow.current.id, session.read_only)

    def _refresh_banner(self) -> None:
        session = self.session
        read_only = session is not None and session.read_only
        self.banner.setVisible(read_only)
        self.amend_button.setVisible(read_only and not session.deleted)  # type: ignore[union-attr]
        if read_only and session.deleted:  # type: ignore[union-attr]
            self.banner_text.setText(
                self.tr("Deleted on your other computer. Nothing typed here is saved.")
            )
        elif read_only:
            stamp = format_datetime(session.app.submitted_at)  # type: ignore[union-attr]
            self.banner_text.setText(
                self.tr(
                    "Submitted {stamp}. This application is read-only; Amend makes a new draft "
                    "from it and keeps this one as submitted."
                ).format(stamp=stamp)
            )

    def _on_save_state(self, state: str, message: str) -> None:
        if state == SAVING:
            self.save_state.setText(self.tr("Saving…"))
            self.save_state.setStyleSheet("")
        elif state == SAVED:
            self.save_state.setText(self.tr("Saved"))
            self.save_state.setStyleSheet("")
        elif state == FAILED:
            self.save_state.setText(self.tr("Not saved: {message}").format(message=message))
            self.save_state.setStyleSheet(error_style())

    def _show_reason(self, message: str) -> None:
        self.reason.setText(message)

    def _show_notice(self, message: str) -> None:
        """Shown until the agent moves to another step."""
        self.notice.setText(message)
        self.notice.setVisible(bool(message))

    # -- moving ---------------------------------------------------------------------------
    def _navigate(self, move) -> None:
        if self.session is None or self.session.flow is None:
            return
        try:
            step = move()
        except NavigationError as exc:
            self._reveal_errors()
            self._fill_sidebar()
            # The specific error that blocks ("Application: Building address is required").
            specific = blocking_error(self.session.flow) if exc.errors else None
            self.reason.setText(specific or str(exc))
            return
        self._show_notice("")
        self._show_page(step.id)

    def _reveal_errors(self) -> None:
        page = self.current_page()
        if page is None or self.session is None:
            return
        page.reveal_all = True
        errors = self.session.field_errors()
        page.show_errors(errors)
        target = page.first_error_widget(errors)
        self._refresh()
        if target is not None:
            page.scroll.ensureWidgetVisible(target)
            target.setFocus()

    def go_next(self) -> None:
        session = self.session
        if session is None or session.flow is None:
            return
        if self._shown != session.flow.current.id:  # a preview: go back to the real step
            self._show_page(session.flow.current.id)
            return
        if session.flow.is_last:
            if session.flow.can_submit():
                session.submit()
            return
        if not session.can_go_next():
            self._reveal_errors()
            return
        self._navigate(session.next)

    def go_back(self) -> None:
        if self.session is not None and self.session.flow is not None and self.session.flow.can_go_back:
            self._navigate(self.session.back)

    def _sidebar_clicked(self, item: QListWidgetItem) -> None:
        self.show_step(StepId(item.data(Qt.ItemDataRole.UserRole)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focus = self.focusWidget()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            focus, (QPlainTextEdit, QPushButton, QListWidget)
        ):
            self.go_next()
            return
        super().keyPressEvent(event)

    # -- submit and amend -----------------------------------------------------------------
    def _on_submitted(self, app_id: str) -> None:
        for page in self.pages.values():
            page.set_read_only(True)
        page = self.current_page()
        if page is not None:
            page.load()
        self._refresh()
        self.submitted.emit(app_id)

    def amend(self) -> None:
        session = self.session
        if session is None or not session.read_only or session.deleted:
            return
        autosave, app_id = self.ctx.autosave, session.app_id

        def done(new_app) -> None:
            if not isValid(self):
                return
            self.banner.hide()
            self._open(new_app.id)
            self.amended.emit(new_app.id)

        self.ctx.tasks.db(lambda: autosave.amend(app_id)).changes(
            lambda new_app: OpChanges.application(new_app.id)
        ).success(done).failure(
            lambda exc: self._show_reason(self.tr("Could not amend: {error}").format(error=exc))
        ).run()

    # -- closing --------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        remember_size(self)
        self.flush_now()
        if self.session is not None:
            self.closed.emit(self.session.app_id)
        super().closeEvent(event)
