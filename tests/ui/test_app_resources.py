"""The application icon and About text come from ``resources/``: the window and the About box
show the icon, at every size from 16 to 512 px."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import __version__
from desktop_app.ui import launch
from desktop_app.ui.main_window import MainWindow


@pytest.fixture
def no_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("DESKTOP_APP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def test_the_window_and_the_about_box_show_the_icon(
    qapp: QApplication, tmp_path: Path, qsettings_dir: Path, secret_service, no_backend
) -> None:
    seen: dict[str, object] = {}
    poller = QTimer(interval=20)
    guard = QTimer(singleShot=True, interval=60_000)  # never hang the suite

    def poll() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or not windows[0].model.loaded:
            return
        poller.stop()
        window = windows[0]
        seen["window_sizes"] = window.windowIcon().availableSizes()
        seen["app_icon"] = not qapp.windowIcon().isNull()
        window.about_action.trigger()
        box = window.findChild(QMessageBox, "about_box")
        seen["about_text"] = box.text()
        seen["about_pixmap"] = not box.iconPixmap().isNull()
        box.accept()
        window.close()

    poller.timeout.connect(poll)
    guard.timeout.connect(qapp.quit)
    poller.start()
    guard.start()
    args = argparse.Namespace(data_dir=str(tmp_path / "data"), config=None, sandbox=False)
    try:
        assert launch.run_gui(args) == 0
    finally:
        poller.stop()
        guard.stop()

    sizes = seen["window_sizes"]
    assert QSize(16, 16) in sizes and QSize(512, 512) in sizes
    assert seen["app_icon"]
    assert f"LeaseDesk {__version__}" in str(seen["about_text"])
    assert seen["about_pixmap"]


def test_the_resources_hold_the_icon_files_a_build_needs() -> None:
    folder = launch.resources_dir()
    assert folder is not None
    for size in launch.ICON_SIZES:
        png = (folder / "icons" / "png" / f"leasedesk-{size}.png").read_bytes()
        assert png.startswith(b"\x89PNG")
    assert (folder / "icons" / "leasedesk.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (folder / "icons" / "leasedesk.icns").read_bytes()[:4] == b"icns"
    assert (folder / "linux" / f"{launch.DESKTOP_FILE_NAME}.desktop").is_file()
    assert (folder / "linux" / f"{launch.DESKTOP_FILE_NAME}.metainfo.xml").is_file()
