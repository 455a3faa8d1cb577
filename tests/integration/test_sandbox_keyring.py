"""The sandbox's keyring entries live under a service of their own, carry readable labels,
are removed when it quits (or at the next sandbox start after a killed run), and are never
read as a real profile's."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import textwrap

import secretstorage

from desktop_app.auth import secrets as items
from desktop_app.auth.secrets import SANDBOX_SERVICE, SERVICE_NAME, SecretStore
from desktop_app.sandbox import start_embedded_sandbox
from desktop_app.sandbox.keyring_scope import leave_sandbox_keyring
from desktop_app.services.local_store import open_account_store
from desktop_app.ui.local_session import open_session, reopen_store


def _entries():
    """(service, user name, label) of every item in the keyring."""
    connection = secretstorage.dbus_init()
    try:
        found = []
        for collection in secretstorage.get_all_collections(connection):
            for item in collection.get_all_items():
                attributes = item.get_attributes()
                found.append((attributes.get("service"), attributes.get("username"), item.get_label()))
        return found
    finally:
        connection.close()


def _sandbox_entries():
    return [e for e in _entries() if e[0] == SANDBOX_SERVICE]


def test_a_sandbox_run_leaves_nothing_in_the_keyring(tmp_path, secret_service, monkeypatch):
    for name in list(os.environ):
        if name.startswith("DESKTOP_APP_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    before = _entries()
    opened = open_session(argparse.Namespace(sandbox=True, data_dir=None, config=None))
    services = opened.services
    try:
        with start_embedded_sandbox() as sandbox:
            services = services.with_backend(sandbox.config())
            assert services.accounts is not None
            signed_in = services.accounts.sign_in(sandbox.demo_username, sandbox.demo_password)
            services = reopen_store(services).services
            during = _sandbox_entries()
            assert any(user == "local/data_key" for _s, user, _l in during)
            assert any(user.endswith("/refresh_token") for _s, user, _l in during)
            labels = {user: label for _s, user, label in during}
            assert labels["local/data_key"] == "LeaseDesk sandbox data key for the local profile"
            services.close()
            services.accounts.sign_out()
    finally:
        leave_sandbox_keyring()
    assert _sandbox_entries() == []
    assert _entries() == before  # nothing in the real service either
    assert SecretStore().get(signed_in.account.identity_id, items.REFRESH_TOKEN) is None


def test_a_killed_sandbox_run_is_cleaned_at_the_next_start_and_never_reused(tmp_path, secret_service):
    child = textwrap.dedent(
        """
        import os, sys
        from desktop_app.sandbox.keyring_scope import enter_sandbox_keyring
        from desktop_app.services.local_store import open_account_store
        from pathlib import Path
        enter_sandbox_keyring()
        open_account_store(Path(sys.argv[1])).close()
        print("ready", flush=True)
        sys.stdin.read()
        """
    )
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"}
    process = subprocess.Popen(
        [sys.executable, "-c", child, str(tmp_path / "sandbox-data")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
    )
    try:
        assert process.stdout.readline().strip() == b"ready"
        sandbox_key = SecretStore(service=SANDBOX_SERVICE).get("local", items.DATA_KEY)
        assert sandbox_key
    finally:
        process.kill()  # no clean exit
        process.wait()

    # A real offline profile made now does not see the sandbox's key.
    open_account_store(tmp_path / "real-data").close()
    real_key = SecretStore(service=SERVICE_NAME).get("local", items.DATA_KEY)
    assert real_key and real_key != sandbox_key

    from desktop_app.sandbox.keyring_scope import enter_sandbox_keyring

    try:
        enter_sandbox_keyring()  # the next sandbox start
        assert SecretStore().get("local", items.DATA_KEY) is None
    finally:
        leave_sandbox_keyring()
    assert _sandbox_entries() == []
    assert SecretStore().get("local", items.DATA_KEY) == real_key


def test_real_entries_carry_a_readable_label(tmp_path, secret_service):
    open_account_store(tmp_path / "data").close()
    labels = {user: label for service, user, label in _entries() if service == SERVICE_NAME}
    assert labels["local/data_key"] == "LeaseDesk data key for the local profile"
