"""The core judges every document it stores, whoever calls it: the wizard's attach and the
import check the bytes themselves (type by content, size limits) and the size and sha256 they
compute, and refuse with a field error naming the document; nothing is written."""

import base64
import hashlib

import pytest

from desktop_app.domain.models import Application, Document
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.drafts_io import import_applications
from desktop_app.services.errors import InvalidValue
from desktop_app.storage.store import open_store

PDF = b"%PDF-1.4\nsynthetic lease\nstartxref\n0\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PROGRAM = b"MZ\x90\x00" + b"\x00" * 200


def sha(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@pytest.fixture
def svc(tmp_path):
    store = open_store(tmp_path / "db.sqlite3")
    yield AutosaveService(store)
    store.close()


def refused(svc: AutosaveService, doc: Document, content: bytes):
    app = svc.create_draft()
    with pytest.raises(InvalidValue) as info:
        svc.attach_document(app.id, doc, content)
    svc.forget()
    assert svc.load(app.id).documents == []
    with pytest.raises(LookupError):
        svc.document_bytes(app.id, doc.id)
    return info.value.error


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (PDF + b"\x00" * (50 * 1024 * 1024), "larger than 25 MB"),
        (PROGRAM, "this is a program"),
        (PDF[:-8], "damaged or incomplete"),
        (b"plain text, not a document", "its contents are not PDF"),
    ],
    ids=["empty", "50 MB", "program renamed .pdf", "truncated pdf", "text"],
)
def test_attach_judges_the_bytes_not_the_name(svc, content, words):
    doc = Document(file_name="lease.pdf", content_type="application/pdf", size=len(content),
                   sha256=sha(content))
    error = refused(svc, doc, content)
    assert error.path == "documents[0].file_name"
    assert error.message.startswith("lease.pdf: ") and words in error.message


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"size": len(PDF) + 1}, "documents[0].size"),
        ({"sha256": sha(b"other bytes")}, "documents[0].sha256"),
        ({"content_type": "image/png"}, "documents[0].content_type"),
    ],
    ids=["size", "sha256", "content type"],
)
def test_attach_refuses_metadata_that_does_not_match_the_bytes(svc, change, path):
    fields = {"file_name": "lease.pdf", "content_type": "application/pdf", "size": len(PDF),
              "sha256": sha(PDF)} | change
    error = refused(svc, Document(**fields), PDF)
    assert error.path == path and error.message.startswith("lease.pdf: ")


def test_attach_records_the_type_size_and_hash_it_computed(svc):
    app = svc.create_draft()
    doc = Document(file_name="scan.png")  # the caller left type, size and hash out
    svc.attach_document(app.id, doc, PNG)
    svc.forget()
    [stored] = svc.load(app.id).documents
    assert (stored.content_type, stored.size, stored.sha256) == ("image/png", len(PNG), sha(PNG))
    assert svc.document_bytes(app.id, doc.id) == PNG


def import_one(store, doc: Document, content: bytes):
    app = Application()
    app.documents.append(doc.model_copy(update={"person_id": app.primary_applicant.id}))
    data = {"applications": [app.model_dump(mode="json")],
            "documents": {doc.id: base64.b64encode(content).decode("ascii")}}
    return import_applications(store, data)


@pytest.mark.parametrize(
    ("content", "fields", "path"),
    [
        (PROGRAM, {"size": len(PROGRAM), "sha256": sha(PROGRAM)}, "documents[0].file_name"),
        (PDF, {"size": len(PDF), "sha256": sha(b"something else")}, "documents[0].sha256"),
        (PDF, {"size": len(PDF) + 5, "sha256": sha(PDF)}, "documents[0].size"),
    ],
    ids=["program", "sha256", "size"],
)
def test_import_refuses_documents_that_fail_the_checks(svc, content, fields, path):
    doc = Document(file_name="lease.pdf", content_type="application/pdf", **fields)
    result = import_one(svc.store, doc, content)
    assert path in [e.path for e in result.errors] and result.imported == []
    with svc.store.uow() as uow:
        assert uow.applications.all() == []


def test_import_accepts_a_document_that_passes(svc):
    doc = Document(file_name="lease.pdf", content_type="application/pdf", size=len(PDF),
                   sha256=sha(PDF))
    result = import_one(svc.store, doc, PDF)
    assert result.ok, result.errors
    assert svc.document_bytes(result.imported[0], doc.id) == PDF
