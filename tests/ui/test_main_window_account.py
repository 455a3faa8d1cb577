"""The account menu and the sign-in dialog against moto over HTTP and a real Secret Service:
friendly errors, the new-password challenge, adopting the local drafts, signed-in-until and its
warning, signing out back to the local profile."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.auth.account_service import AccountService
from desktop_app.config import load_config
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, create_agent, provision
from desktop_app.services.local_store import open_account_store
from desktop_app.storage.paths import LOCAL_PROFILE, active_profile, database_path
from desktop_app.ui.account_ui import NO_BACKEND_STATUS, AccountController
from desktop_app.ui.applications_model import Column
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.shell_fixtures import make_application


def _config(backend, **overrides):
    env = dict(backend.settings()) if backend is not None else {}
    env.update({f"DESKTOP_APP_{k.upper()}": v for k, v in overrides.items()})
    return load_config(None, env=env, read_default_file=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def ctx(data_dir: Path, secret_service, qapp, qsettings_dir) -> Iterator[AppContext]:
    context = AppContext.open(data_dir, open_account_store(data_dir))
    yield context
    context.close()  # the store of whichever profile the test ended in


def _window(qtbot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    return window


def _menu(controller: AccountController) -> list[str]:
    return [a.text() for a in controller.menu.actions() if not a.isSeparator()]


def _names(window: MainWindow) -> list[str]:
    return [window.model.index(r, Column.NAME).data() for r in range(window.model.rowCount())]


def test_sign_in_with_a_wrong_then_right_password_adopts_local_drafts_and_signs_out(
    qtbot, monkeypatch, moto, ctx: AppContext, data_dir: Path
) -> None:
    with ctx.store.uow() as uow:
        uow.applications.add(make_application("Harper", "Lane"))
        uow.commit()
    # USER_PASSWORD_AUTH: moto does not check the SRP password claim (docs/accounts.md).
    config = _config(provision(moto.url), auth_flow="USER_PASSWORD_AUTH")
    window = _window(qtbot, ctx)
    controller = AccountController(window, ctx, AccountService(config, data_dir), config)
    qtbot.waitUntil(lambda: "Not signed in" in _menu(controller))
    assert "Sign in" in window.sync_label.text()

    dialog = controller.sign_in()
    qtbot.keyClicks(dialog.username, DEMO_USERNAME)
    qtbot.keyClicks(dialog.password, "Not-The-Password-1")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=20_000)
    assert "not right" in dialog.error.text()
    assert DEMO_PASSWORD not in dialog.error.text()

    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _p, _t, text, *_a: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, DEMO_PASSWORD)
    with qtbot.waitSignal(controller.store_switched, timeout=20_000):
        dialog.ok_button.click()
    assert asked and "1 application" in asked[0] and DEMO_USERNAME in asked[0]
    assert _names(window) == ["Harper Lane"]  # the local draft is now the account's
    identity = active_profile(data_dir)
    assert identity != LOCAL_PROFILE
    assert ctx.store.path == database_path(data_dir, identity)
    qtbot.waitUntil(lambda: f"Signed in as {DEMO_USERNAME}" in _menu(controller))
    assert any(t.startswith("Sync works without signing in again until") for t in _menu(controller))
    assert window.sync_label.text() == f"Signed in as {DEMO_USERNAME}"

    with qtbot.waitSignal(controller.store_switched, timeout=20_000):
        next(a for a in controller.menu.actions() if a.text() == "Sign &out…").trigger()
    assert "stay on this computer" in asked[-1]
    assert active_profile(data_dir) == LOCAL_PROFILE
    assert _names(window) == []  # the local profile was adopted: it starts empty again
    qtbot.waitUntil(lambda: "Not signed in" in _menu(controller))
    window.close()


def test_a_temporary_password_asks_for_a_new_one(
    qtbot, moto, ctx: AppContext, data_dir: Path
) -> None:
    backend = provision(moto.url)
    create_agent(moto.url, backend.user_pool_id, "new.agent", "Temporary-Pass-1", confirmed=False)
    config = _config(backend)
    window = _window(qtbot, ctx)
    controller = AccountController(window, ctx, AccountService(config, data_dir), config)
    dialog = controller.sign_in(username="new.agent")
    qtbot.keyClicks(dialog.password, "Temporary-Pass-1")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.new_password.isVisible(), timeout=20_000)
    assert not dialog.password.isVisible()
    qtbot.keyClicks(dialog.new_password, "Chosen-Password-2026")
    qtbot.keyClicks(dialog.confirm_password, "Chosen-Password-2O26")
    dialog.ok_button.click()
    assert "not the same" in dialog.error.text()
    dialog.confirm_password.clear()
    qtbot.keyClicks(dialog.confirm_password, "Chosen-Password-2026")
    with qtbot.waitSignal(controller.store_switched, timeout=20_000):
        dialog.ok_button.click()  # the local profile is empty: adopted without asking
    qtbot.waitUntil(lambda: "Signed in as new.agent" in _menu(controller))
    window.close()


def test_the_menu_warns_days_before_sign_in_runs_out(
    qtbot, moto, ctx: AppContext, data_dir: Path
) -> None:
    config = _config(provision(moto.url), refresh_token_days="30")
    now = [datetime.now(UTC) - timedelta(days=27, hours=12)]  # signed in 27.5 days ago
    service = AccountService(config, data_dir, clock=lambda: now[0])
    service.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    now[0] = datetime.now(UTC)
    window = _window(qtbot, ctx)
    controller = AccountController(window, ctx, service, config)
    qtbot.waitUntil(lambda: any(t.startswith("⚠ Sign in again within") for t in _menu(controller)))
    assert "⚠ Sign in again within 2 days to keep syncing" in _menu(controller)
    window.close()


def test_without_a_backend_the_menu_and_status_bar_say_how_to_configure_one(
    qtbot, ctx: AppContext, data_dir: Path
) -> None:
    config = _config(None)
    window = _window(qtbot, ctx)
    controller = AccountController(window, ctx, AccountService(config, data_dir), config)
    qtbot.waitUntil(lambda: "No sync backend is configured" in _menu(controller))
    assert window.sync_label.text() == NO_BACKEND_STATUS
    assert window.account_menu.menuAction().isVisible()
    window.close()
