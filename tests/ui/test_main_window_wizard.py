"""The main window opens the real wizard: Enter or double-click on a row, and New."""

# ruff: noqa: F811 — fixtures imported from tests.ui.shell_fixtures are parameters here

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.wizard import WizardWindow
from tests.ui.shell_fixtures import (  # noqa: F401 — fixtures
    add_applications,
    ctx,
    make_application,
    qsettings_dir,
)


def _window(qtbot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    return window


def test_enter_on_a_row_opens_its_wizard_once(qtbot, ctx: AppContext) -> None:
    (app_id,) = add_applications(ctx, make_application("Emery", "Brook"))
    window = _window(qtbot, ctx)
    assert window.select(app_id)
    window.table.setFocus()
    with qtbot.waitSignal(window.wizard_opened) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened.args == [app_id]
    wizard = window.wizards[app_id]
    assert isinstance(wizard, WizardWindow) and wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.is_loaded)
    assert wizard.app_id == app_id
    window.open_selected()  # opening again raises the same window
    assert window.wizards == {app_id: wizard}
    wizard.close()
    qtbot.waitUntil(lambda: app_id not in window.wizards)
    window.close()


def test_double_click_opens_the_wizard(qtbot, ctx: AppContext) -> None:
    (app_id,) = add_applications(ctx, make_application("Finley", "Moss"))
    window = _window(qtbot, ctx)
    index = window.model.index_of(app_id)
    rect = window.table.visualRect(index)
    # A real double-click is press, release, double-click (the view checks the pressed row).
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.wizard_opened):
        qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wizard = window.wizards[app_id]
    qtbot.waitUntil(lambda: wizard.is_loaded)
    window.close()  # closes the wizard too
    assert not window.wizards


def test_new_creates_a_draft_opens_it_and_lists_it(qtbot, ctx: AppContext) -> None:
    window = _window(qtbot, ctx)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    with qtbot.waitSignal(window.wizard_opened) as opened:
        qtbot.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    (new_id,) = opened.args
    with ctx.store.uow() as uow:
        assert uow.applications.exists(new_id)
    qtbot.waitUntil(lambda: window.model.index_of(new_id).isValid())
    assert window.selected_row() is not None and window.selected_row().id == new_id
    wizard = window.wizards[new_id]
    qtbot.waitUntil(lambda: wizard.is_loaded)
    window.close()
