"""Document bytes belong to their application: an import, an attach or a delete in one
application never reads, replaces or removes another's, whatever ids the documents carry."""

import base64
import hashlib
import json

from alembic import command

from desktop_app.domain.models import Application, Document
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.drafts_io import export_applications, import_applications
from desktop_app.storage import sqlcipher
from desktop_app.storage.codec import DocumentCodec
from desktop_app.storage.crypto import Cipher, DataKey
from desktop_app.storage.db import _alembic_config, create_sqlite_engine
from desktop_app.storage.store import open_store


def pdf(body: bytes) -> bytes:
    return b"%PDF-1.4\n" + body + b"\nstartxref\n0\n%%EOF\n"


FIRST = pdf(b"first application's pay stub")
OTHER = pdf(b"bytes another file carries under the same document id")


def sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def meta(content: bytes, **kw) -> Document:
    return Document(file_name="stub.pdf", content_type="application/pdf", size=len(content),
                    sha256=sha(content), **kw)


def draft_with_document(svc: AutosaveService) -> tuple[Application, Document]:
    app = svc.create_draft()
    doc = meta(FIRST)
    svc.attach_document(app.id, doc, FIRST)
    return app, doc


def assert_intact(svc: AutosaveService, app_id: str, doc: Document) -> None:
    svc.forget()
    listed = svc.load(app_id).documents
    assert [d.id for d in listed] == [doc.id]
    content = svc.document_bytes(app_id, doc.id)
    assert content == FIRST and sha(content) == listed[0].sha256


def test_import_with_a_colliding_document_id_leaves_the_other_application_untouched(tmp_path):
    store = open_store(tmp_path / "db.sqlite3", Cipher(DataKey.generate()))
    svc = AutosaveService(store)
    first, doc = draft_with_document(svc)
    intruder = Application()
    intruder.documents.append(meta(OTHER, id=doc.id, person_id=intruder.primary_applicant.id))
    data = {"format": "leasedesk.applications", "version": 1,
            "applications": [intruder.model_dump(mode="json")],
            "documents": {doc.id: base64.b64encode(OTHER).decode("ascii")}}

    result = import_applications(store, data)

    assert_intact(svc, first.id, doc)
    assert [(e.index, e.path) for e in result.errors] == [(0, "documents[0].id")]
    assert result.imported == []
    store.close()


def test_two_applications_holding_the_same_document_id_keep_their_own_bytes(tmp_path):
    store = open_store(tmp_path / "db.sqlite3", Cipher(DataKey.generate()))
    svc = AutosaveService(store)
    first, doc = draft_with_document(svc)
    second = svc.create_draft()
    svc.attach_document(second.id, meta(OTHER, id=doc.id), OTHER)
    assert_intact(svc, first.id, doc)
    assert svc.document_bytes(second.id, doc.id) == OTHER

    svc.remove_document(second.id, doc.id)
    assert_intact(svc, first.id, doc)
    svc.attach_document(second.id, meta(OTHER, id=doc.id), OTHER)
    svc.delete_draft(second.id)
    assert_intact(svc, first.id, doc)
    store.close()


def test_a_document_attached_twice_to_one_application_is_refused(tmp_path):
    store = open_store(tmp_path / "db.sqlite3")
    svc = AutosaveService(store)
    app, doc = draft_with_document(svc)
    try:
        svc.attach_document(app.id, meta(OTHER, id=doc.id), OTHER)
    except Exception as exc:  # noqa: BLE001 - the type is asserted below
        assert type(exc).__name__ == "InvalidValue" and exc.error.path == "documents[1].id"
    else:
        raise AssertionError("attached a second document under an id the application holds")
    assert_intact(svc, app.id, doc)
    store.close()


def test_import_refuses_one_document_id_listed_by_two_records_of_a_file(tmp_path):
    store = open_store(tmp_path / "db.sqlite3")
    a, b = Application(), Application()
    shared = meta(FIRST)
    a.documents.append(shared)
    b.documents.append(shared.model_copy())
    data = {"applications": [a.model_dump(mode="json"), b.model_dump(mode="json")],
            "documents": {shared.id: base64.b64encode(FIRST).decode("ascii")}}
    result = import_applications(store, data)
    assert [(e.index, e.path) for e in result.errors] == [(1, "documents[0].id")]
    with store.uow() as uow:
        assert uow.applications.all() == []
    store.close()


