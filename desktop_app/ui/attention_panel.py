"""The "Needs attention" panel of the main window (docs/records.md, "Needs attention"): every
application that needs the agent, with the reason in plain words. Opening an entry goes
straight to the wizard step and puts the cursor in the field the reason names; a conflict
opens the conflict dialog. The list is read on the DB worker."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget


if TYPE_CHECKING:
    from desktop_app.wizard.steps import StepId
    from desktop_app.services.records import AttentionItem

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def step_of(path: str) -> StepId | None:
    """The wizard step that edits the field ``path`` (None when no step does)."""
    # The wizard (and the domain model under it) loads after the window is shown.
    from desktop_app.wizard.steps import BY_NUMBER, step_for_field

    label = step_for_field(path)
    if not label:
        return None
    return BY_NUMBER[int(label.split()[0])].id


def focus_field(window: Any, path: str) -> bool:
    """Show the step of ``path`` in a loaded wizard window and focus its field. The step is
    shown even when the flow's gate would not let the agent walk there yet (the reason names
    this field: it is where the agent must go)."""
    step = step_of(path)
    if step is None or step not in window.pages:
        return False
    if window.current_page() is not window.pages[step]:
        window.show_step(step)
    if window.current_page() is not window.pages[step]:
        window.preview_step(step)
    page = window.pages[step]
    binding = page.binder.bindings.get(path)
    if binding is None:
        return False
    target = binding.widget.focusProxy() or binding.widget
    page.scroll.ensureWidgetVisible(binding.widget)
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    window.activateWindow()
    return True


def _tr(text: str) -> str:
    return QCoreApplication.translate("AttentionPanel", text)


def describe(item: AttentionItem) -> str:
    who = item.applicant or _tr("(no name yet)")
    where = f" — {item.step}" if item.step else ""
    return f"{who}: {item.reason}{where}"


class AttentionPanel(QWidget):
    """``opened(app_id, kind, field)`` when the agent opens an entry."""

    opened = Signal(str, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attention_panel")
        self.summary = QLabel(_tr("Nothing needs you."), self)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_tr("Applications that need attention"))
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemDoubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.items: list[AttentionItem] = []

    def show_items(self, items: list[AttentionItem]) -> None:
        self.items = list(items)
        self.list.clear()
        for item in self.items:
            entry = QListWidgetItem(describe(item))
            entry.setData(ITEM_ROLE, item)
            entry.setToolTip(
                _tr("Field: {field}").format(field=item.field) if item.field
                else _tr("Open to choose values")
            )
            self.list.addItem(entry)
        n = len(self.items)
        from desktop_app.ui.plurals import plural

        self.summary.setText(
            _tr("Nothing needs you.") if not n else plural(
                "AttentionPanel", n,
                "%n application needs you. Open it to go to the field to change.",
                "%n applications need you. Open one to go to the field to change.",
            )
        )

    def open_row(self, row: int) -> None:
        self._activated(self.list.item(row))

    def _activated(self, entry: QListWidgetItem | None) -> None:
        if entry is None:
            return
        item: AttentionItem = entry.data(ITEM_ROLE)
        self.opened.emit(item.application_id, item.kind, item.field)


def open_attention(main_window: Any, app_id: str, kind: str, field: str) -> None:
    """Open what an entry names: the conflict dialog for a conflict, else the wizard at the
    field."""
    handler = getattr(main_window, "conflict_handler", None)
    if kind == "conflict" and handler is not None:
        handler(app_id)
        return
    window = main_window.open_wizard(app_id)
    if window is not None and field:
        window.focus_field(field)
