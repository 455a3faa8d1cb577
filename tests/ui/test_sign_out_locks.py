"""Signing out from the account menu locks the account's drafts: the sign-out question says how
many are not synced and what brings them back, the store key leaves the keyring, and the same
account's next sign-in shows them again. Against moto (Cognito, KMS) over HTTP and a real
Secret Service, with real widgets offscreen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app.auth import secrets as items
from desktop_app.auth.account_service import AccountService
from desktop_app.auth.secrets import SecretStore
from desktop_app.config import load_config
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
from desktop_app.services.local_store import open_account_store
from desktop_app.storage.paths import LOCAL_PROFILE, active_profile
from desktop_app.ui.account_ui import AccountController
from desktop_app.ui.applications_model import Column
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.shell_fixtures import make_application


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def ctx(data_dir: Path, secret_service, qapp, qsettings_dir) -> Iterator[AppContext]:
    context = AppContext.open(data_dir, open_account_store(data_dir))
    yield context
    context.close()


def _config(backend, **overrides):
    env = dict(backend.settings())
    env.update({f"DESKTOP_APP_{k.upper()}": v for k, v in overrides.items()})
    # USER_PASSWORD_AUTH: moto does not check the SRP password claim (docs/accounts.md).
    env["DESKTOP_APP_AUTH_FLOW"] = "USER_PASSWORD_AUTH"
    return load_config(None, env=env, read_default_file=False)


def _window(qtbot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    return window


def _names(window: MainWindow) -> list[str]:
    return [window.model.index(r, Column.NAME).data() for r in range(window.model.rowCount())]


def _sign_in(qtbot, controller: AccountController) -> None:
    dialog = controller.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    with qtbot.waitSignal(controller.store_switched, timeout=20_000):
        dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: any(a.text() == "Sign &out…" for a in controller.menu.actions()), timeout=20_000
    )


def _sign_out_action(controller: AccountController):
    return next(a for a in controller.menu.actions() if a.text() == "Sign &out…")


class Answers(list):
    """The (title, text) of each question asked; ``reply`` is the button every one gets."""

    reply = {"button": QMessageBox.StandardButton.Yes}


@pytest.fixture
def asked(monkeypatch) -> Answers:
    answers = Answers()
    answers.reply = reply = {"button": QMessageBox.StandardButton.Yes}

    def question(_parent, title, text, *_a):
        answers.append((title, text))
        return reply["button"]

    monkeypatch.setattr(QMessageBox, "question", question)
    return answers


def test_sign_out_says_how_many_are_unsynced_locks_them_and_sign_in_reopens_them(
    qtbot, moto, ctx: AppContext, data_dir: Path, asked
) -> None:
    config = _config(provision(moto.url))
    window = _window(qtbot, ctx)
    controller = AccountController(window, ctx, AccountService(config, data_dir), config)
    _sign_in(qtbot, controller)  # the empty local profile is adopted without asking
    identity = active_profile(data_dir)
    assert identity != LOCAL_PROFILE
    with ctx.store.uow() as uow:
        uow.applications.add(make_application("Harper", "Lane"))
        uow.applications.add(make_application("Rowan", "Park"))
        uow.commit()
    keyring = SecretStore()
    assert keyring.get(identity, items.DATA_KEY) is not None

    with qtbot.waitSignal(controller.store_switched, timeout=20_000):
        _sign_out_action(controller).trigger()
    title, text = asked[-1]
    assert title == "Sign out"
    assert "2 drafts are not synced yet" in text and "needs the network" in text
    assert active_profile(data_dir) == LOCAL_PROFILE
    assert _names(window) == []
    assert keyring.get(identity, items.DATA_KEY) is None  # locked until the same sign-in

    _sign_in(qtbot, controller)
    assert active_profile(data_dir) == identity
    qtbot.waitUntil(lambda: sorted(_names(window)) == ["Harper Lane", "Rowan Park"])
    window.close()


def test_without_the_key_service_sign_out_warns_and_no_keeps_everything(
    qtbot, moto, ctx: AppContext, data_dir: Path, asked
) -> None:
    backend = provision(moto.url)
    config = _config(backend)
    service = AccountService(config, data_dir)
    window = _window(qtbot, ctx)
    controller = AccountController(window, ctx, service, config)
    _sign_in(qtbot, controller)
    identity = active_profile(data_dir)
    with ctx.store.uow() as uow:
        uow.applications.add(make_application("Harper", "Lane"))
        uow.commit()
    # The key service stops accepting the key the store was wrapped with.
    kms = boto3.client(
        "kms",
        endpoint_url=moto.url,
        region_name=config.region,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    replacement = kms.create_key()["KeyMetadata"]["KeyId"]
    service.config = config.model_copy(update={"kms_key_id": replacement})
    asked.reply["button"] = QMessageBox.StandardButton.No

    _sign_out_action(controller).trigger()
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
    title, text = asked[-1]
    assert title == "Sign out — applications not synced"
    assert "1 draft is not synced yet" in text and "recovery file" in text
    assert "Sign out anyway?" in text
    assert active_profile(data_dir) == identity  # nothing changed
    assert SecretStore().get(identity, items.DATA_KEY) is not None
    assert service.current_account() is not None
    window.close()


def test_a_key_kms_refuses_is_offered_back_from_a_recovery_file_in_the_sign_in_dialog(
    qtbot, moto, ctx: AppContext, data_dir: Path, asked, tmp_path: Path
) -> None:
    from desktop_app.services.local_store import export_recovery

    backend = provision(moto.url)
    config = _config(backend)
    service = AccountService(config, data_dir)
    window = _window(qtbot, ctx)
    controller = AccountController(window, ctx, service, config)
    _sign_in(qtbot, controller)
    identity = active_profile(data_dir)
    with ctx.store.uow() as uow:
        uow.applications.add(make_application("Harper", "Lane"))
        uow.commit()
    recovery, passphrase = tmp_path / "recovery.json", "synthetic passphrase for tests"
    export_recovery(data_dir, recovery, passphrase)
    with qtbot.waitSignal(controller.store_switched, timeout=20_000):
        _sign_out_action(controller).trigger()

    kms = boto3.client(
        "kms",
        endpoint_url=moto.url,
        region_name=config.region,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    service.config = config.model_copy(update={"kms_key_id": kms.create_key()["KeyMetadata"]["KeyId"]})
    dialog = controller.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.recovery is not None, timeout=20_000)
    assert dialog.recovery.isVisible() and dialog.error.isVisible()
    assert "No new key was made" in dialog.error.text()
    assert SecretStore().get(identity, items.DATA_KEY) is None

    with qtbot.waitSignal(dialog.recovery.finished, timeout=20_000) as restored:
        dialog.recovery.restore(recovery, passphrase)
    assert restored.args[0] is True, restored.args[1]
    with qtbot.waitSignal(controller.store_switched, timeout=20_000):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: _names(window) == ["Harper Lane"])
    window.close()
