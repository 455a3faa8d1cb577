"""Counted words in the UI ("1 application", "3 applications"): both forms are whole source
texts in the Qt catalog, so a translation can word each of them; ``%n`` is the count in the
current locale's digits. English and Spanish both use ``n != 1`` (docs/i18n.md)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def plural(context: str, n: int, one: str, other: str) -> str:
    """``one`` or ``other`` (each with ``%n``) translated in ``context``, with ``n`` in it."""
    text = QCoreApplication.translate(context, one if n == 1 else other)
    return text.replace("%n", format_count(n))


def format_count(n: int) -> str:
    """``n`` with the locale's digit grouping (``12,345``; en_US under the C locale)."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        locale = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return locale.toString(n)
