"""Short fields with a shape: the state as a list with NY first, the ZIP limited to its digits as typed,
and US phone numbers formatted as they are typed (``2125550100`` → ``(212) 555-0100``, what the
model stores and ``domain.fields.phone_error`` reads)."""

from __future__ import annotations

import phonenumbers
from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop_app.domain.fields import US_STATES

#: The state list: New York first (the app's market), then the rest alphabetically.
STATE_CHOICES: list[tuple[str, str]] = [("NY", "NY")] + [
    (code, code) for code in sorted(US_STATES - {"NY"})
]


class ZipEdit(QLineEdit):
    """A ZIP code: only five digits and an optional ``-`` with four more can be typed (a
    validator rather than a literal mask, so an empty or five-digit ZIP shows no stray ``-``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,5}(-\d{0,4})?"), self))
        self.setMaxLength(10)
        self.setPlaceholderText("10001")


def format_us_phone(text: str) -> str:
    """Digits typed so far, formatted the US way; anything else (an extension, a + number,
    letters) is left as typed."""
    digits = "".join(c for c in text if c.isdigit())
    if not digits or any(c not in "0123456789()- .+" for c in text) or text.strip().startswith("+"):
        return text
    if len(digits) > 11 or (len(digits) == 11 and not digits.startswith("1")):
        return text
    formatter = phonenumbers.AsYouTypeFormatter("US")
    out = ""
    for d in digits:
        out = formatter.input_digit(d)
    return out


def format_as_typed(edit: QLineEdit) -> None:
    """Reformat ``edit`` as a US phone number after each keystroke that ends the text (an edit
    in the middle keeps what is typed, so the cursor never jumps)."""

    def reformat(text: str) -> None:
        if edit.cursorPosition() != len(text):
            return
        formatted = format_us_phone(text)
        if formatted != text:
            edit.setText(formatted)
            edit.setCursorPosition(len(formatted))

    edit.textEdited.connect(reformat)
