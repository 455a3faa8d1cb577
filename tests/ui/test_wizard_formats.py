"""One date, time and money format (the locale's, local time), file dialogs that start in one
remembered folder, and a document the system has no viewer for."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.domain.models import Document
from desktop_app.domain.signing import sign as sign_over
from desktop_app.sampledata import synthetic_application
from desktop_app.ui import file_dialogs
from desktop_app.ui.formats import format_date, format_datetime, format_money, parse_locale_date
from desktop_app.ui.wizard.binding import ParseError, parse_date
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import PDF_BYTES, WAIT_MS, button, click, open_window

US, DE = QLocale("en_US"), QLocale("de_DE")


@pytest.fixture
def locale():
    before = QLocale()
    yield QLocale.setDefault
    QLocale.setDefault(before)


def test_dates_follow_the_locale_short_format_with_a_four_digit_year() -> None:
    assert format_date(date(1990, 3, 5), US) == "03/05/1990"
    assert format_date(date(1990, 3, 5), DE) == "05.03.1990"
    assert format_date(date(1990, 3, 5), QLocale.c()) == "03/05/1990"  # POSIX: the US form
    assert parse_locale_date("3/5/1990", US) == date(1990, 3, 5)
    assert parse_locale_date("05.03.1990", DE) == date(1990, 3, 5)
    assert parse_locale_date("31.02.1990", DE) is None
    assert format_date(None) == ""


def test_a_german_desktop_types_and_reads_dates_its_own_way(locale) -> None:
    locale(DE)
    assert parse_date("05.03.1990") == "1990-03-05"
    assert parse_date("1990-03-05") == "1990-03-05"  # ISO always reads
    with pytest.raises(ParseError, match="15.03.1990"):
        parse_date("3/5/1990")  # not read as an American date here


def test_times_are_local_never_utc_iso() -> None:
    moment = datetime(2026, 7, 1, 23, 30, tzinfo=UTC)
    local = moment.astimezone()
    text = format_datetime(moment, US)
    assert text.startswith(local.strftime("%m/%d/%Y"))
    assert "T" not in text and "+00:00" not in text
    assert str(local.hour % 12 or 12) in text
    other = datetime(2026, 7, 1, 23, 30, tzinfo=timezone(timedelta(hours=-4)))
    assert format_datetime(other, US).startswith(other.astimezone().strftime("%m/%d/%Y"))


def test_money_reads_as_dollars() -> None:
    assert format_money(Decimal("2500")) == "$2,500.00"
    assert format_money(Decimal("-12.5")) == "-$12.50"
    assert format_money(None) == ""


def test_file_dialogs_start_in_the_last_folder_used(qapp, qsettings_dir, tmp_path, monkeypatch) -> None:
    starts: list[str] = []
    folder = tmp_path / "scans"
    folder.mkdir()
    picked = str(folder / "paystub.pdf")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda _p, _c, start, _f: starts.append(start) or ([picked], "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda _p, _c, start, _f: starts.append(start) or ("", "")))
    assert file_dialogs.open_file_names(None, "Attach") == [picked]
    file_dialogs.save_file_name(None, "Save", "lease.pdf")
    assert starts[0] == str(Path.home())
    assert starts[1] == str(folder / "lease.pdf")
    (folder / "gone").mkdir()
    file_dialogs.remember_folder(folder / "gone")
    (folder / "gone").rmdir()  # a remembered folder that was removed: back to home
    assert file_dialogs.last_folder() == str(Path.home())


def submitted_with_document(ctx):
    app = synthetic_application(random.Random(4), today=date.today(), co_applicants=0, guarantors=0)
    doc = Document(person_id=app.primary_applicant.id, file_name="lease id.xyz",
                   content_type="application/pdf", size=len(PDF_BYTES))
    app.documents.append(doc)
    app.signatures = [sign_over(app, p.id, b"\x89PNG") for _, p in app.people()]
    ctx.autosave.create_draft(app)
    with ctx.store.uow() as uow:
        uow.blobs.put(app.id, doc.id, PDF_BYTES)
        uow.commit()
    ctx.autosave.submit(app.id)
    return app


def test_no_viewer_says_so_and_offers_to_save_a_copy(qtbot, ctx, tmp_path, monkeypatch) -> None:
    app = submitted_with_document(ctx)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: False))
    shown: list[str] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box.text())
        box.defaultButton().click()  # "Save a Copy…"
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    target = tmp_path / "out" / "lease id.xyz"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_: (str(target), "")))
    window = open_window(qtbot, ctx, app.id)
    window.show_step(StepId.REVIEW)
    click(qtbot, button(window.current_page(), "Open lease id.xyz"))
    qtbot.waitUntil(lambda: target.exists(), timeout=WAIT_MS)
    assert shown == ["This computer has no program that opens lease id.xyz."]
    assert target.read_bytes() == PDF_BYTES
    assert file_dialogs.last_folder() == str(target.parent)
    window.close()
