"""What the main window says: times in local time and the locale's short format (the list,
the details pane, the status bar), counted words in proper singular and plural, and the About
box with the version, the folders, the licence and the documentation."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app import __version__
from desktop_app.logs import log_dir
from desktop_app.services.records import AttentionItem
from desktop_app.sync.status import SyncStatus
from desktop_app.ui.applications_model import Column
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_menus import about
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.sync_status import status_line
from tests.ui.shell_fixtures import add_applications, make_application

NEW_YORK = "America/New_York"
SHORT = re.compile(r"^\d\d/\d\d/\d{4} \d{1,2}:\d\d\s?[AP]M$")


@pytest.fixture
def new_york(monkeypatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", NEW_YORK)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _open(qtbot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    return window


def _local(iso_or_dt) -> str:
    moment = datetime.fromisoformat(iso_or_dt) if isinstance(iso_or_dt, str) else iso_or_dt
    local = moment.astimezone(ZoneInfo(NEW_YORK))
    return local.strftime("%m/%d/%Y ") + local.strftime("%I:%M").lstrip("0")


def test_the_list_and_the_details_show_local_time_in_the_short_format(
    qtbot, ctx, new_york
) -> None:
    (app_id,) = add_applications(ctx, make_application("Avery", "Quill"))
    stored = ctx.autosave.load(app_id).updated_at
    window = _open(qtbot, ctx)
    edited = window.model.index(0, Column.EDITED).data()
    assert SHORT.match(edited), edited
    assert edited.startswith(_local(stored))
    assert window.select(app_id)
    qtbot.waitUntil(lambda: window.details.app_id == app_id)
    summary = window.details.summary.text()
    assert _local(stored) in summary
    assert "1 person · 0 documents · 0 signatures" in summary
    assert "(s)" not in summary and "T" not in summary.split("updated")[-1]
    window.close()


def test_the_status_bar_says_when_the_last_sync_was_in_local_time(new_york) -> None:
    status = SyncStatus(online=True, pending=0, synced=3, conflicts=1, needs_attention=0,
                        last_synced_at="2026-03-15T18:05:00+00:00", last_run_at=None)
    line = status_line(status).replace("\u202f", " ")  # ICU puts a narrow space before PM
    assert line == "Online · 0 pending · 1 conflict · last synced 03/15/2026 2:05 PM"
    status.conflicts = 2
    assert "2 conflicts" in status_line(status) and "UTC" not in status_line(status)


def test_counts_read_as_proper_singular_and_plural(qtbot, ctx) -> None:
    (first,) = add_applications(ctx, make_application("Avery", "Quill"))
    window = _open(qtbot, ctx)
    assert window.count_label.text() == "1 application"
    item = AttentionItem(application_id=first, applicant="Avery Quill",
                         reason="The rent is refused", kind="attention")
    window.attention.show_items([item])
    assert window.attention.summary.text().startswith("1 application needs you.")
    window.attention.show_items([item, item])
    assert window.attention.summary.text().startswith("2 applications need you.")
    add_applications(ctx, make_application("Blake", "Ridge"))
    window.reload()
    qtbot.waitUntil(lambda: window.model.total == 2)
    assert window.count_label.text() == "2 applications"
    window.search.setText("ridge")
    assert window.count_label.text() == "1 of 2 applications"
    window.close()


def test_the_about_box_names_version_folders_licence_and_docs(qtbot, ctx) -> None:
    window = _open(qtbot, ctx)
    box: QMessageBox = about(window)
    text = box.text()
    assert __version__ in text
    assert "Rental applications for NYC leasing agents" in text
    assert str(ctx.data_dir) in text and str(log_dir(ctx.data_dir)) in text
    assert "Configuration" in text and "Licence" in text
    assert re.search(r'<a href="file://[^"]+/docs">', text)
    box.close()
    window.close()
