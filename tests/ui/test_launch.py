"""``desktop-app`` with no subcommand: the real launch path, in-process, on a real data dir."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.storage.paths import database_path
from desktop_app.storage.store import open_profile_store
from desktop_app.ui import launch
from desktop_app.ui.main_window import MainWindow
from tests.ui.shell_fixtures import make_application, qsettings_dir  # noqa: F401 — fixture


def _args(data_dir: Path) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(data_dir), config=None, sandbox=False)


def _run_with(qapp: QApplication, data_dir: Path, step) -> int:  # noqa: ANN001
    """Run the GUI; ``step(window)`` is called every 20 ms until it returns True."""
    poller = QTimer(interval=20)
    guard = QTimer(singleShot=True, interval=60_000)  # never hang the suite

    def poll() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and step(windows[0]):
            poller.stop()

    poller.timeout.connect(poll)
    guard.timeout.connect(qapp.quit)
    poller.start()
    guard.start()
    try:
        return launch.run_gui(_args(data_dir))
    finally:  # no timer of this test may fire in a later one
        poller.stop()
        guard.stop()


def test_the_app_opens_the_active_profile_and_flushes_saves_on_quit(
    qapp: QApplication, tmp_path: Path, qsettings_dir: Path  # noqa: F811
) -> None:
    data_dir = tmp_path / "data"
    with open_profile_store(data_dir) as store, store.uow() as uow:
        app = make_application("Harper", "Lane")
        uow.applications.add(app)
        uow.commit()
    seen: dict[str, object] = {}

    def step(window: MainWindow) -> bool:
        if not window.model.loaded:
            return False
        seen["rows"] = [window.model.index(r, 2).data() for r in range(window.model.rowCount())]
        seen["sync"] = window.sync_label.text()
        ctx = window.ctx
        # Queued just before quitting: it must be durable when run_gui returns.
        ctx.tasks.db(lambda: ctx.autosave.save_field(app.id, "primary_applicant.first_name", "Harley")).run()
        window.close()
        return True

    assert _run_with(qapp, data_dir, step) == 0
    assert seen["rows"] == ["Harper Lane"]
    assert "no sync backend configured" in str(seen["sync"])
    with open_profile_store(data_dir) as store, store.uow() as uow:
        assert uow.applications.get(app.id)[0].primary_applicant.first_name == "Harley"
    assert list(qsettings_dir.rglob("*.ini")), "the window geometry was saved"


def test_a_store_that_cannot_be_opened_is_reported_and_exits_1(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qsettings_dir: Path  # noqa: F811
) -> None:
    data_dir = tmp_path / "data"
    database_path(data_dir).mkdir(parents=True)  # a directory where the database file belongs
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))

    assert _run_with(qapp, data_dir, lambda _w: False) == 1
    assert shown and "could not be opened" in shown[0]
