"""The page contract (Electrum's wizard pages are the model): a page renders its step's data
from the application, reports each edit by path, and shows the errors the core returns beside
the fields. It never decides what is valid and never touches the store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from desktop_app.ui.wizard.binding import Binder
from desktop_app.ui.wizard.form import error_label, fix_tab_order, heading, place
from desktop_app.ui.wizard.repeatable_rows import RepeatableRows
from desktop_app.ui.wizard.session import WizardSession
from desktop_app.wizard import BY_ID, StepId


class WizardPage(QWidget):
    step_id: StepId

    def __init__(self, session: WizardSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.binder = Binder(self)
        self.binder.edited.connect(self._edited)
        self.binder.left.connect(self._field_left)
        #: After the agent tried to move on with errors, every error shows (not only touched).
        self.reveal_all = False
        self._read_only = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.title = heading(BY_ID[self.step_id].title)
        self.title.setContentsMargins(12, 8, 12, 0)
        outer.addWidget(self.title)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(12, 8, 12, 12)
        self.scroll.setWidget(self.body)
        outer.addWidget(self.scroll, 1)
        #: Errors of this step that belong to no single field (e.g. "Co-applicant 1 has not signed").
        self.page_error = error_label(self.tr("Page"))
        self.page_error.setContentsMargins(12, 0, 12, 4)
        outer.addWidget(self.page_error)

        self.build()
        self.body_layout.addStretch(1)

    # -- for subclasses -------------------------------------------------------------------
    def build(self) -> None:
        """Create the static widgets (called once)."""

    def render(self) -> None:
        """Rebuild rows that depend on the model's lists (called on load and restructure)."""

    def unbound_errors(self, errors: dict[str, str]) -> list[str]:
        """Messages of errors with no bound field on this page."""
        return [m for p, m in errors.items() if p not in self.binder.bindings]

    # -- the contract ---------------------------------------------------------------------
    def load(self) -> None:
        """Show the application's current values."""
        self.render()
        self.binder.load(self.session.value)
        self.set_read_only(self.session.read_only)
        fix_tab_order(self)

    def visible_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """The errors the agent may see now: a field's once it was left or typed in, or
        after Next was pressed (nothing on a form nobody has touched yet). What belongs to no
        single field (someone has not signed, a document is missing) is the step's to-do
        list and always shows."""
        bindings = self.binder.bindings
        return {
            path: message for path, message in errors.items()
            if self.reveal_all or path not in bindings or bindings[path].touched
        }

    def show_errors(self, errors: dict[str, str]) -> None:
        self.binder.show_errors(errors, self.reveal_all)
        loose = self.unbound_errors(errors)
        self.page_error.setText("\n".join(loose[:6]))
        self.page_error.setVisible(bool(loose) and not self.session.read_only)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.binder.set_read_only(read_only)
        for rows in self.findChildren(RepeatableRows):
            rows.set_read_only(read_only)

    def first_error_widget(self, errors: dict[str, str]) -> QWidget | None:
        for path, binding in self.binder.bindings.items():
            if path in errors:
                return binding.widget
        return None

    def _edited(self, path: str, value: object) -> None:
        binding = self.binder.bindings.get(path)
        label = place(binding.widget, binding.widget.accessibleName() or path) if binding else path
        self.session.edit(path, value, label)

    def _field_left(self, _path: str) -> None:
        self.show_errors(self.session.field_errors(self.step_id))

    def focus_first_field(self) -> None:
        first = next(iter(self.binder.bindings.values()), None)
        if first is not None and not self._read_only:
            first.widget.setFocus()

    def find_field(self, path: str) -> QWidget:
        """The input bound to ``path`` (tests and the review's edit links use it)."""
        return self.binder.bindings[path].widget

    def info(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        self.body_layout.addWidget(label)
        return label
