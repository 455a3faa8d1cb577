"""Building blocks for the wizard's forms: a labelled field with its error label under it,
bound to a model path; section headings; a tab order that follows what the eye sees."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import join
from desktop_app.ui.error_style import ERROR_STYLE, error_style  # noqa: F401 (re-exported)
from desktop_app.ui.formats import date_placeholder
from desktop_app.wizard import BY_ID
from desktop_app.ui.wizard.binding import (
    BOOL,
    CHOICE,
    DATE,
    INT,
    MONEY,
    MULTILINE,
    TEXT,
    Binder,
    Binding,
)

def plain(label: str) -> str:
    """A label without its mnemonic ampersand, for accessible names."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&")


def place(widget: QWidget, *last: str) -> str:
    """Where a widget sits, for the agent: its step's title, the titles of the boxes around it
    (``Co-applicants › Co-applicant 2 › Phone``). Titles and labels only, never a value."""
    parts = list(reversed(last))
    w: QWidget | None = widget
    while w is not None:
        step = getattr(w, "step_id", None)
        if step is not None:
            parts.append(BY_ID[step].title)
            break
        if isinstance(w, QGroupBox) and w.title():
            parts.append(plain(w.title()))
        w = w.parentWidget()
    return " › ".join(reversed(parts))


def error_label(for_label: str) -> QLabel:
    label = QLabel()
    label.setStyleSheet(error_style())
    label.setWordWrap(True)
    label.setAccessibleName(QCoreApplication.translate("Form", "{plain} error").format(plain=plain(for_label)))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class Form:
    """A QFormLayout whose rows are bound fields under ``prefix``."""

    def __init__(self, binder: Binder, prefix: str = "", parent: QWidget | None = None) -> None:
        self.binder = binder
        self.prefix = prefix
        self.widget = QWidget(parent)
        self.layout = QFormLayout(self.widget)
        self.layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.layout.setContentsMargins(0, 0, 0, 0)

    def path(self, name: str) -> str:
        return join(self.prefix, name) if self.prefix else name

    def _row(
        self, label: str, widget: QWidget, name: str, kind: str, hint: str = "",
        trailing: QWidget | None = None,
    ) -> Binding:
        widget.setAccessibleName(plain(label))
        if hint:
            widget.setAccessibleDescription(hint)
            widget.setToolTip(hint)
        err = error_label(label)
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        if trailing is None:
            box.addWidget(widget)
        else:
            line = QHBoxLayout()
            line.addWidget(widget, 1)
            line.addWidget(trailing)
            box.addLayout(line)
        box.addWidget(err)
        if kind == BOOL:
            self.layout.addRow(cell)
        else:
            caption = QLabel(label)
            caption.setBuddy(widget)
            self.layout.addRow(caption, cell)
        return self.binder.bind(widget, self.path(name), kind, err)

    def line(
        self, label: str, name: str, kind: str = TEXT, placeholder: str = "", hint: str = "",
        trailing: QWidget | None = None,
    ) -> QLineEdit:
        edit = QLineEdit()
        if kind == DATE:
            placeholder = placeholder or date_placeholder()
        if kind == MONEY:
            placeholder = placeholder or "$0.00"
        edit.setPlaceholderText(placeholder)
        self._row(label, edit, name, kind, hint, trailing)
        return edit

    def combo(
        self, label: str, name: str, choices: Iterable[tuple[str, str]], *, editable: bool = False, hint: str = ""
    ) -> QComboBox:
        box = QComboBox()
        box.setEditable(editable)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for text, value in choices:  # marked QT_TRANSLATE_NOOP("Choices", ...) where listed
            box.addItem(QCoreApplication.translate("Choices", text), value)
        if editable:
            box.setCurrentText("")
            box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            if box.lineEdit() is not None:
                box.lineEdit().setAccessibleName(plain(label))
        self._row(label, box, name, CHOICE, hint)
        return box

    def check(self, label: str, name: str, hint: str = "") -> QCheckBox:
        box = QCheckBox(label)
        self._row(label, box, name, BOOL, hint)
        return box

    def spin(self, label: str, name: str, maximum: int, suffix: str = "", hint: str = "") -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, maximum)
        spin.setSpecialValueText(" ")  # 0 shows empty: not set
        spin.setSuffix(suffix)
        self._row(label, spin, name, INT, hint)
        return spin

    def text(self, label: str, name: str, hint: str = "") -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        line = edit.fontMetrics().lineSpacing()
        edit.setMinimumHeight(line * 4)
        edit.setMaximumHeight(line * 7)
        self._row(label, edit, name, MULTILINE, hint)
        return edit

    def short_row(self, label: str, parts: list[tuple[str, QWidget, str, str]]) -> list[Binding]:
        """Short fields side by side on one row (``City [    ] State [NY] ZIP [     ]``): the
        first part's label is the row's caption, the others label their field inline; each
        field keeps its own error label, under the row. ``parts``: (label, widget, name, kind)."""
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        line = QHBoxLayout()
        box.addLayout(line)
        bindings = []
        caption = QLabel(label)
        for i, (text, widget, name, kind) in enumerate(parts):
            widget.setAccessibleName(plain(text))
            if i == 0:
                caption.setBuddy(widget)
                line.addWidget(widget, 3)
            else:
                inline = QLabel(text)
                inline.setBuddy(widget)
                line.addSpacing(self.widget.fontMetrics().horizontalAdvance("M"))
                line.addWidget(inline)
                line.addWidget(widget, 1)
            err = error_label(text)
            box.addWidget(err)
            bindings.append(self.binder.bind(widget, self.path(name), kind, err))
        self.layout.addRow(caption, cell)
        return bindings

    def add(self, widget: QWidget) -> None:
        self.layout.addRow(widget)


def focus_chain(root: QWidget) -> list[QWidget]:
    """Focusable widgets under ``root`` in layout (visual) order."""
    out: list[QWidget] = []

    def visit_layout(layout: QLayout) -> None:
        if isinstance(layout, QFormLayout):
            items = []
            for row in range(layout.rowCount()):
                for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
                             QFormLayout.ItemRole.SpanningRole):
                    item = layout.itemAt(row, role)
                    if item is not None:
                        items.append(item)
        else:
            items = [layout.itemAt(i) for i in range(layout.count())]
        for item in items:
            if item.widget() is not None:
                visit(item.widget())
            elif item.layout() is not None:
                visit_layout(item.layout())

    def visit(w: QWidget) -> None:
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus and not isinstance(w, QLabel):
            out.append(w)
            return  # composite inputs (combo, spin box) manage their own children
        if w.layout() is not None:
            visit_layout(w.layout())
        elif hasattr(w, "widget") and callable(w.widget) and isinstance(w.widget(), QWidget):
            visit(w.widget())  # a scroll area's content

    visit(root)
    return out


def fix_tab_order(root: QWidget) -> None:
    """Make Tab follow the visual order, also after rows were added at run time."""
    chain = focus_chain(root)
    for a, b in itertools.pairwise(chain):
        QWidget.setTabOrder(a, b)
