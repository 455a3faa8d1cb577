"""Autosave through the service on a real SQLite file."""

import random
from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.models import Document, Status
from desktop_app.domain.signing import sign
from desktop_app.sampledata import synthetic_application
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.errors import InvalidValue, NotSubmittable, ReadOnlyError
from desktop_app.storage.store import open_store

PDF = b"%PDF-1.4\nsynthetic\nstartxref\n0\n%%EOF\n"

TODAY = date(2026, 11, 26)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def fresh(store):
    """A second service on the same file: what another process would read back."""
    return AutosaveService(open_store(store.path), today=lambda: TODAY)


def test_a_saved_field_is_in_the_file_when_the_call_returns(store):
    svc = AutosaveService(store)
    app = svc.create_draft()
    svc.save_field(app.id, "primary_applicant.first_name", "Zoë")
    svc.save_field(app.id, "application_info.monthly_rent", "3100.00")
    other = fresh(store)
    loaded = other.load(app.id)
    other.store.close()
    assert loaded.primary_applicant.first_name == "Zoë"
    assert loaded.application_info.monthly_rent == Decimal("3100.00")


def test_a_bad_value_is_a_field_error_and_changes_nothing(store):
    svc = AutosaveService(store)
    app = svc.create_draft()
    with pytest.raises(InvalidValue) as exc:
        svc.save_field(app.id, "application_info.monthly_rent", "a lot")
    assert exc.value.error.path == "application_info.monthly_rent"
    assert svc.load(app.id).application_info.monthly_rent is None


def complete(svc, store, documents=()):
    app = synthetic_application(random.Random(3), today=TODAY)
    app.documents = [d.model_copy(update={"person_id": app.primary_applicant.id}) for d in documents]
    for _, person in app.people():
        app.signatures.append(sign(app, person.id, b"\x89PNG"))
    return svc.create_draft(app)


def test_submit_makes_the_application_read_only(store):
    svc = AutosaveService(store, today=lambda: TODAY)
    app = complete(svc, store)
    done = svc.submit(app.id)
    assert done.status is Status.SUBMITTED and done.submitted_at is not None
    with pytest.raises(ReadOnlyError):
        svc.save_field(app.id, "primary_applicant.first_name", "Changed")
    with pytest.raises(ReadOnlyError):
        svc.delete_draft(app.id)
    assert fresh(store).load(app.id).status is Status.SUBMITTED


def test_submit_refuses_an_incomplete_application_with_the_missing_fields(store):
    svc = AutosaveService(store, today=lambda: TODAY)
    app = svc.create_draft()
    with pytest.raises(NotSubmittable) as exc:
        svc.submit(app.id)
    assert any(e.path == "primary_applicant.email" for e in exc.value.errors)
    assert svc.load(app.id).status is Status.DRAFT


def test_amend_starts_a_new_draft_and_keeps_the_submitted_one(store):
    svc = AutosaveService(store, today=lambda: TODAY)
    doc = Document(file_name="stub.pdf", content_type="application/pdf", size=4)
    app = complete(svc, store, [doc])
    with store.uow() as uow:
        uow.blobs.put(app.id, app.documents[0].id, b"%PDF")
        uow.commit()
    svc.submit(app.id)
    amended = svc.amend(app.id)
    assert amended.id != app.id and amended.amends == app.id and amended.status is Status.DRAFT
    assert amended.signatures == []
    assert svc.document_bytes(amended.id, amended.documents[0].id) == b"%PDF"
    svc.save_field(amended.id, "application_info.unit", "9Z")
    assert svc.load(app.id).application_info.unit != "9Z"


def test_deleting_a_draft_hides_it_and_removes_its_documents(store):
    svc = AutosaveService(store)
    app = svc.create_draft()
    doc = Document(file_name="a.pdf", content_type="application/pdf", size=len(PDF))
    svc.attach_document(app.id, doc, PDF)
    svc.delete_draft(app.id)
    with store.uow() as uow:
        assert uow.applications.summaries() == []
        with pytest.raises(LookupError):
            uow.blobs.get(app.id, doc.id)
        assert app.id in uow.outbox.pending()  # the sync engine learns of the deletion


def test_a_save_based_on_a_copy_the_sync_engine_replaced_is_refused(store):
    from desktop_app.services.errors import ConcurrentEdit

    svc = AutosaveService(store)
    app = svc.create_draft()
    copy, token = svc.open_for_edit(app.id)
    svc.save_field(app.id, "application_info.unit", "4B", based_on=token)  # own writes are fine
    svc.attach_document(app.id, Document(file_name="a.pdf", content_type="application/pdf"), PDF)
    copy.application_info.unit = "4B"
    svc.save(copy, based_on=token)
    # Another writer (the sync engine merging a pull) moves the application on and tells us.
    AutosaveService(store).save_field(app.id, "application_info.notes", "merged")
    svc.forget(app.id)
    copy.application_info.notes = "stale copy"
    with pytest.raises(ConcurrentEdit):
        svc.save(copy, based_on=token)
    with pytest.raises(ConcurrentEdit):
        svc.save_field(app.id, "application_info.notes", "x", based_on=token)
    latest, new_token = svc.open_for_edit(app.id)
    assert latest.application_info.notes == "merged" and latest.application_info.unit == "4B"
    svc.save_field(app.id, "application_info.referral_source", "Walk-in", based_on=new_token)
