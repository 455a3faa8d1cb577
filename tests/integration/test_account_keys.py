"""Accounts separated by cryptography: a signed-in account's store key is wrapped by KMS beside
the store and sits in the keyring only while the account is signed in. Through the command line,
moto's Cognito and KMS over HTTP, and a real Secret Service."""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import sys
from pathlib import Path

import boto3
import pytest

from desktop_app.auth import secrets as items
from desktop_app.auth.profiles import read_session
from desktop_app.auth.secrets import SecretStore
from desktop_app.cli.main import main
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, create_agent, provision
from desktop_app.services.account_keys import wrapped_key_path
from desktop_app.storage.paths import database_path, profile_dir
from tests.fixtures.account_cli import (
    SECOND_PASSWORD,
    SECOND_USER,
    import_drafts,
    listed,
    login,
)



@pytest.fixture
def backend(moto, monkeypatch, tmp_path):
    backend = provision(moto.url, with_tables=False)
    create_agent(moto.url, backend.user_pool_id, SECOND_USER, SECOND_PASSWORD)
    for name, value in backend.settings().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return backend


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(data), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    run.data_dir = data
    return run


def signed_in_identity(cli) -> str:
    record = read_session(cli.data_dir)
    assert record is not None
    return record.identity_id


def folder_digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def kms_client(backend):
    return boto3.client(
        "kms",
        endpoint_url=backend.settings()["DESKTOP_APP_ENDPOINT_URL"],
        region_name=backend.settings()["DESKTOP_APP_REGION"],
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def test_sign_out_locks_the_drafts_and_the_same_accounts_sign_in_reopens_them(
    backend, secret_service, cli, tmp_path
):
    keyring = SecretStore()
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    identity = signed_in_identity(cli)
    drafts = import_drafts(cli, tmp_path, seed=1, count=2)
    wrapped = wrapped_key_path(cli.data_dir, identity)
    assert stat.S_IMODE(wrapped.stat().st_mode) == 0o600
    record = json.loads(wrapped.read_text(encoding="utf-8"))
    assert record["encryption_context"] == {"zoneinfo": identity}
    key_text = keyring.get(identity, items.DATA_KEY)
    assert key_text is not None and key_text not in wrapped.read_text(encoding="utf-8")

    code, _, err = cli("logout", "--force")
    assert code == 0, err
    for item in (items.DATA_KEY, items.DATA_KEY_NEXT, items.REFRESH_TOKEN, items.AWS_CREDENTIALS):
        assert keyring.get(identity, item) is None, item

    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    assert signed_in_identity(cli) == identity
    assert keyring.get(identity, items.DATA_KEY) == key_text  # the same key, not a new one
    assert listed(cli) == drafts


def test_signing_in_as_another_account_locks_the_first(backend, secret_service, cli, tmp_path):
    keyring = SecretStore()
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    first = signed_in_identity(cli)
    first_drafts = import_drafts(cli, tmp_path, seed=2, count=1)
    assert login(cli, SECOND_USER, SECOND_PASSWORD)[0] == 0
    assert keyring.get(first, items.DATA_KEY) is None
    assert listed(cli) == set()
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    assert listed(cli) == first_drafts


def test_another_account_cannot_open_a_signed_out_accounts_store_by_editing_files(
    backend, secret_service, cli, tmp_path
):
    keyring = SecretStore()
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    first = signed_in_identity(cli)
    import_drafts(cli, tmp_path, seed=3, count=2)
    assert cli("logout", "--force")[0] == 0
    assert login(cli, SECOND_USER, SECOND_PASSWORD)[0] == 0
    second = signed_in_identity(cli)
    import_drafts(cli, tmp_path, seed=4, count=1)
    first_folder = profile_dir(cli.data_dir, first)
    before = folder_digest(first_folder)

    # The pointer file names the first account's store.
    (cli.data_dir / "active_profile").write_text(first + "\n", encoding="utf-8")
    code, out, err = cli("drafts", "export", "--out", str(tmp_path / "out.json"))
    assert code != 0
    assert "sign in again as that account" in err and "import-recovery" in err
    # The session file claims the first account as well.
    session = json.loads((cli.data_dir / "signed_in_account.json").read_text(encoding="utf-8"))
    session["identity_id"] = first
    (cli.data_dir / "signed_in_account.json").write_text(json.dumps(session), encoding="utf-8")
    assert cli("drafts", "list", "--json")[0] != 0

    assert keyring.get(first, items.DATA_KEY) is None  # no key was made for it
    assert folder_digest(first_folder) == before  # nothing was written to its folder
    assert not (tmp_path / "out.json").exists()

    # The first account's wrapped key, relabelled for the second account, does not unwrap
    # under the second account's encryption context.
    session["identity_id"] = second
    (cli.data_dir / "signed_in_account.json").write_text(json.dumps(session), encoding="utf-8")
    (cli.data_dir / "active_profile").write_text(second + "\n", encoding="utf-8")
    stolen = json.loads(wrapped_key_path(cli.data_dir, first).read_text(encoding="utf-8"))
    stolen["encryption_context"] = {"zoneinfo": second}
    target = wrapped_key_path(cli.data_dir, second)
    second_key = keyring.get(second, items.DATA_KEY)
    keyring.delete(second, items.DATA_KEY)
    target.write_text(json.dumps(stolen), encoding="utf-8")
    code, _, err = login(cli, SECOND_USER, SECOND_PASSWORD)
    assert code != 0 and "import-recovery" in err
    assert keyring.get(second, items.DATA_KEY) is None
    assert second_key is not None


def test_an_expired_sign_in_keeps_the_drafts_open_offline(
    backend, secret_service, cli, tmp_path
):
    keyring = SecretStore()
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    identity = signed_in_identity(cli)
    drafts = import_drafts(cli, tmp_path, seed=5, count=2)
    session_path = cli.data_dir / "signed_in_account.json"
    session = json.loads(session_path.read_text(encoding="utf-8"))
    session["sign_in_required"] = True  # what a refused refresh token leaves behind
    session_path.write_text(json.dumps(session), encoding="utf-8")
    code, out, _ = cli("status")
    assert listed(cli) == drafts
    assert keyring.get(identity, items.DATA_KEY) is not None


def test_a_kms_unwrap_failure_offers_recovery_and_makes_no_key(
    backend, secret_service, cli, tmp_path, monkeypatch
):
    keyring = SecretStore()
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    identity = signed_in_identity(cli)
    drafts = import_drafts(cli, tmp_path, seed=6, count=1)
    assert cli("logout", "--force")[0] == 0
    folder = profile_dir(cli.data_dir, identity)
    before = folder_digest(folder)

    # The backend's KMS key was replaced: the wrapped copy is under a key the app may not use.
    replacement = kms_client(backend).create_key(Description="replacement")["KeyMetadata"]
    monkeypatch.setenv("DESKTOP_APP_KMS_KEY_ID", replacement["KeyId"])
    code, _, err = login(cli, DEMO_USERNAME, DEMO_PASSWORD)
    assert code == 1
    assert "keys import-recovery" in err and "No new key was made" in err
    assert keyring.get(identity, items.DATA_KEY) is None
    assert keyring.get(identity, items.DATA_KEY_NEXT) is None
    assert cli("drafts", "list", "--json")[0] != 0  # still refused, still no key
    assert keyring.get(identity, items.DATA_KEY) is None
    assert folder_digest(folder) == before

    # A damaged wrapped copy is refused the same way.
    monkeypatch.setenv("DESKTOP_APP_KMS_KEY_ID", backend.kms_key_id)
    wrapped = wrapped_key_path(cli.data_dir, identity)
    good = wrapped.read_text(encoding="utf-8")
    damaged = json.loads(good)
    damaged["ciphertext_blob"] = damaged["ciphertext_blob"][:-8] + "AAAAAAA="
    wrapped.write_text(json.dumps(damaged), encoding="utf-8")
    code, _, err = login(cli, DEMO_USERNAME, DEMO_PASSWORD)
    assert code == 1 and "keys import-recovery" in err
    assert keyring.get(identity, items.DATA_KEY) is None

    wrapped.write_text(good, encoding="utf-8")
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    assert listed(cli) == drafts


def test_a_first_sign_in_with_local_drafts_adopts_them_under_a_wrapped_key(
    backend, secret_service, cli, tmp_path
):
    keyring = SecretStore()
    local = import_drafts(cli, tmp_path, seed=7, count=1)
    local_key = keyring.get("local", items.DATA_KEY)
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD, "--adopt-local-profile")[0] == 0
    identity = signed_in_identity(cli)
    assert keyring.get(identity, items.DATA_KEY) == local_key
    assert database_path(cli.data_dir, identity).exists()
    assert cli("logout", "--force")[0] == 0
    assert keyring.get(identity, items.DATA_KEY) is None
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    assert listed(cli) == local
    assert os.path.exists(wrapped_key_path(cli.data_dir, identity))


