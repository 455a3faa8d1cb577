"""Keeping the agent's cursor when a newer copy of the application replaces the one shown
(a pull, another window's edit): which field it was in, and the same field of the new copy
afterwards, even if its row moved (``edits.anchor``/``resolve``)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLineEdit

from desktop_app.domain.models import Application
from desktop_app.ui.wizard.edits import Anchored, NotKept, anchor, resolve
from desktop_app.ui.wizard.page_base import WizardPage
from desktop_app.wizard import StepId


class FocusKeeper:
    def __init__(self) -> None:
        #: (step, field, cursor) the agent was typing in when a newer copy arrived.
        self._noted: tuple[StepId, Anchored, int | None] | None = None

    def note(self, page: WizardPage | None, app: Application) -> None:
        """Before a newer copy replaces ``app``: which field of ``page`` the agent is typing in."""
        self._noted = None
        focused = QApplication.focusWidget()
        if page is None or focused is None:
            return
        for path, binding in page.binder.bindings.items():
            if binding.widget is focused or binding.widget.isAncestorOf(focused):
                cursor = focused.cursorPosition() if isinstance(focused, QLineEdit) else None
                self._noted = (page.step_id, anchor(app, path), cursor)
                return

    def restore(self, page: WizardPage | None, app: Application) -> None:
        """Put the cursor back on the same field of the new copy (its row may have moved), so
        the next keystrokes land where the agent is looking — or nowhere, if it is gone."""
        noted, self._noted = self._noted, None
        if noted is None or page is None or page.step_id != noted[0]:
            return
        try:
            binding = page.binder.bindings.get(resolve(app, noted[1]))
        except NotKept:
            binding = None
        if binding is None:
            page.setFocus()  # not on some other field
            return
        binding.widget.setFocus()
        target = binding.widget.focusProxy() or binding.widget
        if isinstance(target, QLineEdit) and noted[2] is not None:
            target.setCursorPosition(noted[2])
