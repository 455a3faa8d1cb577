"""PII and document bytes at rest: sealed inside the (SQLCipher-encrypted) store file, opened
transparently."""

import base64
import random
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.models import Document
from desktop_app.sampledata import synthetic_application
from desktop_app.services.autosave import AutosaveService
from desktop_app.storage import sqlcipher
from desktop_app.storage.crypto import Cipher, DataKey, DecryptionError, file_key
from desktop_app.storage.protection import reseal
from desktop_app.storage.store import open_store

CANARY_SSN = "912-77-4321"
CANARY_DOB = "1961-03-17"
CANARY_INCOME = "987654.32"
CANARY_DOC = b"%PDF-1.4 canary-document-bytes-7731\nstartxref\n0\n%%EOF\n"


def file_bytes(path) -> bytes:
    out = b""
    for p in path.parent.iterdir():
        if p.name.startswith(path.name):
            out += p.read_bytes()
    return out


def assert_no_canary(path):
    raw = file_bytes(path)
    for canary in (CANARY_SSN.encode(), CANARY_DOB.encode(), CANARY_INCOME.encode(), CANARY_DOC):
        assert canary not in raw
        assert base64.b64encode(canary) not in raw


def fill(svc):
    app = svc.create_draft(synthetic_application(random.Random(9), today=date(2026, 11, 26)))
    svc.save_field(app.id, "primary_applicant.ssn", CANARY_SSN)
    svc.save_field(app.id, "co_applicants[0].date_of_birth", CANARY_DOB)
    svc.save_field(app.id, "guarantors[0].annual_income", CANARY_INCOME)
    svc.attach_document(app.id, Document(file_name="stub.pdf", content_type="application/pdf", size=len(CANARY_DOC)), CANARY_DOC)
    return app


def test_pii_and_documents_never_reach_the_file_in_clear(tmp_path):
    cipher = Cipher(DataKey.generate())
    path = tmp_path / "db.sqlite3"
    store = open_store(path, cipher)
    svc = AutosaveService(store)
    app = fill(svc)
    store.close()
    assert_no_canary(path)
    again = open_store(path, cipher)
    loaded = AutosaveService(again).load(app.id)
    assert loaded.primary_applicant.ssn == CANARY_SSN
    assert str(loaded.co_applicants[0].date_of_birth) == CANARY_DOB
    assert loaded.guarantors[0].annual_income == Decimal(CANARY_INCOME)
    assert AutosaveService(again).document_bytes(app.id, loaded.documents[0].id) == CANARY_DOC
    again.close()


def test_a_database_written_in_clear_is_encrypted_in_place_and_scrubbed(tmp_path):
    path = tmp_path / "db.sqlite3"
    plain = open_store(path)
    app = fill(AutosaveService(plain))
    plain.close()
    assert CANARY_SSN.encode() in file_bytes(path)  # the old, unprotected layout
    cipher = Cipher(DataKey.generate())
    store = open_store(path, cipher)
    store.close()
    assert_no_canary(path)
    reopened = open_store(path, cipher)
    assert AutosaveService(reopened).load(app.id).primary_applicant.ssn == CANARY_SSN
    reopened.close()


def test_rotation_re_encrypts_and_everything_still_opens(tmp_path):
    old = Cipher(DataKey.generate())
    path = tmp_path / "db.sqlite3"
    store = open_store(path, old)
    app = fill(AutosaveService(store))
    store.close()
    new_key = DataKey.generate()
    transition = Cipher(new_key, older=(old.current,))
    store = open_store(path, transition)
    reseal(store.engine, path, old, transition)
    store.close()
    only_new = open_store(path, Cipher(new_key))
    svc = AutosaveService(only_new)
    loaded = svc.load(app.id)
    assert loaded.primary_applicant.ssn == CANARY_SSN
    assert svc.document_bytes(app.id, loaded.documents[0].id) == CANARY_DOC
    only_new.close()
    with pytest.raises(sqlcipher.StoreKeyMismatch):  # the file itself was re-keyed
        open_store(path, old)


def test_a_sealed_value_moved_to_another_application_does_not_open(tmp_path):
    cipher = Cipher(DataKey.generate())
    path = tmp_path / "db.sqlite3"
    store = open_store(path, cipher)
    svc = AutosaveService(store)
    a, b = fill(svc), svc.create_draft()
    store.close()
    raw = sqlcipher.connect(path, file_key(cipher.current))
    (data_a,) = raw.execute("SELECT data FROM applications WHERE id=?", (a.id,)).fetchone()
    raw.execute("UPDATE applications SET data=replace(?, ?, ?) WHERE id=?", (data_a, a.id, b.id, b.id))
    raw.commit()
    raw.close()
    store = open_store(path, cipher)
    with pytest.raises(DecryptionError):
        AutosaveService(store).load(b.id)
    store.close()


def _sync_rows(store, app_id):
    from desktop_app.storage.sync_repository import sync_uow
    from desktop_app.storage.sync_records import StateUpdate

    snapshot = f'{{"ssn":"{CANARY_SSN}","dob":"{CANARY_DOB}"}}'
    with sync_uow(store) as uow:
        uow.sync.put_state(StateUpdate(app_id, appid=f"zone#{app_id}", snapshot=snapshot))
        uow.sync.add_conflicts(app_id, 2, [("primary_applicant.ssn", CANARY_SSN, "1", "2")])
        uow.commit()
    return snapshot


def _read_sync_rows(store, app_id):
    from desktop_app.storage.sync_repository import sync_uow

    with sync_uow(store) as uow:
        return uow.sync.state(app_id).snapshot, uow.sync.conflicts(app_id)[0].base


def test_sync_snapshots_and_conflicts_are_sealed_and_rotate(tmp_path):
    old = Cipher(DataKey.generate())
    path = tmp_path / "db.sqlite3"
    store = open_store(path, old)
    app = fill(AutosaveService(store))
    snapshot = _sync_rows(store, app.id)
    store.close()
    assert_no_canary(path)
    new_key = DataKey.generate()
    transition = Cipher(new_key, older=(old.current,))
    store = open_store(path, transition)
    reseal(store.engine, path, old, transition)
    store.close()
    only_new = open_store(path, Cipher(new_key))
    assert _read_sync_rows(only_new, app.id) == (snapshot, CANARY_SSN)
    only_new.close()
    assert_no_canary(path)


def test_sync_state_written_in_clear_is_sealed_in_place(tmp_path):
    path = tmp_path / "db.sqlite3"
    cipher = Cipher(DataKey.generate())
    plain = open_store(path)  # a store that wrote the sync state before it was sealed
    app = fill(AutosaveService(plain))
    snapshot = _sync_rows(plain, app.id)
    plain.close()
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA user_version=1")  # sealed before the sync state was
    raw.commit()
    raw.close()
    assert CANARY_SSN.encode() in file_bytes(path)
    store = open_store(path, cipher)
    store.close()
    assert_no_canary(path)
    store = open_store(path, cipher)
    assert _read_sync_rows(store, app.id) == (snapshot, CANARY_SSN)
    store.close()
