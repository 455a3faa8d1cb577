"""The composition root: the window's session and the command line each build the services once
through ``desktop_app.bootstrap``, over the same store, and the sync service is assembled only
there. Real SQLite files, the data key in a real Secret Service, moto over HTTP for the sync."""

from __future__ import annotations

import argparse
import ast
import json
import logging
import os
import sys
import threading
from pathlib import Path

import pytest

import desktop_app
import desktop_app.bootstrap as composition
from desktop_app.cli.main import main
from desktop_app.logs import _AppFileHandler


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """No agent configuration leaks in; the log handlers and hooks the app installs are
    removed afterwards."""
    for name in list(os.environ):
        if name.startswith("DESKTOP_APP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    hooks = sys.excepthook, threading.excepthook
    yield tmp_path / "data"
    sys.excepthook, threading.excepthook = hooks
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _AppFileHandler)]:
        root.removeHandler(handler)
        handler.close()


@pytest.fixture
def built(monkeypatch) -> list[composition.Services]:
    """Every container the app builds, in order."""
    containers: list[composition.Services] = []
    real = composition.bootstrap

    def counting(*args, **kwargs):
        services = real(*args, **kwargs)
        containers.append(services)
        return services

    monkeypatch.setattr(composition, "bootstrap", counting)
    return containers


def test_the_window_and_the_command_line_each_build_one_container_over_the_same_store(
    secret_service, isolated: Path, built, capsys
) -> None:
    from desktop_app.ui.local_session import open_session

    data = isolated
    opened = open_session(argparse.Namespace(data_dir=str(data), config=None, sandbox=False))
    try:
        assert built == [opened.services]
        services = opened.services
        # One store behind every service, and the account service for the same data dir.
        assert services.autosave.store is services.store
        assert services.profiles.store is services.store
        assert services.accounts is not None and services.accounts.data_dir == data
        assert services.config is not None and not services.config.backend_configured
        app = services.autosave.create_draft()
        assert [row.id for row in services.summaries.list()] == [app.id]
    finally:
        services.close()

    capsys.readouterr()
    assert main(["--data-dir", str(data), "drafts", "list", "--json"]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == [app.id]
    assert len(built) == 2 and built[1] is not services
    assert built[1].data_dir == data and built[1].store.path == services.store.path


def test_a_store_switch_keeps_the_account_service_and_rebuilds_the_store_services(
    secret_service, isolated: Path, built
) -> None:
    from desktop_app.ui.local_session import open_session, reopen_store

    opened = open_session(argparse.Namespace(data_dir=str(isolated), config=None, sandbox=False))
    before = opened.services
    app = before.autosave.create_draft()
    reopened = reopen_store(before)
    after = reopened.services
    try:
        assert after.accounts is before.accounts and after.config is before.config
        assert after.store is not before.store and after.autosave.store is after.store
        assert after.summaries.store is after.store and after.profiles.store is after.store
        assert [row.id for row in reopened.rows.rows] == [app.id]
    finally:
        after.close()


def test_a_bare_container_cannot_make_a_sync_service(secret_service, isolated: Path) -> None:
    isolated.mkdir(parents=True)
    services = composition.bootstrap(isolated)
    try:
        assert services.accounts is None and services.config is None
        with pytest.raises(ValueError):
            services.sync_service()
    finally:
        services.close()


def test_sync_once_assembles_its_sync_service_in_the_composition_root(
    moto, secret_service, isolated: Path, built, monkeypatch, capsys
) -> None:
    from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
    from tests.fixtures.sync_setup import add_apps, synthetic_application

    backend = provision(moto.url)
    for key, value in backend.settings().items():
        monkeypatch.setenv(key, value)
    data = isolated
    assert main(["--data-dir", str(data), "drafts", "list"]) == 0  # the local profile's store
    accounts = composition.build_accounts(built[0].config, data)
    accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    services = composition.bootstrap(data, built[0].config)  # the account's store now
    add_apps(services.store, [synthetic_application(lean=True)])
    services.close()

    assembled = []
    real = composition.build_sync_service

    def counting(store, *args, **kwargs):
        assembled.append(store)
        return real(store, *args, **kwargs)

    monkeypatch.setattr(composition, "build_sync_service", counting)
    capsys.readouterr()
    assert main(["--data-dir", str(data), "sync", "--once"]) == 0
    assert "1 synced" in capsys.readouterr().out
    assert assembled == [built[-1].store]


def test_only_the_composition_root_assembles_a_sync_service_or_an_account_service() -> None:
    """Wiring stays in one place: no other module of the app constructs these two."""
    package = Path(desktop_app.__file__).parent
    builders: dict[str, list[str]] = {"SyncService": [], "AccountService": []}
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in builders:
                    builders[node.func.id].append(path.relative_to(package).as_posix())
    assert builders == {"SyncService": ["bootstrap.py"], "AccountService": ["bootstrap.py"]}
