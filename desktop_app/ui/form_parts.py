"""Small pieces the settings sections share: a row of action buttons, and the selectable line
that says how an action went."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


def button_row(parent: QWidget, *buttons: tuple[str, Callable[[], object]]) -> tuple[QHBoxLayout, list[QPushButton]]:
    """A left-aligned row of buttons, each ``(text, slot)``; the layout and the buttons."""
    row = QHBoxLayout()
    made = []
    for text, slot in buttons:
        button = QPushButton(text, parent)
        button.clicked.connect(lambda _checked=False, s=slot: s())
        row.addWidget(button)
        made.append(button)
    row.addStretch(1)
    return row, made


def result_label(parent: QWidget, accessible_name: str) -> QLabel:
    """A wrapped line, selectable with the mouse (to copy an error), for an action's result."""
    label = QLabel("", parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(accessible_name)
    return label
