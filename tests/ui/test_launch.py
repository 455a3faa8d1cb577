"""``desktop-app`` with no subcommand: the real launch path, in-process, on a real data dir."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.services.local_store import open_account_store
from desktop_app.storage.paths import database_path
from desktop_app.ui import launch
from desktop_app.ui.main_window import MainWindow
from tests.ui.shell_fixtures import make_application


@pytest.fixture
def no_backend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No configuration file and no DESKTOP_APP_* settings: the app runs offline."""
    import os

    for name in list(os.environ):
        if name.startswith("DESKTOP_APP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def _args(data_dir: Path, sandbox: bool = False) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(data_dir), config=None, sandbox=sandbox)


def _run_with(qapp: QApplication, data_dir: Path, step) -> int:
    return _run_with_args(qapp, _args(data_dir), step)


def _run_with_args(qapp: QApplication, args: argparse.Namespace, step) -> int:
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
        return launch.run_gui(args)
    finally:  # no timer of this test may fire in a later one
        poller.stop()
        guard.stop()


def test_the_app_opens_the_active_profile_and_flushes_saves_on_quit(
    qapp: QApplication,
    tmp_path: Path,
    qsettings_dir: Path,
    secret_service,
    no_backend,
) -> None:
    data_dir = tmp_path / "data"
    with open_account_store(data_dir) as store, store.uow() as uow:
        app = make_application("Harper", "Lane")
        uow.applications.add(app)
        uow.commit()
    seen: dict[str, object] = {}

    def step(window: MainWindow) -> bool:
        if not window.model.loaded or "Offline" not in window.sync_label.text():
            return False  # the account menu fills in after a call on the network pool
        seen["rows"] = [window.model.index(r, 2).data() for r in range(window.model.rowCount())]
        seen["sync"] = window.sync_label.text()
        ctx = window.ctx
        # Queued just before quitting: it must be durable when run_gui returns.
        ctx.tasks.db(
            lambda: ctx.autosave.save_field(app.id, "primary_applicant.first_name", "Harley")
        ).run()
        window.close()
        return True

    assert _run_with(qapp, data_dir, step) == 0
    assert seen["rows"] == ["Harper Lane"]
    assert "no sync backend configured" in str(seen["sync"])
    with open_account_store(data_dir) as store, store.uow() as uow:
        assert uow.applications.get(app.id)[0].primary_applicant.first_name == "Harley"
    assert list(qsettings_dir.rglob("*.ini")), "the window geometry was saved"


def test_a_store_that_cannot_be_opened_is_reported_and_exits_1(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qsettings_dir: Path,
    secret_service,
    no_backend,
) -> None:
    data_dir = tmp_path / "data"
    database_path(data_dir).mkdir(parents=True)  # a directory where the database file belongs
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))

    assert _run_with(qapp, data_dir, lambda _w: False) == 1
    assert shown and "could not be opened" in shown[0]


def test_without_a_keyring_the_app_says_what_to_install_and_writes_nothing(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qsettings_dir: Path,
    no_backend,
) -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(NoKeyring())
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    data_dir = tmp_path / "data"
    try:
        assert _run_with(qapp, data_dir, lambda _w: False) == 1
    finally:
        keyring.set_keyring(previous)
    assert shown and "No usable system keyring" in shown[0] and "gnome-keyring" in shown[0]
    assert not database_path(data_dir).exists()


def test_a_bad_configuration_is_reported_key_by_key_and_exits_2(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qsettings_dir: Path,
    no_backend,
) -> None:
    monkeypatch.setenv("DESKTOP_APP_REGION", "Mars")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    assert _run_with(qapp, tmp_path / "data", lambda _w: False) == 2
    assert shown and "REGION" in shown[0] and "Mars" in shown[0]


def test_sandbox_offers_the_demo_agent_signs_in_and_cleans_up_at_exit(
    qapp: QApplication,
    tmp_path: Path,
    qsettings_dir: Path,
    secret_service,
    no_backend,
) -> None:
    from desktop_app.auth import secrets as items
    from desktop_app.auth.secrets import SecretStore

    seen: dict[str, object] = {}

    def step(window: MainWindow) -> bool:
        ctx = window.ctx
        controller = ctx.account_ui if ctx is not None else None
        if controller is None:
            return False
        if "clicked" not in seen:
            dialog = controller.dialog
            if dialog is None or not dialog.isVisible():
                return False
            seen["prefilled"] = (dialog.username.text(), bool(dialog.password.text()))
            seen["data_dir"] = ctx.data_dir
            seen["clicked"] = True
            dialog.ok_button.click()
            return False
        info = controller.info
        if info is None or not window.model.loaded:
            return False
        seen.setdefault("signed_in_menu", [a.text() for a in controller.menu.actions()])
        sync = ctx.sync
        if sync.controller is None or "pending" not in window.sync_label.text():
            return False  # the sync wiring started a sync for the demo agent: wait for its line
        seen["identity"] = info.identity_id
        seen["banner"] = window.pane.banner.text()
        seen["status"] = window.sync_label.text()
        window.close()
        return True

    # No --data-dir: a sandbox session gets a temporary one of its own.
    assert (
        _run_with_args(qapp, argparse.Namespace(data_dir=None, config=None, sandbox=True), step)
        == 0
    )
    assert seen["prefilled"] == ("demo.agent", True)
    assert "gone when the app closes" in str(seen["banner"])
    assert "Signed in as demo.agent" in seen["signed_in_menu"]
    assert str(seen["status"]).startswith("Online")  # the start-up sync reached the sandbox
    assert not Path(str(seen["data_dir"])).exists()  # the temporary data dir is removed
    assert SecretStore().get(str(seen["identity"]), items.REFRESH_TOKEN) is None  # signed out


def test_a_sandbox_identity_never_takes_over_real_local_drafts(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qsettings_dir: Path,
    secret_service,
    no_backend,
) -> None:
    from desktop_app.storage.paths import LOCAL_PROFILE, active_profile

    data_dir = tmp_path / "data"  # --data-dir given: the agent's own data dir
    with open_account_store(data_dir) as store, store.uow() as uow:
        app = make_application("Logan", "Pierce")
        uow.applications.add(app)
        uow.commit()
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("must not ask"))
    seen: dict[str, object] = {}

    def step(window: MainWindow) -> bool:
        controller = window.ctx.account_ui if window.ctx is not None else None
        if controller is None:
            return False
        if "clicked" not in seen:
            if controller.dialog is None or not controller.dialog.isVisible():
                return False
            seen["clicked"] = True
            controller.dialog.ok_button.click()
            return False
        if controller.info is None or not window.model.loaded or window._busy:
            return False
        seen["rows"] = window.model.total
        window.close()
        return True

    args = argparse.Namespace(data_dir=str(data_dir), config=None, sandbox=True)
    assert _run_with_args(qapp, args, step) == 0
    assert seen["rows"] == 0  # the sandbox account starts empty
    assert active_profile(data_dir) == LOCAL_PROFILE  # signed out at exit
    with open_account_store(data_dir) as store, store.uow() as uow:
        assert uow.applications.get(app.id)[0].primary_applicant.last_name == "Pierce"
