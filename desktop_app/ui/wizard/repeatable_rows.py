"""Repeatable rows (occupants, other incomes, bank accounts, co-applicants, guarantors): one
group per list item with a Remove button, and an Add button. Adding or removing changes the
model's list through the session (a whole-application save) and the rows are rebuilt from it,
so indexed paths (``other_income[1].monthly_amount``) always match the model. The edit names
the row it removes (``edits.Row``), not its position, so it can be replayed on a newer copy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop_app.domain.paths import get_value
from desktop_app.ui.wizard.binding import Binder
from desktop_app.ui.wizard.edits import AddRow, RemoveRow, Row, anchor
from desktop_app.ui.wizard.form import Form, place
from desktop_app.ui.wizard.session import WizardSession

#: Builds one row's fields into ``form`` (its prefix is ``<list path>[i]``).
RowBuilder = Callable[[Form, int], None]


class RepeatableRows(QWidget):
    def __init__(
        self,
        session: WizardSession,
        binder: Binder,
        list_path: str,
        noun: str,
        build_row: RowBuilder,
        new_item: Callable[[], Any],
        *,
        add_label: str | None = None,
        title: Callable[[int], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.binder = binder
        self.list_path = list_path
        self.noun = noun
        self._build_row = build_row
        self._new_item = new_item
        self._title = title or (lambda i: self.tr("{noun} {number}").format(noun=noun, number=i + 1))
        self._focus_row: int | None = None
        self.groups: list[QGroupBox] = []
        self.remove_buttons: list[QPushButton] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows = QVBoxLayout()
        layout.addLayout(self._rows)
        bar = QHBoxLayout()
        self.add_button = QPushButton(
            add_label or self.tr("Add {noun}").format(noun=noun.lower()))
        self.add_button.setAccessibleName(self.add_button.text().replace("&", ""))
        self.add_button.clicked.connect(self.add)
        bar.addWidget(self.add_button)
        bar.addStretch(1)
        layout.addLayout(bar)

    def items(self) -> list[Any]:
        return get_value(self.session.app, self.list_path)

    def add(self) -> None:
        index = len(self.items())
        self._focus_row = index
        label = place(self, f"{self._title(index)} (added)")
        self.session.restructure(AddRow(anchor(self.session.app, self.list_path), self._new_item(), label))

    def remove(self, index: int) -> None:
        self._focus_row = None
        label = place(self, f"{self._title(index)} (removed)")
        where = anchor(self.session.app, self.list_path)
        self.session.restructure(RemoveRow(where, Row.of(self.items(), index), label))

    def render(self) -> None:
        """Rebuild one group per item (the page loads values into them afterwards)."""
        self.binder.unbind_prefix(self.list_path + "[")
        for group in self.groups:
            group.setParent(None)
            group.deleteLater()
        self.groups, self.remove_buttons = [], []
        for i in range(len(self.items())):
            group = QGroupBox(self._title(i))
            group.setAccessibleName(self._title(i))
            box = QVBoxLayout(group)
            form = Form(self.binder, f"{self.list_path}[{i}]")
            self._build_row(form, i)
            box.addWidget(form.widget)
            remove = QPushButton(self.tr("Remove {lower}").format(lower=self._title(i).lower()))
            remove.setAccessibleName(remove.text())
            remove.clicked.connect(lambda _=False, i=i: self.remove(i))
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(remove)
            box.addLayout(row)
            self._rows.addWidget(group)
            group.show()  # at once, not on the layout's queued show (Tab order, tests)
            self.groups.append(group)
            self.remove_buttons.append(remove)
        if self._focus_row is not None and self._focus_row < len(self.groups):
            prefix = f"{self.list_path}[{self._focus_row}]."
            first = next((b.widget for p, b in self.binder.bindings.items() if p.startswith(prefix)), None)
            if first is not None:
                first.setFocus()
        self._focus_row = None

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setVisible(not read_only)
        for button in self.remove_buttons:
            button.setVisible(not read_only)
