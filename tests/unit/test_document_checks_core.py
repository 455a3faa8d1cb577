"""``check_attachment``: the core's judgement of a document's bytes against its metadata."""

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain.document_checks import check_attachment
from desktop_app.domain.models import Document

PDF_HEAD, PDF_TAIL = b"%PDF-1.7\n", b"\nstartxref\n0\n%%EOF\n"


@given(body=st.binary(max_size=4096))
def test_empty_metadata_is_filled_from_the_bytes(body):
    content = PDF_HEAD + body + PDF_TAIL
    checked, errors = check_attachment(Document(file_name="a.pdf"), content, "documents[3]")
    assert errors == []
    assert (checked.content_type, checked.size, checked.sha256) == (
        "application/pdf", len(content), hashlib.sha256(content).hexdigest())


@given(body=st.binary(max_size=512), delta=st.integers(min_value=1, max_value=10**9))
def test_a_stated_size_other_than_the_bytes_is_refused(body, delta):
    content = PDF_HEAD + body + PDF_TAIL
    doc = Document(file_name="a.pdf", size=len(content) + delta)
    _, errors = check_attachment(doc, content, "documents[0]")
    assert [e.path for e in errors] == ["documents[0].size"]
    assert errors[0].message.startswith("a.pdf: ")


def test_checksum_case_does_not_matter_but_its_value_does():
    content = PDF_HEAD + PDF_TAIL
    digest = hashlib.sha256(content).hexdigest()
    assert check_attachment(Document(sha256=digest.upper()), content, "d")[1] == []
    _, errors = check_attachment(Document(file_name="a.pdf", sha256="f" * 64), content, "d")
    assert [e.path for e in errors] == ["d.sha256"]


def test_refused_bytes_name_the_file_and_not_the_metadata():
    _, errors = check_attachment(Document(file_name="x.pdf", sha256="0" * 64), b"MZ" + b"\0" * 9, "p")
    assert [(e.path, e.message) for e in errors] == [
        ("p.file_name", "x.pdf: this is a program, not a document; it cannot be attached")]


def test_a_document_without_a_name_is_named_by_its_id():
    doc = Document()
    _, errors = check_attachment(doc, b"", "p")
    assert errors[0].message == f"{doc.id}: the file is empty"


def test_without_a_name_no_message_quotes_the_file_name():
    doc = Document(file_name="Jane Roe pay stub.pdf", content_type="text/x-secret", size=99)
    _, refused = check_attachment(doc, b"plain text", "documents[0]", name="")
    _, mismatched = check_attachment(doc, PDF_HEAD + PDF_TAIL, "documents[0]", name="")
    messages = [e.message for e in refused + mismatched]
    assert messages == [
        "Named like a PDF file but its contents are not PDF",
        "Said to be another type but the file is PDF",
        f"Said to be 99 bytes but the file has {len(PDF_HEAD + PDF_TAIL)}",
    ]
