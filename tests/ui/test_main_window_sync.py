"""The main window syncs for whoever is signed in: sign in through the dialog, the start-up sync
pushes the adopted draft (moto over HTTP, real Secret Service), the sync column says so, and
signing out stops syncing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.auth.account_service import AccountService
from desktop_app.config import load_config
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
from desktop_app.services.local_store import open_account_store
from desktop_app.ui.account_ui import AccountController
from desktop_app.ui.applications_model import CONFLICT, Column
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.sync_wiring import SyncWiring
from tests.ui.shell_fixtures import make_application


@pytest.fixture
def ctx(tmp_path: Path, secret_service, qapp, qsettings_dir) -> Iterator[AppContext]:
    data_dir = tmp_path / "data"
    context = AppContext.open(data_dir, open_account_store(data_dir))
    yield context
    context.close()


def _sync_column(window: MainWindow) -> set[str]:
    model = window.model
    return {model.index(r, Column.SYNC).data() for r in range(model.rowCount())}


def test_signing_in_starts_syncing_and_signing_out_stops_it(
    qtbot,
    monkeypatch,
    moto,
    ctx: AppContext,
) -> None:
    with ctx.store.uow() as uow:
        uow.applications.add(make_application("Jordan", "Reyes"))
        uow.commit()
    env = provision(moto.url).settings()
    config = load_config(None, env=env, read_default_file=False)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    accounts_ui = AccountController(window, ctx, AccountService(config, ctx.data_dir), config)
    wiring = SyncWiring(window, ctx, accounts_ui)
    qtbot.waitUntil(lambda: accounts_ui.info is None and wiring.controller is None)
    assert _sync_column(window) == {"Not synced"}

    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    dialog = accounts_ui.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: wiring.controller is not None, timeout=30_000)
    assert wiring.controller.sync_now_action in window.file_menu.actions()
    qtbot.waitUntil(lambda: _sync_column(window) == {"Synced"}, timeout=60_000)
    qtbot.waitUntil(lambda: "0 pending" in window.sync_label.text(), timeout=10_000)

    with qtbot.waitSignal(accounts_ui.store_switched, timeout=30_000):
        next(a for a in accounts_ui.menu.actions() if a.text() == "Sign &out…").trigger()
    qtbot.waitUntil(lambda: accounts_ui.info is None, timeout=10_000)
    assert wiring.controller is None
    assert not any(a.text() == "Sync now" for a in window.file_menu.actions())
    window.close()


def test_opening_a_conflicted_application_asks_which_values_to_keep_first(
    qtbot, monkeypatch, ctx: AppContext
) -> None:
    from types import SimpleNamespace

    from desktop_app.sync.merge import FieldConflict
    from desktop_app.ui.conflict_dialog import ConflictDialog

    with ctx.store.uow() as uow:
        app = make_application("Kai", "Morgan")
        uow.applications.add(app)
        uow.commit()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    resolved: dict[str, dict[str, str]] = {}
    calls: list[str] = []
    service = SimpleNamespace(
        conflicts=lambda app_id: [FieldConflict("primary_applicant.email", "a", "b", "c")],
        resolve=lambda app_id, choices: resolved.update({app_id: choices}) or 0,
    )
    controller = SimpleNamespace(
        service=service,
        refresh=lambda: calls.append("refresh"),
        sync_now=lambda: calls.append("sync now"),
    )
    offline = load_config(None, env={}, read_default_file=False)
    accounts_ui = AccountController(window, ctx, AccountService(offline, ctx.data_dir), offline)
    wiring = SyncWiring(window, ctx, accounts_ui)
    qtbot.waitUntil(lambda: wiring._key is not None)  # the account menu has been filled
    # Stand in for a running sync controller: a real conflict needs two machines and a
    # remote; the two-machine sync tests (tests/integration) cover finding one.
    wiring.controller = controller
    window.conflict_handler = wiring.resolve_conflicts
    window.set_sync_states({app.id: CONFLICT})
    monkeypatch.setattr(ConflictDialog, "exec", lambda self: 1)
    monkeypatch.setattr(
        ConflictDialog, "choices", lambda self: {"primary_applicant.email": "remote"}
    )

    window.select(app.id)
    with qtbot.waitSignal(window.wizard_opened, timeout=10_000):
        window.open_selected()
    assert resolved == {app.id: {"primary_applicant.email": "remote"}}
    assert calls[:2] == ["refresh", "sync now"]  # then the bus asks for another refresh
    window.close()
