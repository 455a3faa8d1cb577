"""The wizard's frame: a title without the applicant's name, the header, Esc and Ctrl+W,
the window on-screen and its size remembered, step marks, errors only once a field was left or
Next was pressed, read-only fields that look read-only, and a dark scheme."""

from __future__ import annotations

import random
from datetime import date

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from desktop_app.domain.signing import sign as sign_over
from desktop_app.sampledata import synthetic_application
from desktop_app.ui.window_state import app_settings
from desktop_app.ui.wizard.chrome import GEOMETRY_KEY
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import APP_INFO, WAIT_MS, fill, new_draft, open_window, type_text


def visible_errors(window) -> list[str]:
    page = window.current_page()
    return [b.error_label.text() for b in page.binder.bindings.values()
            if b.error_label is not None and b.error_label.isVisible()]


def submitted(ctx):
    app = synthetic_application(random.Random(7), today=date.today(), co_applicants=0, guarantors=0)
    app.signatures = [sign_over(app, p.id, b"\x89PNG") for _, p in app.people()]
    ctx.autosave.create_draft(app)
    ctx.autosave.submit(app.id)
    return app


def test_title_names_building_and_unit_never_the_applicant(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    assert window.windowTitle() == "New application — LeaseDesk"
    assert window.header_step.text() == "Step 1 of 8"
    fill(qtbot, window, APP_INFO)
    assert window.windowTitle() == "350 W 42nd St, 12C — LeaseDesk"
    assert window.header_place.text() == "350 W 42nd St, 12C"
    window.go_next()
    fill(qtbot, window, {"primary_applicant.first_name": "Zora", "primary_applicant.last_name": "Quill"})
    assert "Zora" not in window.windowTitle() and "Quill" not in window.windowTitle()
    assert window.windowTitle().count("LeaseDesk") == 1
    assert window.header_step.text() == "Step 2 of 8"
    window.close()


@pytest.mark.parametrize("keys", [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                  (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)])
def test_esc_and_ctrl_w_close_the_wizard_and_keep_what_was_typed(qtbot, ctx, keys) -> None:
    app = new_draft(ctx)
    window = open_window(qtbot, ctx, app.id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    unit = window.current_page().find_field("application_info.unit")
    type_text(qtbot, unit, "7F")
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        qtbot.keyClick(unit, keys[0], keys[1])
    assert not window.isVisible()
    assert ctx.autosave.load(app.id).application_info.unit == "7F"  # durable at close


@pytest.fixture
def forget_size():
    """The QSettings path is process-wide: leave no odd wizard size to the next test."""
    yield
    app_settings().remove(GEOMETRY_KEY)
    app_settings().sync()


def test_the_wizard_fits_the_screen_and_reopens_at_its_remembered_size(qtbot, ctx, forget_size) -> None:
    app = new_draft(ctx)
    window = open_window(qtbot, ctx, app.id)
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry())
    window.setGeometry(QRect(area.x() - 400, area.y() - 300, area.width() * 3, area.height() * 3))
    window.close()  # remembered as it was: far too big and partly off-screen
    again = open_window(qtbot, ctx, app.id)
    assert area.contains(again.frameGeometry())
    again.resize(area.width() - 100, area.height() - 80)
    again.close()
    third = open_window(qtbot, ctx, app.id)
    assert (third.width(), third.height()) == (area.width() - 100, area.height() - 80)
    third.close()


def test_step_list_marks_done_incomplete_and_unreachable_with_words(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    first, later = window.sidebar.item(0), window.sidebar.item(3)
    assert first.toolTip().startswith("Incomplete: Building address is required")
    assert later.toolTip() == "Not yet reachable: Application: Building address is required"
    assert "Not yet reachable" in later.data(Qt.ItemDataRole.AccessibleTextRole)
    assert not first.icon().isNull() and not later.icon().isNull()
    fill(qtbot, window, APP_INFO)
    window.go_next()
    assert window.sidebar.item(0).toolTip() == "Done"
    assert window.sidebar.item(1).toolTip().startswith("Incomplete:")
    assert window.sidebar.item(0).icon().cacheKey() != window.sidebar.item(1).icon().cacheKey()
    window.close()


def test_clicking_a_later_step_keeps_the_specific_error(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    fill(qtbot, window, {"application_info.building_address": "350 W 42nd St"})
    rect = window.sidebar.visualItemRect(window.sidebar.item(5))
    qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.flow.current.id is StepId.APPLICATION_INFO
    assert window.reason.text().startswith("Application: ")
    assert "Complete" not in window.reason.text()
    window.close()


def test_a_new_form_shows_no_error_until_a_field_is_left_or_next_is_pressed(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert visible_errors(window) == [] and window.reason.text() == ""
    assert window.next_button.isEnabled()  # pressing it shows what is missing
    building = window.current_page().find_field("application_info.building_address")
    building.setFocus()
    window.current_page().find_field("application_info.unit").setFocus()  # left, empty
    assert visible_errors(window) == ["Building address is required"]
    assert window.reason.text() == "Building address is required"
    assert not window.next_button.isEnabled()  # what blocks is shown now
    window.close()


def test_pressing_next_on_an_untouched_form_shows_every_error(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.flow.current.id is StepId.APPLICATION_INFO
    assert len(visible_errors(window)) > 1 and "more)" in window.reason.text()
    assert not window.next_button.isEnabled()
    window.close()


def test_submitted_fields_look_read_only_yet_their_text_can_be_selected(qtbot, ctx) -> None:
    app = submitted(ctx)
    window = open_window(qtbot, ctx, app.id)
    window.show_step(StepId.PRIMARY_APPLICANT)
    name = window.current_page().find_field("primary_applicant.first_name")
    assert isinstance(name, QLineEdit) and name.isReadOnly()
    palette = name.palette()
    assert palette.color(QPalette.ColorRole.Base) == palette.color(QPalette.ColorRole.Window)
    assert not name.focusPolicy() & Qt.FocusPolicy.TabFocus
    name.selectAll()
    assert name.selectedText() == app.primary_applicant.first_name
    middle = window.current_page().find_field("primary_applicant.previous_address.zip")
    assert middle.text() == "" and middle.placeholderText() == ""  # no example to type
    window.close()


@pytest.fixture
def dark(qapp):
    before = QApplication.palette()
    palette = QPalette(QColor("#2b2b2b"))  # derives a dark scheme from a dark window colour
    palette.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    QApplication.setPalette(palette)
    yield palette
    QApplication.setPalette(before)


def contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_a_dark_scheme_keeps_fields_banner_and_errors_readable(qtbot, ctx, dark) -> None:
    app = submitted(ctx)
    window = open_window(qtbot, ctx, app.id)
    window.show_step(StepId.APPLICATION_INFO)
    window.grab()  # polish the style sheets
    unit = window.current_page().find_field("application_info.unit")
    assert unit.palette().color(QPalette.ColorRole.Base).lightnessF() < 0.5  # no white box
    banner_bg = window.banner_text.palette().color(window.banner_text.backgroundRole())
    banner_fg = window.banner_text.palette().color(window.banner_text.foregroundRole())
    assert contrast(banner_bg, banner_fg) >= 4.5
    window.close()
    draft = open_window(qtbot, ctx, new_draft(ctx).id)
    draft.go_next()  # every error shows
    label = next(b.error_label for b in draft.current_page().binder.bindings.values()
                 if b.error_label is not None and b.error_label.isVisible())
    assert isinstance(label, QLabel)
    label.ensurePolished()
    colour = label.palette().color(label.foregroundRole())
    assert contrast(colour, dark.color(QPalette.ColorRole.Window)) >= 4.5
    draft.close()
    assert QGuiApplication.palette() is not None
