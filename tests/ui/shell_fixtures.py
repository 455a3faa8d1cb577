"""Fixtures for the main-window, settings and launch tests: a real SQLite store in tmp_path,
the UI context on it, QSettings redirected to tmp, and synthetic applications.

Import the fixtures a test module uses: ``from tests.ui.shell_fixtures import ctx, ...``."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop_app.domain.models import Application, ApplicationInfo, Person, Status
from desktop_app.storage.store import open_store
from desktop_app.ui.context import AppContext


@pytest.fixture(autouse=False)
def qsettings_dir(tmp_path: Path) -> Iterator[Path]:
    """Point user-scope INI QSettings at a temp dir (the window's geometry lands there)."""
    path = tmp_path / "qsettings"
    path.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(path))
    yield path


@pytest.fixture
def ctx(tmp_path: Path, qapp, qsettings_dir: Path) -> Iterator[AppContext]:
    store = open_store(tmp_path / "data" / "leasedesk.sqlite3")
    context = AppContext.open(tmp_path / "data", store)
    yield context
    context.close()


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
