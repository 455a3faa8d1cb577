"""The list's cell texts made from an application's summary: its rent, when it was last
edited (local time, the locale's short format) and its building and unit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:  # decimal and datetime load when the first row is painted, not at start-up
    from decimal import Decimal


def rent_key(row: Any) -> Decimal:
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(row.monthly_rent) if row.monthly_rent else Decimal(-1)
    except InvalidOperation:
        return Decimal(-1)


def format_rent(text: str) -> str:
    from decimal import Decimal, InvalidOperation

    if not text:
        return ""
    try:
        return f"${Decimal(text):,.2f}"
    except InvalidOperation:
        return text


def format_edited(iso: str) -> str:
    """An ISO-8601 UTC timestamp as local time in the locale's short format (ui/formats.py)."""
    from datetime import datetime

    from desktop_app.ui.formats import format_datetime

    try:
        return format_datetime(datetime.fromisoformat(iso))
    except ValueError:
        return iso


def building_and_unit(row: Any) -> str:
    unit = QCoreApplication.translate("ApplicationsModel", "Unit {unit}").format(unit=row.unit)
    unit = unit if row.unit else ""
    return ", ".join(p for p in (row.building_address, unit) if p)