def test_rotation_rewraps_the_kms_copy_so_sign_out_and_in_still_open_the_drafts(
    backend, secret_service, cli, tmp_path
):
    keyring = SecretStore()
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    identity = signed_in_identity(cli)
    drafts = import_drafts(cli, tmp_path, seed=8, count=2)
    wrapped = wrapped_key_path(cli.data_dir, identity)
    old_id = json.loads(wrapped.read_text(encoding="utf-8"))["key_id"]

    code, _, err = cli("keys", "rotate")
    assert code == 0, err
    new_text = keyring.get(identity, items.DATA_KEY)
    assert new_text is not None and not new_text.startswith(old_id + ":")
    assert json.loads(wrapped.read_text(encoding="utf-8"))["key_id"] == new_text.split(":")[0]

    assert cli("logout", "--force")[0] == 0
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    assert keyring.get(identity, items.DATA_KEY) == new_text
    assert listed(cli) == drafts


def test_sign_out_refuses_when_unsynced_drafts_could_not_be_opened_again(
    backend, secret_service, cli, tmp_path, monkeypatch
):
    keyring = SecretStore()
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    identity = signed_in_identity(cli)
    import_drafts(cli, tmp_path, seed=9, count=3)
    stale, fresh = tmp_path / "before-rotation.json", tmp_path / "after-rotation.json"
    passphrase = tmp_path / "passphrase"
    passphrase.write_text("synthetic passphrase for tests\n", encoding="utf-8")
    args = ("--passphrase-file", str(passphrase))
    assert cli("keys", "export-recovery", str(stale), *args)[0] == 0
    assert cli("keys", "rotate")[0] == 0  # the recovery file made before is stale now
    replacement = kms_client(backend).create_key(Description="replacement")["KeyMetadata"]
    monkeypatch.setenv("DESKTOP_APP_KMS_KEY_ID", replacement["KeyId"])

    code, _, err = cli("logout")
    assert code == 1
    assert "3 drafts are not synced yet" in err and "--force" in err and "recovery file" in err
    code, _, err = cli("logout", "--recovery-file", str(stale))
    assert code == 1 and "3 drafts are not synced yet" in err
    assert keyring.get(identity, items.DATA_KEY) is not None
    assert read_session(cli.data_dir) is not None  # still signed in

    code, _, err = cli("keys", "export-recovery", str(fresh), *args)
    assert code == 0, err
    code, _, err = cli("logout", "--recovery-file", str(fresh))
    assert code == 0, err
    assert keyring.get(identity, items.DATA_KEY) is None


