"""Recovery files: ``keys export-recovery`` seals the data key under a passphrase, ``keys
import-recovery`` brings it back after the keyring lost it, and one made before a rotation
says it is stale instead of restoring an old key."""

import json
import random
import stat

import keyring

from desktop_app.cli.main import main
from desktop_app.sampledata import synthetic_application
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.local_store import open_account_store

PASSPHRASE = "correct horse battery staple"


def _data_with_drafts(tmp_path):
    apps = [synthetic_application(random.Random(i)) for i in range(2)]
    src = tmp_path / "apps.json"
    src.write_text(json.dumps({"applications": [a.model_dump(mode="json") for a in apps]}), encoding="utf-8")
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "drafts", "import", str(src)]) == 0
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return data, apps, secret


def _keys(data, action, file, secret):
    return main(["--data-dir", str(data), "keys", action, str(file), "--passphrase-file", str(secret)])


def test_recovery_round_trips_after_the_keyring_loses_the_key(tmp_path, capsys, secret_service):
    data, apps, secret = _data_with_drafts(tmp_path)
    key_before = keyring.get_password("desktop_app", "local/data_key")
    recovery = tmp_path / "recovery.json"
    assert _keys(data, "export-recovery", recovery, secret) == 0
    assert stat.S_IMODE(recovery.stat().st_mode) == 0o600
    raw = recovery.read_text(encoding="utf-8")
    assert key_before.split(":", 1)[1] not in raw  # the key is sealed, not copied
    assert apps[0].primary_applicant.ssn not in raw

    keyring.delete_password("desktop_app", "local/data_key")
    assert _keys(data, "import-recovery", recovery, secret) == 0
    assert "Restored data key" in capsys.readouterr().out
    assert keyring.get_password("desktop_app", "local/data_key") == key_before
    store = open_account_store(data)
    try:
        assert AutosaveService(store).load(apps[0].id).primary_applicant.ssn == apps[0].primary_applicant.ssn
    finally:
        store.close()


def test_a_wrong_passphrase_restores_nothing(tmp_path, capsys, secret_service):
    data, _apps, secret = _data_with_drafts(tmp_path)
    recovery = tmp_path / "recovery.json"
    assert _keys(data, "export-recovery", recovery, secret) == 0
    keyring.delete_password("desktop_app", "local/data_key")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all", encoding="utf-8")
    assert _keys(data, "import-recovery", recovery, wrong) == 1
    assert "passphrase does not open" in capsys.readouterr().err
    assert keyring.get_password("desktop_app", "local/data_key") is None


def test_a_recovery_file_made_before_a_rotation_says_it_is_stale(tmp_path, capsys, secret_service):
    data, _apps, secret = _data_with_drafts(tmp_path)
    old_file = tmp_path / "old-recovery.json"
    assert _keys(data, "export-recovery", old_file, secret) == 0
    assert main(["--data-dir", str(data), "keys", "rotate"]) == 0
    out = capsys.readouterr().out
    assert "stale" in out and "export-recovery" in out
    rotated = keyring.get_password("desktop_app", "local/data_key")

    keyring.delete_password("desktop_app", "local/data_key")
    assert _keys(data, "import-recovery", old_file, secret) == 1
    err = capsys.readouterr().err
    assert "older key" in err and "rotated on" in err and "make a new one" in err
    assert keyring.get_password("desktop_app", "local/data_key") is None  # the old key stays out

    keyring.set_password("desktop_app", "local/data_key", rotated)
    new_file = tmp_path / "new-recovery.json"
    assert _keys(data, "export-recovery", new_file, secret) == 0
    keyring.delete_password("desktop_app", "local/data_key")
    assert _keys(data, "import-recovery", new_file, secret) == 0
    assert keyring.get_password("desktop_app", "local/data_key") == rotated


def test_a_hostile_recovery_file_is_refused_plainly(tmp_path, capsys, secret_service):
    data, _apps, secret = _data_with_drafts(tmp_path)
    recovery = tmp_path / "recovery.json"
    assert _keys(data, "export-recovery", recovery, secret) == 0
    document = json.loads(recovery.read_text(encoding="utf-8"))
    document["kdf"]["n"] = 2**30  # would take gigabytes of memory
    recovery.write_text(json.dumps(document), encoding="utf-8")
    assert _keys(data, "import-recovery", recovery, secret) == 1
    assert "does not accept" in capsys.readouterr().err
    (tmp_path / "junk.json").write_bytes(b"\xff\x00" * 100)
    assert _keys(data, "import-recovery", tmp_path / "junk.json", secret) == 1
    assert "not a LeaseDesk recovery file" in capsys.readouterr().err


def test_a_rotation_stopped_half_way_is_recorded_at_the_next_open(tmp_path, capsys, secret_service):
    import pytest

    from desktop_app.services.local_store import rotate_key

    data, apps, secret = _data_with_drafts(tmp_path)
    old_file = tmp_path / "old-recovery.json"
    assert _keys(data, "export-recovery", old_file, secret) == 0

    def killed(_key):
        raise KeyboardInterrupt  # stopped after re-sealing, before the new key took over

    with pytest.raises(KeyboardInterrupt):
        rotate_key(data, on_new_key=killed)
    assert keyring.get_password("desktop_app", "local/data_key_next")
    store = open_account_store(data)  # the half-done rotation: the new key seals now
    try:
        assert AutosaveService(store).load(apps[1].id).primary_applicant.ssn == apps[1].primary_applicant.ssn
    finally:
        store.close()
    new_file = tmp_path / "new-recovery.json"
    assert _keys(data, "export-recovery", new_file, secret) == 0
    capsys.readouterr()
    assert _keys(data, "import-recovery", old_file, secret) == 1
    assert "older key" in capsys.readouterr().err
    assert _keys(data, "import-recovery", new_file, secret) == 0
