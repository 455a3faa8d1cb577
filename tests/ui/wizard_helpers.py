"""Helpers for the wizard's pytest-qt tests: a real SQLite store in tmp_path, opening a window
and waiting for it, typing like an agent (keyClicks; setText for Unicode, which keyClicks
cannot type), waiting for autosave to reach the store, dropping files on a drop zone, and
synthetic applications to start from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

from desktop_app.domain.models import Address, Application, ApplicationInfo, Person
from desktop_app.domain.signing import sign as sign_over
from desktop_app.storage.store import open_store
from desktop_app.ui.context import AppContext
from desktop_app.ui.wizard import WizardWindow

#: How long a test waits for the database worker before failing. Generous: a loaded CI
#: machine can be slow; waits return as soon as the condition holds.
WAIT_MS = 30_000

#: A tiny but real PDF (one empty page).
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
    b"trailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF\n"
)


def open_context(data_dir: Path) -> AppContext:
    return AppContext.open(data_dir, open_store(data_dir / "db.sqlite3"))


def new_draft(ctx: AppContext) -> Application:
    return ctx.tasks.db(ctx.autosave.create_draft).run().result(timeout=WAIT_MS / 1000)


def open_window(qtbot, ctx: AppContext, app_id: str) -> WizardWindow:
    window = WizardWindow(ctx, app_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.is_loaded, timeout=WAIT_MS)
    return window


def field(window: WizardWindow, path: str) -> QWidget:
    page = window.current_page()
    assert page is not None
    return page.find_field(path)


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Replace the field's text the way an agent would: select all, then type."""
    if isinstance(widget, QComboBox) and widget.isEditable():
        widget = widget.lineEdit()
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)
        if text.isascii():
            qtbot.keyClicks(widget, text)
        else:
            widget.setText(text)  # keyClicks aborts on non-ASCII
    elif isinstance(widget, QPlainTextEdit):
        widget.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)
        qtbot.keyClicks(widget, text)
    else:
        raise TypeError(type(widget).__name__)


def fill(qtbot, window: WizardWindow, values: dict[str, str]) -> None:
    for path, text in values.items():
        type_text(qtbot, field(window, path), text)


def choose(qtbot, window: WizardWindow, path: str, data: str) -> None:
    """Pick a combo item by its value, with the keyboard (Home, then Down to it)."""
    combo = field(window, path)
    assert isinstance(combo, QComboBox)
    target = combo.findData(data)
    assert target >= 0, data
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(target):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentIndex() == target


def click(qtbot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def button(widget: QWidget, name: str) -> QAbstractButton:
    """The button under ``widget`` whose accessible name is ``name``."""
    found = [b for b in widget.findChildren(QAbstractButton) if b.accessibleName() == name and b.isVisible()]
    assert len(found) == 1, (name, [b.accessibleName() for b in widget.findChildren(QAbstractButton)])
    return found[0]


def sign(qtbot, pad: QWidget) -> None:
    """A short stroke with the mouse, on the pad scrolled into view as an agent would."""
    area = pad.parentWidget()
    while area is not None and not isinstance(area, QScrollArea):
        area = area.parentWidget()
    if area is not None:
        qtbot.waitUntil(lambda: pad.height() > 0, timeout=WAIT_MS)  # laid out (a preview)
        area.ensureWidgetVisible(pad)
    y = pad.height() // 2
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(10, y))
    for x in range(20, 120, 20):
        qtbot.mouseMove(pad, QPoint(x, y - (x % 40) // 2))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(130, y))


def wait_saved(qtbot, window: WizardWindow) -> None:
    """Wait until every edit reached the store (the debounce fired and the worker is done)."""
    assert window.session is not None
    qtbot.waitUntil(lambda: not window.session.autosaver.has_pending, timeout=WAIT_MS)


def stored(data_dir: Path, app_id: str) -> Application:
    """The application as a fresh service on the same file sees it."""
    from desktop_app.services.autosave import AutosaveService

    store = open_store(data_dir / "db.sqlite3")
    try:
        return AutosaveService(store).load(app_id)
    finally:
        store.close()


#: The application step, filled as an agent types it.
APP_INFO = {
    "application_info.building_address": "350 W 42nd St",
    "application_info.unit": "12C",
    "application_info.monthly_rent": "3,150",
    "application_info.move_in_date": "01/01/2027",
}


def png_bytes() -> bytes:
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    image.fill(QColor("navy"))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


def complete_application() -> Application:
    def person(first: str, last: str) -> Person:
        return Person(first_name=first, last_name=last, date_of_birth=date(1985, 1, 2),
                      email="x@example.com", phone="(212) 555-0143", annual_income=Decimal(90000),
                      current_address=Address(street="1 Main St", city="New York", state="NY", zip="10001"))

    app = Application(
        application_info=ApplicationInfo(building_address="1 Main St", unit="2A",
                                         monthly_rent=Decimal(2000), move_in_date=date(2027, 2, 1)),
        primary_applicant=person("Ada", "Lovelace"),
        guarantors=[person("Noor", "Haddad")],
    )
    app.signatures = [sign_over(app, p.id, png_bytes()) for _, p in app.people()]
    app.current_step = 8
    return app


def drop(zone, *paths) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = zone.rect().center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(zone, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(zone, event)
    return event.isAccepted()


def draft_at_documents(ctx: AppContext) -> Application:
    app = complete_application()
    app.signatures = []
    app.current_step = 6
    return ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
