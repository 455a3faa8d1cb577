"""A document fetched from the server as another system wrote it is kept, and flagged when its
bytes fail the document checks: never dropped, never silently trusted. Moto over HTTP (KMS,
DynamoDB); the app item is written by this app's sync engine from a store whose bytes were put
in place without the checks, as a foreign writer would."""

from __future__ import annotations

import hashlib

from desktop_app.domain.models import Document
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.remote_protection import fetch_document
from desktop_app.sync import outcome as oc
from tests.fixtures.remote_crypto import crypto_engine, kms_key
from tests.fixtures.sync_setup import IDENTITY, add_apps, create_tables, synthetic_application

PDF = b"%PDF-1.4\nsynthetic statement\nstartxref\n0\n%%EOF\n"
PROGRAM = b"MZ\x90\x00" + b"\x00" * 300


def _put_unchecked(store, app, content: bytes, **meta) -> Document:
    doc = Document(file_name="statement.pdf", content_type="application/pdf", **meta)
    with store.uow() as uow:
        current, revision = uow.applications.get(app.id)
        current.documents.append(doc)
        uow.applications.save(current, expected_revision=revision)
        uow.blobs.put(app.id, doc.id, content)
        uow.commit()
    return doc


def test_pulled_documents_that_fail_the_checks_are_kept_and_flagged(moto, tmp_path):
    create_tables(moto)
    key_id = kms_key(moto)
    store_a, eng_a, _ = crypto_engine(moto, tmp_path, "a", key_id=key_id)
    app = synthetic_application()
    add_apps(store_a, [app])
    program = _put_unchecked(store_a, app, PROGRAM, size=len(PROGRAM),
                             sha256=hashlib.sha256(PROGRAM).hexdigest())
    mismatched = _put_unchecked(store_a, app, PDF, size=len(PDF), sha256="0" * 64)
    good = _put_unchecked(store_a, app, PDF, size=len(PDF), sha256=hashlib.sha256(PDF).hexdigest())
    assert [o.result for o in eng_a.run_once().outcomes] == [oc.SYNCED]

    store_b, eng_b, crypto_b = crypto_engine(moto, tmp_path, "b", key_id=key_id)
    assert eng_b.run_once().pulled == 1
    svc = AutosaveService(store_b)
    pulled = {d.id: d for d in svc.load(app.id).documents}
    assert set(pulled) == {program.id, mismatched.id, good.id}  # the metadata is all kept

    for doc, content in ((program, PROGRAM), (mismatched, PDF), (good, PDF)):
        got = fetch_document(store_b, crypto_b.documents, eng_b.remote, IDENTITY, app.id, pulled[doc.id])
        assert got == content
        assert svc.document_bytes(app.id, doc.id) == content  # kept on this machine

    problems = svc.document_problems(app.id)
    assert set(problems) == {program.id, mismatched.id}
    assert "this is a program" in problems[program.id]
    assert "checksum" in problems[mismatched.id]
    store_a.close()
    store_b.close()
