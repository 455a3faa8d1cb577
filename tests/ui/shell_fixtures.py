"""Helpers for the main-window, settings and launch tests: synthetic applications, writing them
through the UI context, and real keyboard focus. The fixtures (``ctx``, ``qsettings_dir``) live
in ``tests/ui/conftest.py``."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.domain.models import Application, ApplicationInfo, Person, Status
from desktop_app.ui.context import AppContext


def make_application(
    first: str,
    last: str,
    building: str = "100 Example Street, Brooklyn, NY 11201",
    unit: str = "4B",
    rent: str | None = "2500",
    status: Status = Status.DRAFT,
) -> Application:
    """A synthetic application (never real people)."""
    return Application(
        status=status,
        application_info=ApplicationInfo(
            building_address=building,
            unit=unit,
            monthly_rent=None if rent is None else Decimal(rent),
        ),
        primary_applicant=Person(first_name=first, last_name=last, email=f"{first}@example.com"),
    )


def add_applications(context: AppContext, *apps: Application) -> list[str]:
    """Write applications straight through the autosave service (tests run this on the GUI
    thread before any window exists, so no worker is involved)."""
    return [context.autosave.create_draft(app).id for app in apps]


def focus(qtbot, widget) -> None:
    """Give ``widget`` the keyboard focus for real: its window active first (shortcuts bound to
    a widget fire only when it is the application's focus widget)."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
