"""The main window's size and columns: it opens fitting a 1366×768 screen with every column
whole (the Sync column fits its longest word), cells that can be cut carry their whole text as
a tooltip, and the window remembers its size, side panels and column widths — kept on the
screen when the remembered size is too big."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDockWidget

from desktop_app.ui.applications_model import NEEDS_ATTENTION, PENDING, Column
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.fixtures.main_window_probe import screen_config
from tests.ui.shell_fixtures import add_applications, make_application

ROOT = Path(__file__).resolve().parents[2]


def _open(qtbot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    return window


@pytest.mark.parametrize("width, height", [(1366, 768), (1024, 600)])
def test_the_window_opens_fitting_the_screen_with_every_column_whole(
    tmp_path: Path, width: int, height: int
) -> None:
    config = screen_config(tmp_path / "screen.json", width, height)
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    (tmp_path / "probe").mkdir()
    out = subprocess.run(
        [sys.executable, "-m", "tests.fixtures.main_window_probe", str(tmp_path / "probe")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )
    seen = json.loads(out.stdout)
    screen = QRect(*seen["screen"])
    assert screen.contains(QRect(*seen["frame"]))
    if width == 1366:  # room for the list and the details side by side, and many rows
        assert seen["size"][0] >= 1200 and seen["size"][1] >= 640
        assert seen["scroll_max"] == 0  # every column whole, no sideways scrolling
    assert seen["sync_width"] >= seen["sync_text"] + seen["icon"]  # "Waiting to sync" whole


def test_cells_that_can_be_cut_carry_their_whole_text_as_a_tooltip(qtbot, ctx) -> None:
    (app_id,) = add_applications(
        ctx, make_application("Alexandra", "Montgomery-Smith",
                              "1234 Grand Concourse, Bronx, NY 10458", "12C")
    )
    window = _open(qtbot, ctx)
    window.set_sync_states({app_id: PENDING})
    model = window.model
    for column in (Column.STATUS, Column.SYNC, Column.NAME, Column.BUILDING, Column.EDITED):
        index = model.index(0, column)
        assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()
    assert model.index(0, Column.SYNC).data(Qt.ItemDataRole.ToolTipRole) == "Waiting to sync"
    window.set_sync_states({app_id: NEEDS_ATTENTION})
    assert model.index(0, Column.SYNC).data(Qt.ItemDataRole.ToolTipRole) == "Needs attention"
    header = window.table.horizontalHeader()
    assert header.sectionResizeMode(Column.BUILDING) == header.ResizeMode.Interactive
    window.close()


def test_size_side_panels_and_column_widths_are_remembered(qtbot, ctx) -> None:
    add_applications(ctx, make_application("Avery", "Quill"))
    window = _open(qtbot, ctx)
    header = window.table.horizontalHeader()
    header.resizeSection(Column.NAME, 333)
    window.findChild(QDockWidget, "attention_dock").close()
    window.resize(700, 500)
    window.close()

    again = _open(qtbot, ctx)
    assert again.table.horizontalHeader().sectionSize(Column.NAME) == 333
    assert (again.width(), again.height()) == (700, 500)
    assert not again.findChild(QDockWidget, "attention_dock").isVisible()
    area = again.screen().availableGeometry()
    again.setGeometry(QRect(area.x() - 500, area.y() - 300, area.width() * 3, area.height() * 2))
    again.close()  # remembered far too big and partly off the screen

    third = _open(qtbot, ctx)
    assert area.contains(third.frameGeometry())
    third.close()
