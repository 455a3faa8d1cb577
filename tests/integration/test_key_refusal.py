"""A store never gets a second key: when its key is missing from the keyring, opening it is
refused with a message naming the key and the way back, and nothing is written."""

import json
import random

import keyring
import pytest

from desktop_app.auth.errors import DataKeyMissing
from desktop_app.cli.main import main
from desktop_app.sampledata import synthetic_application
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.local_store import open_account_store
from desktop_app.storage.paths import database_path, profile_dir


def _snapshot(folder):
    return {
        p.relative_to(folder): (p.stat().st_size, p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }




def _import_one(tmp_path, data):
    app = synthetic_application(random.Random(3))
    src = tmp_path / "apps.json"
    src.write_text(json.dumps({"applications": [app.model_dump(mode="json")]}), encoding="utf-8")
    assert main(["--data-dir", str(data), "drafts", "import", str(src)]) == 0
    return app


def test_a_lost_key_is_refused_by_name_and_nothing_is_written(tmp_path, capsys, secret_service):
    data = tmp_path / "data"
    _import_one(tmp_path, data)
    keyring.delete_password("desktop_app", "local/data_key")  # a keyring reset
    capsys.readouterr()
    before = _snapshot(profile_dir(data))

    with pytest.raises(DataKeyMissing) as refused:
        open_account_store(data)
    code = main(["--data-dir", str(data), "drafts", "list"])

    err = capsys.readouterr().err
    assert code == 1
    for message in (str(refused.value), err):
        assert "local/data_key" in message
        assert "keys import-recovery" in message
        assert "Nothing was written" in message
    assert keyring.get_password("desktop_app", "local/data_key") is None  # no second key
    assert _snapshot(profile_dir(data)) == before


def test_the_refusal_names_a_way_back_that_fits_the_account(tmp_path, secret_service):
    data = tmp_path / "data"
    path = database_path(data, "us-east-1:abc")
    path.parent.mkdir(parents=True)
    path.write_bytes(b"x" * 4096)  # a store that holds data
    with pytest.raises(DataKeyMissing) as refused:
        open_account_store(data, "us-east-1:abc", recover_hint="sign in again as that account")
    assert "sign in again as that account" in str(refused.value)
    assert "us-east-1:abc/data_key" in str(refused.value)
    assert keyring.get_password("desktop_app", "us-east-1:abc/data_key") is None


def test_a_new_or_empty_store_still_gets_its_first_key(tmp_path, secret_service):
    data = tmp_path / "data"
    open_account_store(data).close()
    first = keyring.get_password("desktop_app", "local/data_key")
    assert first
    open_account_store(data).close()
    assert keyring.get_password("desktop_app", "local/data_key") == first
