"""The GUI writes the command line's rotating, redacted log from its first line, and Python's
faulthandler writes a crash file: a support person has something to read even when the app
could not open its store, or died in native code."""

from __future__ import annotations

import argparse
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.logs import CRASH_FILE
from desktop_app.ui import launch
from desktop_app.ui.main_window import MainWindow


@pytest.fixture
def no_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("DESKTOP_APP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def run_gui(qapp: QApplication, data_dir: Path, close_when_loaded: bool) -> int:
    poller = QTimer(interval=20)
    guard = QTimer(singleShot=True, interval=60_000)

    def poll() -> None:
        for w in qapp.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible() and close_when_loaded and w.model.loaded:
                poller.stop()
                w.close()

    poller.timeout.connect(poll)
    guard.timeout.connect(qapp.quit)
    poller.start()
    guard.start()
    try:
        return launch.run_gui(argparse.Namespace(data_dir=str(data_dir), config=None, sandbox=False))
    finally:
        poller.stop()
        guard.stop()


def test_the_window_writes_its_log_and_crash_file(
    qapp, tmp_path, qsettings_dir, secret_service, no_backend
):
    data_dir = tmp_path / "data"
    assert run_gui(qapp, data_dir, close_when_loaded=True) == 0
    log = data_dir / "logs" / "desktop_app.log"
    assert "LeaseDesk starting (GUI)" in log.read_text(encoding="utf-8")
    crash = data_dir / "logs" / CRASH_FILE
    assert stat.S_IMODE(crash.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_a_start_that_fails_before_the_store_opens_is_still_logged(
    qapp, tmp_path, monkeypatch, qsettings_dir, no_backend
):
    monkeypatch.setenv("DESKTOP_APP_REGION", "Mars")  # a configuration the app refuses
    monkeypatch.setattr(QMessageBox, "critical", lambda *_a: None)
    data_dir = tmp_path / "data"
    assert run_gui(qapp, data_dir, close_when_loaded=False) == 2
    text = (data_dir / "logs" / "desktop_app.log").read_text(encoding="utf-8")
    assert "LeaseDesk starting (GUI)" in text
    assert "could not start (exit status 2)" in text


def test_a_native_crash_leaves_its_stacks_in_the_crash_file(tmp_path):
    code = (
        "import faulthandler, sys; from pathlib import Path; "
        "from desktop_app.logs import enable_crash_file; "
        f"enable_crash_file(Path({str(tmp_path)!r})); faulthandler._sigsegv()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert done.returncode != 0
    text = (tmp_path / "logs" / CRASH_FILE).read_text(encoding="utf-8")
    assert "Fatal Python error" in text and "Segmentation fault" in text
