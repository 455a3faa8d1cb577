"""``desktop-app sync --once`` and ``status --json`` against the sandbox backend on moto, with a
real sign-in in a real keyring."""

from __future__ import annotations

import json

from desktop_app.auth.account_service import AccountService
from desktop_app.cli.main import main
from desktop_app.config import load_config
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
from desktop_app.services.local_store import open_account_store
from tests.fixtures.sync_setup import add_apps, synthetic_application


def test_sync_once_then_status_json(moto, secret_service, tmp_path, monkeypatch, capsys):
    backend = provision(moto.url)
    for key, value in backend.settings().items():
        monkeypatch.setenv(key, value)
    data = tmp_path / "data"
    monkeypatch.setenv("DESKTOP_APP_DATA_DIR", str(data))
    config = load_config(None, read_default_file=False)
    accounts = AccountService(config, data)
    identity = accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD).account.identity_id

    apps = [synthetic_application(co_applicants=1, lean=True) for _ in range(3)]
    poison = synthetic_application(lean=True)
    poison.application_info.notes = "n" * 410_000
    store = open_account_store(data, identity)
    add_apps(store, [*apps, poison])
    store.close()

    capsys.readouterr()
    assert main(["--data-dir", str(data), "sync", "--once"]) == 1  # the poison one failed
    out = capsys.readouterr().out
    assert "3 synced" in out and "1 needs attention" in out
    assert f"needs attention {poison.id} (step 1 Application, field application_info.notes)" in out
    assert "n" * 50 not in out  # never the content

    assert main(["--data-dir", str(data), "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["pending"] == 1 and status["synced"] == 3 and status["conflicts"] == 0
    # A run that left one behind is not "synced": the time stays unset until one that is.
    assert status["online"] is True and status["last_synced"] is None
    (attention,) = status["needs_attention"]
    assert attention["application_id"] == poison.id
    assert attention["field"] == "application_info.notes" and attention["step"] == "1 Application"

    # The agent shortens the notes: the next sync succeeds and exits 0.
    from desktop_app.services.autosave import AutosaveService

    store = open_account_store(data, identity)
    AutosaveService(store).save_field(poison.id, "application_info.notes", "short")
    store.close()
    capsys.readouterr()
    assert main(["--data-dir", str(data), "sync", "--once"]) == 0
    assert "1 synced" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["pending"] == 0 and status["synced"] == 4 and status["needs_attention"] == []
    assert status["last_synced"]


def test_sync_without_a_sign_in_says_so_and_exits_1(moto, tmp_path, monkeypatch, capsys):
    backend = provision(moto.url, with_tables=False)
    for key, value in backend.settings().items():
        monkeypatch.setenv(key, value)
    assert main(["--data-dir", str(tmp_path), "sync", "--once"]) == 1
    assert "signed in" in capsys.readouterr().err
