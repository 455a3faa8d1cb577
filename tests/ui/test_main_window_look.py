"""The main window's look: an empty state that invites the first application, status icons
beside the Status and Sync words and the status bar's sync line, and the system's dark scheme
followed with readable contrast (no hard-coded light colours)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.domain.models import Status
from desktop_app.ui.applications_model import APP_ID_ROLE, CONFLICT, PENDING, SYNCED, Column
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.status_icons import KINDS, status_icon
from tests.ui.shell_fixtures import add_applications, make_application


def _open(qtbot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    return window


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _ink(kind: str) -> QColor:
    """The colour the icon is drawn in: its most opaque pixel other than a white mark."""
    image = status_icon(kind, 32).pixmap(32, 32).toImage()
    best, alpha = QColor(), -1
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > alpha and pixel != QColor("#ffffff"):
                best, alpha = pixel, pixel.alpha()
    return best


@pytest.fixture
def dark(qapp) -> Iterator[QPalette]:
    before = QApplication.palette()
    palette = QPalette(QColor("#2b2b2b"))  # Qt derives a whole dark scheme from the window
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#eeeeee"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#9a9a9a"))
    QApplication.setPalette(palette)
    yield palette
    QApplication.setPalette(before)


def test_an_empty_list_invites_the_first_application_with_a_button(qtbot, ctx) -> None:
    window = _open(qtbot, ctx)
    page = window.stack.currentWidget()
    assert page is window.empty_label and page.new_button.isVisible()
    assert "No applications yet" in page.text()
    with qtbot.waitSignal(window.wizard_opened, timeout=10_000) as opened:
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.total == 1, timeout=10_000)
    assert window.stack.currentWidget() is window.table
    assert opened.args[0] == window.model.index(0, Column.NAME).data(APP_ID_ROLE)
    window.close_wizards()
    window.close()


def test_status_and_sync_words_have_their_own_icons(qtbot, ctx) -> None:
    draft, submitted = add_applications(
        ctx, make_application("Avery", "Quill"),
        make_application("Casey", "Stone", status=Status.SUBMITTED),
    )
    window = _open(qtbot, ctx)
    model = window.model

    def icon(app_id: str, column: Column):
        value = model.index_of(app_id, column).data(Qt.ItemDataRole.DecorationRole)
        assert value is not None and not value.isNull()
        return value.pixmap(16, 16).toImage()

    assert icon(draft, Column.STATUS) != icon(submitted, Column.STATUS)
    seen = []
    for state in (SYNCED, PENDING, CONFLICT):
        window.set_sync_states({draft: state})
        seen.append(icon(draft, Column.SYNC))
    assert len({img.cacheKey() for img in seen}) == 3 and seen[0] != seen[1] != seen[2]
    assert model.index_of(draft, Column.NAME).data(Qt.ItemDataRole.DecorationRole) is None
    window.set_sync_icon("offline")
    assert window.sync_icon.pixmap() is not None and not window.sync_icon.pixmap().isNull()
    window.close()


def test_a_dark_scheme_is_followed_with_readable_contrast(qtbot, ctx, dark) -> None:
    add_applications(ctx, make_application("", "", "100 Example Street", "1"))
    window = _open(qtbot, ctx)
    base = dark.color(QPalette.ColorRole.Base)
    for kind in KINDS:  # every icon stands out from a dark base (3:1, as for graphics)
        assert contrast(_ink(kind), base) >= 3, kind
    for kind in ("synced", "waiting", "conflict", "needs_attention", "submitted"):
        assert contrast(_ink(kind), QColor("#ffffff")) >= 3, kind  # and from a light one
    unnamed = window.model.index(0, Column.NAME).data(Qt.ItemDataRole.ForegroundRole)
    assert contrast(unnamed.color(), base) >= 4.5
    for widget in [window, *window.findChildren(QWidget)]:  # colours come from the palette
        assert not widget.styleSheet(), widget.objectName()
    window.close()
