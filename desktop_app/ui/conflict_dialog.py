"""Choosing, field by field, between this computer's value and the other machine's, when both
changed the same field of an application since the last sync (docs/architecture.md, "Sync rules": keep both, show the
difference per field, let the agent choose). Nothing is applied until the agent presses Apply;
``choices()`` is then ``{field path: "local" | "remote" | "merged"}`` and ``merged()`` the
values the agent typed, for ``SyncService.resolve``. The base (the value both computers last
agreed on) is shown beside the two sides."""

from __future__ import annotations

import json
import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.sync.deletion import DELETED_HERE, WHOLE_APPLICATION
from desktop_app.ui.language import translate_known

LOCAL, REMOTE, MERGED = "local", "remote", "merged"
_LISTS = {
    "co_applicants": QT_TRANSLATE_NOOP("ConflictDialog", "Co-applicant"),
    "guarantors": QT_TRANSLATE_NOOP("ConflictDialog", "Guarantor"),
    "documents": QT_TRANSLATE_NOOP("ConflictDialog", "Document"),
    "signatures": QT_TRANSLATE_NOOP("ConflictDialog", "Signature"),
    "application_info": QT_TRANSLATE_NOOP("ConflictDialog", "Application"),
    "primary_applicant": QT_TRANSLATE_NOOP("ConflictDialog", "Primary applicant"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConflictDialog", text)
_MASKED = ("ssn", "date_of_birth", "bank_accounts")



def field_label(path: str) -> str:
    """``co_applicants.@01J….first_name`` -> "Co-applicant › First name"."""
    if path == WHOLE_APPLICATION:
        return QCoreApplication.translate("ConflictDialog", "The whole application (deleted on the other computer)")
    if path == DELETED_HERE:
        return QCoreApplication.translate("ConflictDialog", "The whole application (deleted here, changed on the other computer)")
    parts = []
    for part in path.split("."):
        if part.startswith("@"):
            continue
        name = re.sub(r"\[\d+\]$", "", part)
        listed = _LISTS.get(name)
        parts.append(_tr(listed) if listed else translate_known(
            name.replace("_", " ").capitalize()))
    return " › ".join(parts)


def show_value(path: str, value: Any) -> str:
    """A short, safe rendering: empty shown as such, SSNs and other sensitive fields masked."""
    if path == WHOLE_APPLICATION:
        return QCoreApplication.translate("ConflictDialog", "(deleted)") if value is None else QCoreApplication.translate("ConflictDialog", "Kept and changed here")
    if path == DELETED_HERE:
        return QCoreApplication.translate("ConflictDialog", "(deleted)") if value is None else QCoreApplication.translate("ConflictDialog", "Kept and changed there")
    if value is None or value == "" or value == []:
        return QCoreApplication.translate("ConflictDialog", "(removed)") if "@" in path.split(".")[-1] else QCoreApplication.translate("ConflictDialog", "(empty)")
    if isinstance(value, dict):  # a whole person or document
        name = " ".join(str(value.get(k, "")) for k in ("first_name", "last_name")).strip()
        return name or value.get("file_name") or QCoreApplication.translate("ConflictDialog", "(present)")
    last = path.split(".")[-1]
    if last in _MASKED:
        text = str(value)
        return "•••" + text[-4:] if last == "ssn" and len(text) >= 4 else _tr("(hidden)")
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)[:200]
    return str(value)


class ConflictDialog(QDialog):
    def __init__(self, conflicts: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changed on two computers"))
        self._conflicts = list(conflicts)
        self._groups: list[QButtonGroup] = []
        #: Per row: the field for a typed value (None where one cannot be typed: a whole
        #: person, document or application).
        self.typed: list[QLineEdit | None] = []

        intro = QLabel(
            self.tr("These fields were changed on this computer and on another one since the last "
            "sync. Choose which value to keep for each, or type the value to keep; nothing is "
            "sent until you press Apply."),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self._conflicts), 5, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("This computer"), self.tr("Other computer"), self.tr("Before (both had)"), self.tr("Keep")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for row, c in enumerate(self._conflicts):
            self.table.setItem(row, 0, QTableWidgetItem(field_label(c.path)))
            self.table.setItem(row, 1, QTableWidgetItem(show_value(c.path, c.local)))
            self.table.setItem(row, 2, QTableWidgetItem(show_value(c.path, c.remote)))
            self.table.setItem(row, 3, QTableWidgetItem(show_value(c.path, c.base)))
            cell = QWidget(self.table)
            box = QHBoxLayout(cell)
            box.setContentsMargins(4, 0, 4, 0)
            mine = QRadioButton(self.tr("Mine"), cell)
            theirs = QRadioButton(self.tr("Theirs"), cell)
            mine.setAccessibleName(self.tr("Keep this computer's {field_label}").format(field_label=field_label(c.path)))
            theirs.setAccessibleName(self.tr("Keep the other computer's {field_label}").format(field_label=field_label(c.path)))
            group = QButtonGroup(cell)
            group.addButton(mine, 0)
            group.addButton(theirs, 1)
            group.buttonToggled.connect(self._update_buttons)
            box.addWidget(mine)
            box.addWidget(theirs)
            typed: QLineEdit | None = None
            if can_type(c):
                other = QRadioButton(self.tr("Typed:"), cell)
                other.setAccessibleName(self.tr("Keep a typed {field_label}").format(field_label=field_label(c.path)))
                group.addButton(other, 2)
                typed = QLineEdit(cell)
                typed.setObjectName(f"merged_{row}")
                typed.setPlaceholderText(self.tr("type the value to keep"))
                typed.setAccessibleName(self.tr("Typed {field_label}").format(field_label=field_label(c.path)))
                typed.textEdited.connect(lambda _t, b=other: b.setChecked(True))
                typed.textChanged.connect(self._update_buttons)
                box.addWidget(other)
                box.addWidget(typed, 1)
            self.typed.append(typed)
            self.table.setCellWidget(row, 4, cell)
            self._groups.append(group)

        all_mine = QPushButton(self.tr("Keep all mine"), self)
        all_theirs = QPushButton(self.tr("Take all theirs"), self)
        all_mine.clicked.connect(lambda: self.choose_all(LOCAL))
        all_theirs.clicked.connect(lambda: self.choose_all(REMOTE))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel,
            Qt.Orientation.Horizontal,
            self,
        )
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        quick = QHBoxLayout()
        quick.addWidget(all_mine)
        quick.addWidget(all_theirs)
        quick.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addLayout(quick)
        layout.addWidget(self.buttons)
        self.resize(960, 380)
        self._update_buttons()

    def choose(self, row: int, side: str) -> None:
        self._groups[row].button(0 if side == LOCAL else 1).setChecked(True)

    def choose_all(self, side: str) -> None:
        for row in range(len(self._groups)):
            self.choose(row, side)

    def _update_buttons(self, *_: object) -> None:
        # Apply only once every field has a choice: no silent default either way.
        # A typed choice needs something typed.
        self.apply_button.setEnabled(all(
            g.checkedId() in (0, 1) or (g.checkedId() == 2 and t is not None and t.text().strip())
            for g, t in zip(self._groups, self.typed, strict=True)
        ))

    def type_value(self, row: int, text: str) -> None:
        """Type ``text`` as the value to keep for ``row`` (tests, keyboard users)."""
        typed = self.typed[row]
        assert typed is not None, "this row takes no typed value"
        typed.setText(text)
        self._groups[row].button(2).setChecked(True)

    def choices(self) -> dict[str, str]:
        out = {}
        for c, group in zip(self._conflicts, self._groups, strict=True):
            if group.checkedId() != -1:
                out[c.path] = (LOCAL, REMOTE, MERGED)[group.checkedId()]
        return out

    def merged(self) -> dict[str, str]:
        """Field path -> the value typed, for the rows whose choice is the typed value."""
        out = {}
        for c, group, typed in zip(self._conflicts, self._groups, self.typed, strict=True):
            if group.checkedId() == 2 and typed is not None:
                out[c.path] = typed.text().strip()
        return out


def can_type(conflict: Any) -> bool:
    """A value can be typed for one field (not a whole person, document or application)."""
    if conflict.path in (WHOLE_APPLICATION, DELETED_HERE):
        return False
    if "@" in conflict.path.split(".")[-1]:
        return False
    return not any(isinstance(v, (dict, list)) for v in (conflict.local, conflict.remote))
