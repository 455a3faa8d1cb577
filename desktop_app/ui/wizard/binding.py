"""Field bindings: one input widget ↔ one model path (``co_applicants[0].email``).

A binding knows how to show a model value in its widget, how to read what was typed back as
the raw value ``domain.paths.set_value`` coerces, and where its error label is. Pages never
touch the model directly: they emit ``Binder.edited(path, value)`` and the wizard session
applies and autosaves it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.ui import formats

#: Kinds of value a binding converts: what is typed ↔ what the model holds.
TEXT, MONEY, DATE, INT, BOOL, CHOICE, MULTILINE = (
    "text", "money", "date", "int", "bool", "choice", "multiline"
)
_US_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


class ParseError(ValueError):
    """What was typed cannot be read as the field's kind; the message says what to type."""


def parse_date(text: str) -> str:
    """A date typed in the locale's short format (``03/15/1990`` in the US) or ISO
    (``1990-03-15``) → ISO string ('' when empty)."""
    if not text.strip():
        return ""
    example = formats.format_date(date(1990, 3, 15))
    parsed = formats.parse_locale_date(text)
    if parsed is not None:
        return parsed.isoformat()
    m = _US_DATE.match(text) if formats.date_format().startswith("MM/dd/") else None
    if m:
        month, day, year = (int(g) for g in m.groups())
    else:
        m = _ISO_DATE.match(text)
        if not m:
            raise ParseError(
                QCoreApplication.translate("Binding", "Use a date like {example} ({pattern})").format(
                    example=example, pattern=formats.date_placeholder()
                )
            )
        year, month, day = (int(g) for g in m.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        raise ParseError(
            QCoreApplication.translate("Binding", "No such date; use {pattern}, e.g. {example}").format(
                example=example, pattern=formats.date_placeholder()
            )
        ) from None


def format_date(value: date | None) -> str:
    return formats.format_date(value)


def parse_money(text: str) -> str:
    cleaned = text.strip().replace("$", "").replace(",", "").strip()
    if not cleaned:
        return ""
    try:
        Decimal(cleaned)
    except ArithmeticError:
        raise ParseError(QCoreApplication.translate(
            "Binding", "Enter an amount in dollars, like 2500 or 2500.00")) from None
    if not re.fullmatch(r"-?\d*(\.\d*)?", cleaned):
        raise ParseError(QCoreApplication.translate(
            "Binding", "Enter an amount in dollars, like 2500 or 2500.00"))
    return cleaned


def format_money(value: Decimal | None) -> str:
    return "" if value is None else str(value)


def look_read_only(widget: QWidget, read_only: bool) -> None:
    """A read-only text field looks like the platform's read-only fields: the window colour
    behind the text instead of the white (or dark) of an editable box, and out of the Tab
    order; a click still selects, so the text can be copied."""
    if read_only:
        palette = widget.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Base, palette.color(group, QPalette.ColorRole.Window))
        widget.setPalette(palette)
        widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        # No "e.g. 10001" in an empty field nobody can type in.
        widget.setProperty("editable_placeholder", widget.placeholderText())  # type: ignore[attr-defined]
        widget.setPlaceholderText("")  # type: ignore[attr-defined]
    else:
        widget.setPalette(QPalette())
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        placeholder = widget.property("editable_placeholder")
        if isinstance(placeholder, str):
            widget.setPlaceholderText(placeholder)  # type: ignore[attr-defined]