def test_after_a_kms_refusal_a_recovery_file_brings_the_drafts_back_under_the_new_kms_key(
    backend, secret_service, cli, tmp_path, monkeypatch
):
    keyring = SecretStore()
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    identity = signed_in_identity(cli)
    drafts = import_drafts(cli, tmp_path, seed=10, count=2)
    recovery, passphrase = tmp_path / "recovery.json", tmp_path / "passphrase"
    passphrase.write_text("synthetic passphrase for tests\n", encoding="utf-8")
    args = ("--passphrase-file", str(passphrase))
    assert cli("keys", "export-recovery", str(recovery), *args)[0] == 0
    assert cli("logout", "--force")[0] == 0

    replacement = kms_client(backend).create_key(Description="replacement")["KeyMetadata"]
    monkeypatch.setenv("DESKTOP_APP_KMS_KEY_ID", replacement["KeyId"])
    code, _, err = login(cli, DEMO_USERNAME, DEMO_PASSWORD)
    assert code == 1 and "keys import-recovery" in err
    code, _, err = cli("keys", "import-recovery", str(recovery), *args)
    assert code == 0, err
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0
    wrapped = json.loads(wrapped_key_path(cli.data_dir, identity).read_text(encoding="utf-8"))
    assert wrapped["kms_key_id"] == replacement["KeyId"]  # wrapped anew under the new key
    assert listed(cli) == drafts

    assert cli("logout", "--force")[0] == 0
    assert keyring.get(identity, items.DATA_KEY) is None
    assert login(cli, DEMO_USERNAME, DEMO_PASSWORD)[0] == 0  # unwraps under the new key
    assert listed(cli) == drafts
