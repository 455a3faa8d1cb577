"""The local data key lives in the keyring: ``keys rotate``, and the plain error without one."""

import json
import random

from desktop_app.cli.main import main
from desktop_app.sampledata import synthetic_application
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.local_store import open_account_store
from desktop_app.storage.paths import database_path


def write_file(tmp_path):
    apps = [synthetic_application(random.Random(i)) for i in range(3)]
    src = tmp_path / "apps.json"
    src.write_text(json.dumps({"applications": [a.model_dump(mode="json") for a in apps]}, ensure_ascii=False), encoding="utf-8")
    return apps, src


def test_keys_rotate_re_encrypts_and_everything_still_opens(tmp_path, capsys, secret_service):
    import keyring

    apps, src = write_file(tmp_path)
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "drafts", "import", str(src)]) == 0
    before = keyring.get_password("desktop_app", "local/data_key")
    raw_before = database_path(data).read_bytes()
    assert main(["--data-dir", str(data), "keys", "rotate"]) == 0
    assert "Re-encrypted 3 application(s)" in capsys.readouterr().out
    after = keyring.get_password("desktop_app", "local/data_key")
    assert before and after and before != after
    assert keyring.get_password("desktop_app", "local/data_key_next") is None
    assert database_path(data).read_bytes() != raw_before
    store = open_account_store(data)
    loaded = AutosaveService(store).load(apps[0].id)
    store.close()
    assert loaded.primary_applicant.ssn == apps[0].primary_applicant.ssn


def test_without_a_keyring_the_cli_says_what_to_install_and_writes_nothing(tmp_path, capsys, monkeypatch):
    import keyring
    from keyring.backends import fail

    _, src = write_file(tmp_path)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        code = main(["--data-dir", str(tmp_path / "data"), "drafts", "import", str(src)])
    finally:
        keyring.set_keyring(previous)
    err = capsys.readouterr().err
    assert code == 1
    assert "gnome-keyring" in err and "Nothing was written" in err
    assert not database_path(tmp_path / "data").exists()


def test_locked_keyring_is_reported_plainly(tmp_path, capsys, secret_service):
    _, src = write_file(tmp_path)
    assert main(["--data-dir", str(tmp_path / "d"), "drafts", "import", str(src)]) == 0
    secret_service.lock_all()
    code = main(["--data-dir", str(tmp_path / "d"), "drafts", "list"])
    assert code == 1 and "locked" in capsys.readouterr().err
