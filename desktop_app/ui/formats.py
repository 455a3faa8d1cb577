"""How dates, times and amounts read everywhere in the app: the system locale's short date
format (always with a four-digit year), local time (never UTC ISO) and US dollars.

``format_date(d)`` → ``03/15/1990`` under en_US (and the C/POSIX locale, which falls back to
en_US); ``format_datetime(dt)`` → ``03/15/1990 2:05 PM``
in the computer's time zone (a naive ``dt`` is taken as UTC, as the store keeps it);
``format_money(Decimal("2500"))`` → ``$2,500.00``. ``date_format()`` is the pattern the wizard's
date fields show and read."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone


def _locale(locale: QLocale | None) -> QLocale:
    loc = locale or QLocale()
    if loc.language() == QLocale.Language.C:
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return loc


def date_format(locale: QLocale | None = None) -> str:
    """The locale's short date pattern with a four-digit year and two-digit day and month, so
    dates line up in columns (``MM/dd/yyyy`` for en_US, ``dd.MM.yyyy`` for de_DE)."""
    pattern = _locale(locale).dateFormat(QLocale.FormatType.ShortFormat)
    pattern = re.sub(r"y+", "yyyy", pattern)
    pattern = re.sub(r"(?<!M)M(?!M)", "MM", pattern)
    return re.sub(r"(?<!d)d(?!d)", "dd", pattern)


def date_placeholder(locale: QLocale | None = None) -> str:
    """What a date field shows while empty (``MM/DD/YYYY``)."""
    return date_format(locale).upper()


def format_date(value: date | None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    qdate = QDate(value.year, value.month, value.day)
    return _locale(locale).toString(qdate, date_format(locale))


def parse_locale_date(text: str, locale: QLocale | None = None) -> date | None:
    """A date typed in the locale's short format, or None when it does not read as one."""
    loc, pattern = _locale(locale), date_format(locale)
    for form in (pattern, pattern.replace("MM", "M").replace("dd", "d")):  # 3/5/1990 reads too
        qdate = loc.toDate(text.strip(), form)
        if qdate.isValid():
            return date(qdate.year(), qdate.month(), qdate.day())
    return None


def format_datetime(value: datetime | None, locale: QLocale | None = None) -> str:
    if value is None:
        return ""
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    local = aware.astimezone()
    loc = _locale(locale)
    stamp = QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
        QTimeZone.systemTimeZone(),
    )
    time_part = loc.toString(stamp.time(), QLocale.FormatType.ShortFormat)
    return f"{format_date(local.date(), locale)} {time_part}"


def format_iso(value: object) -> str:
    """A stored ISO-8601 time (``…Z`` or ``+00:00``) as :func:`format_datetime` shows it; a
    value that is not a time is shown as it is, and a missing one as ``""``."""
    if value is None or value == "":
        return ""
    try:
        return format_datetime(datetime.fromisoformat(str(value).replace("Z", "+00:00")))
    except ValueError:
        return str(value)


def format_money(value: Decimal | int | float | None) -> str:
    if value is None:
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"
