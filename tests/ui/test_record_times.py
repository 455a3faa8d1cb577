"""Times on screen read one way: the audit trail and the webhook deliveries show a stored
ISO-8601 UTC time in local time and the locale's short format, as the list and the status bar
do — never the raw ``2026-12-01T17:59:09+00:00``."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale

from desktop_app.services.audit import AuditEntry
from desktop_app.ui.audit_view import AuditView
from desktop_app.ui.formats import format_iso


@pytest.fixture
def new_york() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/New_York"
    time.tzset()
    QLocale.setDefault(QLocale("en_US"))
    yield
    if before is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_stored_utc_time_reads_as_local_short_time(new_york):
    assert format_iso("2026-12-01T17:59:09+00:00") == "12/01/2026 12:59\u202fPM"
    assert format_iso("2026-12-01T15:42:00Z") == "12/01/2026 10:42\u202fAM"
    assert format_iso("not a time") == "not a time" and format_iso(None) == ""


def test_the_audit_table_shows_local_times(qtbot, new_york):
    view = AuditView()
    qtbot.addWidget(view)
    entry = AuditEntry("01JAPP", 1, "2026-12-01T17:59:09+00:00", "agent", "ab12", "submitted",
                       {}, "0" * 64, "1" * 64)
    view.show_trail([entry])
    shown = view.table.item(0, 0).text()
    assert "T17:59" not in shown and "+00:00" not in shown
    assert shown == format_iso(entry.at)
