"""The main window against a real SQLite store: the list, search, status filter, delete with
confirmation, geometry remembered across instances."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.models import Status
from desktop_app.storage.repository import NotFound
from desktop_app.ui.applications_model import APP_ID_ROLE, SYNCED, Column
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.shell_fixtures import add_applications, focus, make_application


def _open_window(qtbot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    return window


@pytest.fixture
def seeded(ctx: AppContext) -> dict[str, str]:
    ids = add_applications(
        ctx,
        make_application("Avery", "Quill", "100 Example Street", "4B", "2500"),
        make_application("Blake", "Ridge", "200 Sample Avenue", "12", "3100.50"),
        make_application(
            "Casey", "Stone", "100 Example Street", "7C", "1999", status=Status.SUBMITTED
        ),
    )
    return dict(zip(("avery", "blake", "casey"), ids, strict=True))


@pytest.fixture
def window(qtbot, ctx: AppContext, seeded: dict[str, str]) -> Iterator[MainWindow]:
    win = _open_window(qtbot, ctx)
    yield win
    win.close()


def _names(window: MainWindow) -> list[str]:
    model = window.model
    return sorted(model.index(r, Column.NAME).data() for r in range(model.rowCount()))


def _select(window: MainWindow, app_id: str) -> None:
    assert window.select(app_id)


def test_the_list_shows_every_application_of_the_store(window: MainWindow) -> None:
    assert _names(window) == ["Avery Quill", "Blake Ridge", "Casey Stone"]
    model = window.model
    row = next(
        r for r in range(model.rowCount()) if model.index(r, Column.NAME).data() == "Blake Ridge"
    )
    assert model.index(row, Column.STATUS).data() == "Draft"
    assert model.index(row, Column.BUILDING).data() == "200 Sample Avenue, Unit 12"
    assert model.index(row, Column.RENT).data() == "$3,100.50"
    assert model.index(row, Column.SYNC).data() == "Not synced"
    assert model.index(row, Column.EDITED).data()
    assert window.count_label.text() == "3 applications"


def test_typing_in_the_search_box_filters_by_name_building_and_unit(
    qtbot, window: MainWindow
) -> None:
    qtbot.keyClicks(window.search, "ridg")
    assert _names(window) == ["Blake Ridge"]
    window.search.clear()
    qtbot.keyClicks(window.search, "example")
    assert _names(window) == ["Avery Quill", "Casey Stone"]
    qtbot.keyClicks(window.search, " 7c")
    assert _names(window) == ["Casey Stone"]
    assert window.count_label.text() == "1 of 3 applications"
    window.search.clear()
    assert len(_names(window)) == 3


def test_the_status_filter_shows_drafts_or_submitted(window: MainWindow) -> None:
    window.status_filter.setCurrentIndex(window.status_filter.findText("Submitted"))
    assert _names(window) == ["Casey Stone"]
    window.status_filter.setCurrentIndex(window.status_filter.findText("Drafts"))
    assert _names(window) == ["Avery Quill", "Blake Ridge"]
    window.search.setText("avery")
    assert _names(window) == ["Avery Quill"]


def test_sorting_by_rent_orders_numerically(window: MainWindow) -> None:
    window.table.sortByColumn(Column.RENT, Qt.SortOrder.AscendingOrder)
    model = window.model
    assert [model.index(r, Column.RENT).data() for r in range(3)] == [
        "$1,999.00",
        "$2,500.00",
        "$3,100.50",
    ]


def test_sync_states_fill_the_sync_column(window: MainWindow, seeded: dict[str, str]) -> None:
    window.set_sync_states({seeded["avery"]: SYNCED})
    index = window.model.index_of(seeded["avery"], Column.SYNC)
    assert index.data() == "Synced"
    window.set_sync_status("Online · 2 waiting to sync")
    assert window.sync_label.text() == "Online · 2 waiting to sync"


def test_delete_draft_asks_first_and_removes_it_from_store_and_list(
    qtbot,
    monkeypatch,
    window: MainWindow,
    ctx: AppContext,
    seeded: dict[str, str],
) -> None:
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    _select(window, seeded["blake"])
    assert window.delete_action.isEnabled()
    focus(qtbot, window.table)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)  # first answer: No
    assert "Blake Ridge" in asked[0]
    assert "Blake Ridge" in _names(window)
    window.delete_action.trigger()  # second answer: Yes
    qtbot.waitUntil(lambda: "Blake Ridge" not in _names(window))
    ctx.tasks.flush()
    with ctx.store.uow() as uow, pytest.raises(NotFound):
        uow.applications.get(seeded["blake"])


def test_a_submitted_application_cannot_be_deleted(
    monkeypatch,
    window: MainWindow,
    ctx: AppContext,
    seeded: dict[str, str],
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("must not ask"))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    _select(window, seeded["casey"])
    assert not window.delete_action.isEnabled()
    window.delete_selected()  # even called directly, it refuses
    assert shown and "never deleted" in shown[0]
    assert "Casey Stone" in _names(window)
    from desktop_app.services.errors import ReadOnlyError

    with pytest.raises(ReadOnlyError):  # and the service refuses on its own
        ctx.autosave.delete_draft(seeded["casey"])


def test_the_list_follows_changes_announced_on_the_bus(
    qtbot,
    window: MainWindow,
    ctx: AppContext,
) -> None:
    (new_id,) = add_applications(ctx, make_application("Drew", "Vale", "300 Test Place", "1"))
    ctx.bus.application_changed.emit(new_id)
    qtbot.waitUntil(lambda: "Drew Vale" in _names(window))
    assert window.model.index_of(new_id).data(APP_ID_ROLE) == new_id


def test_an_empty_store_says_how_to_start(qtbot, ctx: AppContext) -> None:
    window = _open_window(qtbot, ctx)
    assert window.stack.currentWidget() is window.empty_label
    assert "Ctrl+N" in window.empty_label.text()
    window.close()


def test_window_size_and_position_are_remembered(qtbot, ctx: AppContext) -> None:
    first = _open_window(qtbot, ctx)
    first.setGeometry(QRect(30, 40, 640, 470))
    first.close()
    second = _open_window(qtbot, ctx)
    assert (second.width(), second.height()) == (640, 470)
    assert (second.geometry().x(), second.geometry().y()) == (30, 40)
    second.close()


def test_every_input_has_an_accessible_name_and_menus_have_mnemonics(window: MainWindow) -> None:
    for widget in (window.search, window.status_filter, window.table):
        assert widget.accessibleName()
    titles = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert titles and all("&" in t for t in titles)
    shortcuts = {a.shortcut().toString() for a in window.actions()}
    assert {"Ctrl+N", "Ctrl+E", "Ctrl+F", "Ctrl+,"} <= shortcuts


def test_the_selection_survives_filtering_and_enter_in_the_search_box_moves_to_the_list(
    qtbot, window: MainWindow, seeded: dict[str, str]
) -> None:
    _select(window, seeded["avery"])
    qtbot.keyClicks(window.search, "quill")
    assert window.selected_row().id == seeded["avery"]
    window.search.clear()
    qtbot.keyClicks(window.search, "ridge")  # hides Avery: nothing selected …
    assert window.selected_row() is None
    window.search.clear()  # … and Avery is selected again when the filter clears
    assert window.selected_row().id == seeded["avery"]
    qtbot.keyClicks(window.search, "sample")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # Enter: the first match, focus on the list
    assert window.selected_row().id == seeded["blake"]
    assert window.table.hasFocus() or window.focusWidget() is window.table


def test_export_writes_every_application_to_the_chosen_file(
    qtbot, monkeypatch, tmp_path, window: MainWindow, seeded: dict[str, str]
) -> None:
    import json

    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "out" / "applications"  # no suffix: the window adds .json
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "JSON"))
    window.export_action.trigger()
    written = target.with_suffix(".json")
    qtbot.waitUntil(lambda: "Exported 3" in window.statusBar().currentMessage())
    data = json.loads(written.read_text(encoding="utf-8"))
    assert sorted(a["id"] for a in data["applications"]) == sorted(seeded.values())


def test_tab_goes_from_search_to_status_to_the_list(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.search.setFocus()
    qtbot.waitUntil(window.search.hasFocus)
    order = []
    for _ in range(2):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        order.append(window.focusWidget())
    assert order == [window.status_filter, window.table]


def test_ctrl_comma_opens_the_settings_dialog(qtbot, window: MainWindow) -> None:
    from desktop_app.ui.settings_dialog import SettingsDialog

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.search, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialogs = window.findChildren(SettingsDialog)
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    dialogs[0].close()
