"""Secrets live only in the OS keyring: without a usable one sign-in stops with a plain message
and writes nothing anywhere, and after real use no secret is found on disk outside it."""

from __future__ import annotations

import io
import json
import logging
import random
import sys
from datetime import timedelta
from pathlib import Path

import keyring
import pytest
from keyring.backends import SecretService, fail, null

from desktop_app.auth import secrets as items
from desktop_app.auth.account_service import AccountService
from desktop_app.auth.errors import KeyringUnavailable
from desktop_app.auth.secrets import SecretStore
from desktop_app.cli.main import main
from desktop_app.config import load_config
from desktop_app.sampledata import synthetic_application
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME
from tests.fixtures.backend import ShiftedClock


@pytest.fixture
def app_dirs(tmp_path, monkeypatch, backend):
    """A HOME and XDG dirs of its own, the backend's settings in the environment."""
    dirs = {name: tmp_path / name for name in ("home", "config", "state", "cache", "data")}
    for path in dirs.values():
        path.mkdir()
    monkeypatch.setenv("HOME", str(dirs["home"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.setenv("XDG_STATE_HOME", str(dirs["state"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    monkeypatch.setenv("DESKTOP_APP_DATA_DIR", str(dirs["data"]))
    for name, value in backend.settings().items():
        monkeypatch.setenv(name, value)
    return dirs


@pytest.fixture
def restore_keyring():
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def files_under(*roots: Path) -> dict[str, bytes]:
    return {
        str(path): path.read_bytes()
        for root in roots
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def state_files(app_dirs: dict[str, Path]) -> dict[str, bytes]:
    """Everything written under the app's directories except its own log."""
    logs = app_dirs["data"] / "logs"
    return {
        name: data
        for name, data in files_under(*app_dirs.values()).items()
        if not Path(name).is_relative_to(logs)
    }


def login(monkeypatch, capsys, password: str, *extra: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    code = main(["login", "--username", DEMO_USERNAME, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def no_secret_service(monkeypatch, tmp_path):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus-here")
    return SecretService.Keyring()


@pytest.mark.parametrize(
    "make_backend",
    [
        pytest.param(lambda mp, tp: fail.Keyring(), id="no-backend"),
        pytest.param(lambda mp, tp: null.Keyring(), id="null-backend"),
        pytest.param(no_secret_service, id="secret-service-without-d-bus"),
    ],
)
def test_without_a_usable_keyring_login_says_what_to_install_and_writes_nothing(
    make_backend, app_dirs, restore_keyring, monkeypatch, capsys, tmp_path
):
    keyring.set_keyring(make_backend(monkeypatch, tmp_path))
    code, out, err = login(monkeypatch, capsys, DEMO_PASSWORD)

    assert code == 1
    assert "No usable system keyring" in err and "gnome-keyring" in err and "KWallet" in err
    assert "never in a plain file" in err
    assert DEMO_PASSWORD not in out + err
    assert state_files(app_dirs) == {}  # no session file, no profile, no fallback store
    logged = any(DEMO_PASSWORD.encode() in d for d in files_under(*app_dirs.values()).values())
    assert not logged


def test_a_locked_keyring_says_unlock_it_and_changes_nothing(
    app_dirs, secret_service, monkeypatch, capsys
):
    assert login(monkeypatch, capsys, DEMO_PASSWORD)[0] == 0
    before = state_files(app_dirs)
    secret_service.lock_all()

    code, _, err = login(monkeypatch, capsys, DEMO_PASSWORD)
    assert code == 1 and "keyring is locked" in err and "Unlock it" in err
    assert main(["logout"]) == 1
    assert "keyring is locked" in capsys.readouterr().err
    assert state_files(app_dirs) == before  # still signed in, nothing moved


def test_the_service_refuses_a_missing_keyring_before_contacting_cognito(
    backend, restore_keyring, tmp_path
):
    keyring.set_keyring(fail.Keyring())
    config = load_config(None, env=backend.settings(), read_default_file=False)
    service = AccountService(config, tmp_path / "data")
    with pytest.raises(KeyringUnavailable) as caught:
        service.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    assert not caught.value.locked
    assert not (tmp_path / "data").exists()


def test_after_sign_in_and_use_no_secret_is_on_disk_or_in_the_log(
    app_dirs, secret_service, monkeypatch, capsys, caplog
):
    caplog.set_level(logging.DEBUG, logger="desktop_app")
    drafts = app_dirs["home"] / "drafts.json"
    drafts.write_text(
        json.dumps(
            {
                "format": "leasedesk.applications",
                "version": 1,
                "documents": {},
                "applications": [synthetic_application(random.Random(7)).model_dump(mode="json")],
            }
        ),
        encoding="utf-8",
    )
    assert main(["drafts", "import", str(drafts)]) == 0
    code, out, err = login(monkeypatch, capsys, DEMO_PASSWORD, "--adopt-local-profile")
    assert code == 0, err

    clock = ShiftedClock(timedelta(minutes=-4))  # force a token and credentials renewal
    service = AccountService(load_config(None), Path(app_dirs["data"]), clock=clock)
    factory = service.aws_session_factory()
    dynamodb = factory.client("dynamodb")
    dynamodb.put_item(
        TableName=service.config.table_names.app,
        Item={
            "appid": {"S": f"{factory.identity_id}#0001"},
            "zoneinfo": {"S": factory.identity_id},
        },
    )
    assert factory.credentials.renewer.token_refresh_count == 1
    assert main(["drafts", "list", "--json"]) == 0

    store = SecretStore()
    identity_id = factory.identity_id
    refresh_token = store.get(identity_id, items.REFRESH_TOKEN)
    credentials = store.get_json(identity_id, items.AWS_CREDENTIALS)
    secrets = {
        "password": DEMO_PASSWORD,
        "refresh token": refresh_token,
        "secret key": credentials["secret_key"],
        "session token": credentials["token"],
    }
    assert all(secrets.values())
    on_disk = files_under(*app_dirs.values())
    assert any(name.endswith("leasedesk.sqlite3") for name in on_disk)  # the store is there
    printed = out + err + capsys.readouterr().out
    for what, secret in secrets.items():
        found = [name for name, data in on_disk.items() if secret.encode() in data]
        assert found == [], f"the {what} was written to {found}"
        logged, shown = secret in caplog.text, secret in printed  # no secret in failure output
        assert not logged, f"the {what} was logged"
        assert not shown, f"the {what} was printed"