def test_export_then_import_into_another_store_keeps_every_document(tmp_path):
    cipher = Cipher(DataKey.generate())
    source = open_store(tmp_path / "a.sqlite3", cipher)
    svc = AutosaveService(source)
    app, doc = draft_with_document(svc)
    data = export_applications(source)
    source.close()
    target = open_store(tmp_path / "b.sqlite3", Cipher(DataKey.generate()))
    assert import_applications(target, data).ok
    assert_intact(AutosaveService(target), app.id, doc)
    target.close()


def test_a_store_written_at_0003_with_a_sealed_document_opens_after_the_upgrade(tmp_path):
    path = tmp_path / "db.sqlite3"
    cipher = Cipher(DataKey.generate())
    engine = create_sqlite_engine(path)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0003")
    app = Application()
    doc = meta(FIRST)
    app.documents.append(doc)
    codec = DocumentCodec(cipher)
    # The blob exactly as the store wrote it before: sealed with the document id alone.
    old_blob = b"LDenc1\x00" + cipher.seal_bytes(FIRST, doc.id.encode("ascii"))
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO applications (id, status, current_step, revision, data, applicant_name,"
            " building_address, unit, monthly_rent, created_at, updated_at)"
            " VALUES (?, 'draft', 1, 1, ?, '', '', '', '', ?, ?)",
            (app.id, codec.encode(app), app.created_at.isoformat(), app.created_at.isoformat()),
        )
        conn.exec_driver_sql(
            "INSERT INTO document_blobs (document_id, application_id, content) VALUES (?, ?, ?)",
            (doc.id, app.id, old_blob),
        )
    engine.dispose()

    store = open_store(path, cipher)
    assert store.backup_path is not None
    svc = AutosaveService(store)
    assert_intact(svc, app.id, doc)
    # A second application may now hold the same document id without touching the first.
    other = svc.create_draft()
    svc.attach_document(other.id, meta(OTHER, id=doc.id), OTHER)
    assert_intact(svc, app.id, doc)
    store.close()
    raw = sqlcipher.connect(path, store.file_key)  # converted to SQLCipher at open
    assert raw.execute("SELECT count(*) FROM document_blobs").fetchone() == (2,)
    raw.close()


def test_drafts_import_cli_refuses_a_colliding_document_and_the_store_keeps_its_own(
    tmp_path, capsys, secret_service
):
    from desktop_app.cli.main import main

    def file_of(app: Application, content: bytes):
        path = tmp_path / f"{app.id}.json"
        path.write_text(json.dumps({
            "format": "leasedesk.applications", "version": 1,
            "applications": [app.model_dump(mode="json")],
            "documents": {app.documents[0].id: base64.b64encode(content).decode("ascii")},
        }), encoding="utf-8")
        return str(path)

    data = str(tmp_path / "data")
    first = Application()
    first.documents.append(meta(FIRST, person_id=first.primary_applicant.id))
    assert main(["--data-dir", data, "drafts", "import", file_of(first, FIRST)]) == 0
    intruder = Application()
    intruder.documents.append(meta(OTHER, id=first.documents[0].id, person_id=intruder.primary_applicant.id))
    capsys.readouterr()
    assert main(["--data-dir", data, "drafts", "import", file_of(intruder, OTHER)]) != 0
    assert "record 0: documents[0].id" in capsys.readouterr().err

    out = tmp_path / "out.json"
    assert main(["--data-dir", data, "drafts", "export", "--out", str(out)]) == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert [a["id"] for a in exported["applications"]] == [first.id]
    stored = base64.b64decode(exported["documents"][first.documents[0].id])
    assert stored == FIRST and sha(stored) == exported["applications"][0]["documents"][0]["sha256"]


def test_bytes_moved_to_another_applications_row_do_not_open(tmp_path):
    store = open_store(tmp_path / "db.sqlite3", Cipher(DataKey.generate()))
    svc = AutosaveService(store)
    first, doc = draft_with_document(svc)
    second = svc.create_draft()
    raw = sqlcipher.connect(tmp_path / "db.sqlite3", store.file_key)
    raw.execute("UPDATE document_blobs SET application_id = ? WHERE application_id = ?",
                (second.id, first.id))
    raw.commit()
    raw.close()
    try:
        svc.document_bytes(second.id, doc.id)
    except Exception as exc:  # noqa: BLE001 - the type is asserted below
        assert type(exc).__name__ == "DecryptionError"
    else:
        raise AssertionError("another application's bytes opened under this one")
    store.close()
