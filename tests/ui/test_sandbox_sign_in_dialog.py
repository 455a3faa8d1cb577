"""In the sandbox every sign-in dialog offers the demo agent — the first one and the ones after
a sign-out — with the password filled in and written out where the agent can read it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
from desktop_app.sandbox.server import SandboxHandle
from desktop_app.services.local_store import open_account_store
from desktop_app.ui.account_ui import AccountController
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow


@pytest.fixture
def ctx(tmp_path: Path, secret_service, qapp, qsettings_dir) -> Iterator[AppContext]:
    context = AppContext.open(tmp_path / "data", open_account_store(tmp_path / "data"))
    yield context
    context.close()


def _menu(controller: AccountController) -> list[str]:
    return [a.text() for a in controller.menu.actions() if not a.isSeparator()]


def _shows_demo_agent(controller: AccountController) -> None:
    dialog = controller.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.username.text() == DEMO_USERNAME
    assert dialog.password.text() == DEMO_PASSWORD
    assert DEMO_PASSWORD in dialog.intro.text()  # readable, not only dots in the field


def test_every_sandbox_sign_in_dialog_offers_the_demo_password(
    qtbot, monkeypatch, moto, ctx: AppContext
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    handle = SandboxHandle(backend=provision(moto.url), _server=None)  # moto runs the fixture's
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    controller = AccountController(window, ctx, config=handle.config())
    controller._sandbox_ready((handle, handle.config()))  # what --sandbox does once it is up
    assert DEMO_PASSWORD in window.pane.banner.text()

    _shows_demo_agent(controller)
    assert controller.dialog is not None
    with qtbot.waitSignal(controller.store_switched, timeout=20_000):
        controller.dialog.ok_button.click()
    qtbot.waitUntil(lambda: f"Signed in as {DEMO_USERNAME}" in _menu(controller))

    with qtbot.waitSignal(controller.store_switched, timeout=20_000):
        next(a for a in controller.menu.actions() if a.text() == "Sign &out…").trigger()
    qtbot.waitUntil(lambda: "Not signed in" in _menu(controller))

    next(a for a in controller.menu.actions() if a.text() == "&Sign in…").trigger()
    _shows_demo_agent(controller)
    controller.sandbox = None  # the fixture's moto is not this handle's to stop
    window.close()
