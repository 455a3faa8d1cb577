"""The main window decides on an application's sync state, never on the text its sync column
shows: a conflict opens the conflict handler first, every other state opens the wizard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.ui.applications_model import (
    CONFLICT,
    NEEDS_ATTENTION,
    PENDING,
    SYNCED,
    Column,
)
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.shell_fixtures import add_applications, make_application


@pytest.fixture
def window(qtbot, ctx: AppContext) -> Iterator[tuple[MainWindow, str, list[str]]]:
    (app_id,) = add_applications(ctx, make_application("Avery", "Quill", "1 Test Row", "2", "900"))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.loaded)
    handled: list[str] = []
    win.conflict_handler = handled.append
    yield win, app_id, handled
    win.close()


def _sync_text(window: MainWindow, app_id: str) -> str:
    return window.model.index_of(app_id, Column.SYNC).data()


def test_a_conflict_state_opens_the_conflict_handler_not_the_wizard(qtbot, window) -> None:
    win, app_id, handled = window
    win.set_sync_states({app_id: CONFLICT})
    assert _sync_text(win, app_id) == "Conflict"
    assert win.select(app_id)
    win.open_selected()
    assert handled == [app_id]
    assert app_id not in win.wizards


@pytest.mark.parametrize(
    ("state", "shown"),
    [(SYNCED, "Synced"), (PENDING, "Waiting to sync"), (NEEDS_ATTENTION, "Needs attention")],
)
def test_every_other_state_opens_the_wizard(qtbot, window, state: str, shown: str) -> None:
    win, app_id, handled = window
    win.set_sync_states({app_id: state})
    assert _sync_text(win, app_id) == shown
    assert win.select(app_id)
    with qtbot.waitSignal(win.wizard_opened, timeout=10_000):
        win.open_selected()
    assert handled == []
    win.close_wizards()


def test_an_unknown_state_is_shown_as_reported_and_opens_the_wizard(qtbot, window) -> None:
    win, app_id, handled = window
    win.set_sync_states({app_id: "Conflicting"})  # text that merely looks like a conflict
    assert _sync_text(win, app_id) == "Conflicting"
    assert win.select(app_id)
    with qtbot.waitSignal(win.wizard_opened, timeout=10_000):
        win.open_selected()
    assert handled == []
    win.close_wizards()
