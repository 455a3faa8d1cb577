"""The whole loop through the composition root: the demo account on the sandbox backend (moto
over HTTP), a submit, ``desktop-app sync --once``, the event delivered to a local receiver with
the secret kept in a real Secret Service, and the outcome written to the app item."""

from __future__ import annotations

import json
import os
import sys
import threading

import pytest
from standardwebhooks import Webhook

import desktop_app.bootstrap as composition
from desktop_app.cli.main import main
from desktop_app.services.webhooks import settings as webhook_settings
from desktop_app.services.webhooks.outbox import DELIVERED
from desktop_app.services.webhooks.payload import PayloadMode
from desktop_app.services.webhooks.signing import new_secret


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    for name in list(os.environ):
        if name.startswith("DESKTOP_APP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    hooks = sys.excepthook, threading.excepthook
    yield tmp_path / "data"
    sys.excepthook, threading.excepthook = hooks


def test_a_submit_synced_from_the_command_line_reaches_the_receiver(
    moto, secret_service, isolated, monkeypatch, httpserver, capsys
):
    from desktop_app.auth.secrets import SecretStore
    from desktop_app.config import load_config
    from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
    from tests.fixtures.webhook_setup import complete_draft

    backend = provision(moto.url)
    for key, value in backend.settings().items():
        monkeypatch.setenv(key, value)
    config = load_config()
    accounts = composition.build_accounts(config, isolated)
    accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    identity = accounts.aws_session_factory().identity_id
    services = composition.bootstrap(isolated, config)
    secret = new_secret()
    webhook_settings.save(services.store, httpserver.url_for("/hook"), PayloadMode.REFERENCES)
    webhook_settings.set_secret(SecretStore(), identity, secret)
    draft = complete_draft(services.autosave)
    services.autosave.submit(draft.id)
    services.close()
    httpserver.expect_ordered_request("/hook").respond_with_json({"summary": {"status": "received"}})
    httpserver.expect_ordered_request("/hook").respond_with_data("no", status=400)
    assert hooks(isolated, capsys) == {"pending": 1, "failed": 0, "delivered": 0, "disabled": 0}

    assert main(["--data-dir", str(isolated), "sync", "--once"]) == 0
    assert hooks(isolated, capsys) == {"pending": 0, "failed": 0, "delivered": 1, "disabled": 0}
    (req, _resp) = httpserver.log[0]
    payload = Webhook(secret).verify(req.get_data(as_text=True), dict(req.headers))
    assert payload["data"]["zoneinfo"] == identity
    services = composition.bootstrap(isolated, config)
    try:
        from desktop_app.services.webhooks.outbox import for_application

        with services.store.engine.connect() as conn:
            (d,) = for_application(conn, draft.id)
        assert d.state == DELIVERED and d.written_back == 1
        services.autosave.submit(complete_draft(services.autosave, seed=5).id)
    finally:
        services.close()
    assert main(["--data-dir", str(isolated), "sync", "--once"]) == 0
    assert hooks(isolated, capsys) == {"pending": 0, "failed": 1, "delivered": 1, "disabled": 0}


def hooks(data, capsys) -> dict:
    capsys.readouterr()
    assert main(["--data-dir", str(data), "status", "--json"]) == 0
    return json.loads(capsys.readouterr().out)["webhooks"]
