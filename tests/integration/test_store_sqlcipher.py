"""The whole store file under SQLCipher: unreadable without its key (WAL included), converted in
place from plain SQLite with its ``user_version``, backups encrypted, a wrong key refused with
nothing written, and a rotation stopped part-way still opening."""

import base64
import hashlib
import random
import shutil
import sqlite3
from datetime import date

import pytest

from desktop_app.sampledata import synthetic_application
from desktop_app.services.autosave import AutosaveService
from desktop_app.storage import sqlcipher
from desktop_app.storage.crypto import Cipher, DataKey, file_key
from desktop_app.storage.db import backup_file
from desktop_app.storage.store import open_store

#: Synthetic values of fields that are not sealed field by field: only the file encryption
#: keeps them out of the file.
CANARY_FIRST = "Zqvexlorn"
CANARY_STREET = "4417 Quibbleworth Ave"
CANARY_EMAIL = "zq.vexlorn@example.test"
CANARY_EMPLOYER = "Plinthwick Canary Works"
CANARIES = (CANARY_FIRST, CANARY_STREET, CANARY_EMAIL, CANARY_EMPLOYER)


def folder_bytes(path) -> bytes:
    """The store and everything beside it named after it (WAL, shared memory, backups)."""
    return b"".join(p.read_bytes() for p in sorted(path.parent.iterdir())
                    if p.is_file() and p.name.startswith(path.name))


def leaks(blob: bytes) -> list[str]:
    return [c for c in CANARIES
            if c.encode() in blob or base64.b64encode(c.encode()) in blob]


def fill(svc: AutosaveService) -> str:
    app = svc.create_draft(synthetic_application(random.Random(5), today=date(2026, 11, 26)))
    svc.save_field(app.id, "primary_applicant.first_name", CANARY_FIRST)
    svc.save_field(app.id, "primary_applicant.email", CANARY_EMAIL)
    svc.save_field(app.id, "primary_applicant.current_address.street", CANARY_STREET)
    svc.save_field(app.id, "primary_applicant.employment.employer", CANARY_EMPLOYER)
    return app.id


def digest(folder) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.iterdir()) if p.is_file()}


def test_plain_sqlite_cannot_read_the_store_and_no_canary_is_in_the_file_or_its_wal(tmp_path):
    path = tmp_path / "db.sqlite3"
    store = open_store(path, Cipher(DataKey.generate()))
    app_id = fill(AutosaveService(store))
    try:
        # Still open: the latest autosaves sit in the WAL.
        assert path.with_name(path.name + "-wal").stat().st_size > 0
        assert leaks(folder_bytes(path)) == []
        with pytest.raises(sqlite3.DatabaseError):
            sqlite3.connect(path).execute("select * from sqlite_master").fetchall()
        assert AutosaveService(store).load(app_id).primary_applicant.first_name == CANARY_FIRST
    finally:
        store.close()
    assert leaks(folder_bytes(path)) == []


def test_a_plain_store_is_converted_in_place_with_its_data(tmp_path):
    path = tmp_path / "db.sqlite3"
    plain = open_store(path)
    app_id = fill(AutosaveService(plain))
    plain.close()
    assert sqlcipher.is_plain(path) and leaks(folder_bytes(path)) != []
    cipher = Cipher(DataKey.generate())
    store = open_store(path, cipher)
    try:
        assert AutosaveService(store).load(app_id).primary_applicant.email == CANARY_EMAIL
    finally:
        store.close()
    assert not sqlcipher.is_plain(path)
    assert leaks(b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite3"]


def test_conversion_keeps_user_version(tmp_path):
    path = tmp_path / "db.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE t (x)")
    raw.execute("INSERT INTO t VALUES ('kept')")
    raw.execute("PRAGMA user_version = 7")
    raw.commit()
    raw.close()
    key = file_key(DataKey.generate())
    sqlcipher.encrypt_in_place(path, key)
    conn = sqlcipher.connect(path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (7,)
        assert conn.execute("SELECT x FROM t").fetchall() == [("kept",)]
    finally:
        conn.close()


def test_backups_are_encrypted_under_the_stores_key(tmp_path):
    path = tmp_path / "db.sqlite3"
    cipher = Cipher(DataKey.generate())
    store = open_store(path, cipher)
    app_id = fill(AutosaveService(store))
    backup = backup_file(path, "before-test", store.file_key)
    store.close()
    assert leaks(backup.read_bytes()) == []
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(backup).execute("select * from sqlite_master").fetchall()
    restored = open_store(backup, cipher)
    try:
        assert AutosaveService(restored).load(app_id).primary_applicant.first_name == CANARY_FIRST
    finally:
        restored.close()


def test_a_plain_backup_left_beside_the_store_does_not_stay_in_clear(tmp_path):
    path = tmp_path / "db.sqlite3"
    plain = open_store(path)
    fill(AutosaveService(plain))
    plain.close()
    backup_file(path, "before-0004")
    assert leaks(folder_bytes(path)) != []
    open_store(path, Cipher(DataKey.generate())).close()
    assert leaks(b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())) == []


def test_a_store_that_does_not_open_with_the_key_is_refused_and_nothing_is_written(tmp_path):
    path = tmp_path / "db.sqlite3"
    store = open_store(path, Cipher(DataKey.generate()))
    fill(AutosaveService(store))
    store.close()
    stray = sqlite3.connect(tmp_path / "db.sqlite3.before-0001-20260101T000000.bak")
    stray.execute("CREATE TABLE t (x)")  # a plain backup beside it is left alone too
    stray.commit()
    stray.close()
    before = digest(tmp_path)
    with pytest.raises(sqlcipher.StoreKeyMismatch) as refused:
        open_store(path, Cipher(DataKey.generate()))
    assert "data key" in str(refused.value)
    assert digest(tmp_path) == before


def test_a_rotation_stopped_before_the_rekey_still_opens_and_finishes_on_the_new_key(tmp_path):
    old = Cipher(DataKey.generate())
    path = tmp_path / "db.sqlite3"
    store = open_store(path, old)
    app_id = fill(AutosaveService(store))
    store.close()
    new = DataKey.generate()
    transition = open_store(path, Cipher(new, older=(old.current,)))  # the file: old key
    transition.close()
    assert sqlcipher.opens_with(path, file_key(new))
    only_new = open_store(path, Cipher(new, older=(old.current,)))
    try:
        assert AutosaveService(only_new).load(app_id).primary_applicant.first_name == CANARY_FIRST
    finally:
        only_new.close()


def test_a_plain_store_a_killed_process_left_with_its_wal_converts_with_the_wals_edits(tmp_path):
    path = tmp_path / "old" / "db.sqlite3"
    plain = open_store(path)
    app_id = fill(AutosaveService(plain))
    left = tmp_path / "left"
    shutil.copytree(path.parent, left)  # while open: the last edits are only in the WAL
    plain.close()
    copy = left / path.name
    assert copy.with_name(copy.name + "-wal").stat().st_size > 0
    store = open_store(copy, Cipher(DataKey.generate()))
    try:
        assert AutosaveService(store).load(app_id).primary_applicant.first_name == CANARY_FIRST
    finally:
        store.close()
    assert sorted(p.name for p in left.iterdir()) == [path.name]
    assert leaks(folder_bytes(copy)) == []