@dataclass
class Binding:
    path: str
    kind: str
    widget: QWidget
    error_label: QLabel | None = None
    #: The accessible description the widget has without an error (its hint).
    hint: str = ""
    touched: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    # -- widget → raw value ---------------------------------------------------------------
    def read(self) -> Any:
        w = self.widget
        if self.kind == BOOL:
            return w.isChecked()  # type: ignore[attr-defined]
        if self.kind == INT:
            return None if w.value() == w.minimum() else w.value()  # type: ignore[attr-defined]
        if self.kind == CHOICE:
            if w.isEditable():  # type: ignore[attr-defined]
                # A typed text that names an item (completion may change its case) stores
                # the item's value; anything else is stored as typed.
                text = w.currentText()  # type: ignore[attr-defined]
                index = w.findText(text, Qt.MatchFlag.MatchFixedString)  # type: ignore[attr-defined]
                data = w.itemData(index) if index >= 0 else None  # type: ignore[attr-defined]
                return data if isinstance(data, str) else text
            return w.currentData()  # type: ignore[attr-defined]
        if self.kind == MULTILINE:
            return w.toPlainText()  # type: ignore[attr-defined]
        text = w.text()  # type: ignore[attr-defined]
        if self.kind == MONEY:
            return parse_money(text)
        if self.kind == DATE:
            return parse_date(text)
        return text

    # -- model value → widget ---------------------------------------------------------------
    def show(self, value: Any) -> None:
        w = self.widget
        if self.kind == BOOL:
            w.setChecked(bool(value))  # type: ignore[attr-defined]
        elif self.kind == INT:
            w.setValue(w.minimum() if value is None else int(value))  # type: ignore[attr-defined]
        elif self.kind == CHOICE:
            text = "" if value is None else str(value)
            if w.isEditable():  # type: ignore[attr-defined]
                index = w.findData(text)  # type: ignore[attr-defined]
                shown = w.itemText(index) if text and index >= 0 else text  # type: ignore[attr-defined]
                if w.currentText() != shown:  # type: ignore[attr-defined]
                    w.setCurrentText(shown)  # type: ignore[attr-defined]
            else:
                index = w.findData(text)  # type: ignore[attr-defined]
                w.setCurrentIndex(max(index, 0))  # type: ignore[attr-defined]
        elif self.kind == MULTILINE:
            if w.toPlainText() != (value or ""):  # type: ignore[attr-defined]
                w.setPlainText(value or "")  # type: ignore[attr-defined]
        elif self.kind == MONEY:
            self._set_text(format_money(value))
        elif self.kind == DATE:
            self._set_text(format_date(value))
        else:
            self._set_text("" if value is None else str(value))

    def _set_text(self, text: str) -> None:
        if self.widget.text() != text:  # type: ignore[attr-defined]
            self.widget.setText(text)  # type: ignore[attr-defined]

    def set_error(self, message: str | None) -> None:
        if self.extra.get("error", "") == (message or ""):
            return  # unchanged: skip relayout on every keystroke
        self.extra["error"] = message or ""
        if self.error_label is not None:
            self.error_label.setText(message or "")
            self.error_label.setVisible(bool(message))
        self.widget.setAccessibleDescription(message or self.hint)

    def set_read_only(self, read_only: bool) -> None:
        w = self.widget
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            if w.isReadOnly() == read_only:
                return
            w.setReadOnly(read_only)  # no caret; text still selectable and copyable
            look_read_only(w, read_only)
        elif isinstance(w, QSpinBox):
            w.setReadOnly(read_only)
            w.setEnabled(not read_only)
        else:
            w.setEnabled(not read_only)


class Binder(QObject):
    """The bindings of one page; emits ``edited`` for every change the agent makes."""

    #: path, raw value (a string/bool/int as typed), or a ParseError instance when unreadable.
    edited = Signal(str, object)
    #: The agent left a field (even an empty one): its error may show now.
    left = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bindings: dict[str, Binding] = {}
        self._by_widget: dict[QWidget, Binding] = {}
        self._loading = 0
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def bind(
        self, widget: QWidget, path: str, kind: str = TEXT, error_label: QLabel | None = None
    ) -> Binding:
        binding = Binding(path, kind, widget, error_label, hint=widget.accessibleDescription())
        self.bindings[path] = binding

        def notify(*_: object) -> None:
            self._changed(binding)

        if isinstance(widget, QCheckBox):
            widget.toggled.connect(notify)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(notify)
        elif isinstance(widget, QComboBox):
            if widget.isEditable():
                widget.editTextChanged.connect(notify)
            else:
                widget.currentIndexChanged.connect(notify)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(notify)
        elif isinstance(widget, QLineEdit):
            # textChanged, not textEdited: setText (Unicode in tests, paste helpers) counts too.
            widget.textChanged.connect(notify)
        self._by_widget[widget] = binding
        return binding

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Focus moved from a bound field to another widget of the same window (not a window
        switch or teardown): the field was left. (Not editingFinished: Qt 6 emits that only
        after a change, so an empty required field would never show its error.)"""
        if old is None or new is None or not isValid(self):
            return
        binding = self._by_widget.get(old)
        if binding is None and old.parentWidget() is not None:
            binding = self._by_widget.get(old.parentWidget())  # an editable combo's line edit
        if binding is not None and new.window() is old.window():
            self._left(binding)

    def _left(self, binding: Binding) -> None:
        if not binding.touched and binding.widget.isEnabled():
            binding.touched = True
            self.left.emit(binding.path)

    def unbind_prefix(self, prefix: str) -> None:
        """Forget the bindings under a list (``co_applicants[``) before its rows are rebuilt."""
        for path in [p for p in self.bindings if p.startswith(prefix)]:
            self._by_widget.pop(self.bindings.pop(path).widget, None)

    def _changed(self, binding: Binding) -> None:
        if self._loading:
            return
        binding.touched = True
        try:
            value: Any = binding.read()
        except ParseError as exc:
            # A fresh error without a traceback: a caught one would keep every frame of the
            # typing (and so the window) alive in a reference cycle.
            value = ParseError(str(exc))
        self.edited.emit(binding.path, value)

    def load(self, getter: Callable[[str], Any]) -> None:
        """Show the model's values in every bound widget (no ``edited`` signals)."""
        self._loading += 1
        try:
            for path, binding in self.bindings.items():
                try:
                    value = getter(path)
                except (LookupError, ValueError):
                    continue
                binding.show(value)
                if value not in (None, "", False) and binding.kind not in (BOOL, INT, CHOICE):
                    binding.touched = True
        finally:
            self._loading -= 1

    def show_errors(self, errors: dict[str, str], reveal_all: bool) -> None:
        for path, binding in self.bindings.items():
            message = errors.get(path)
            binding.set_error(message if (binding.touched or reveal_all) else None)

    def set_read_only(self, read_only: bool) -> None:
        for binding in self.bindings.values():
            binding.set_read_only(read_only)
