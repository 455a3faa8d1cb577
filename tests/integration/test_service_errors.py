"""The autosave service refuses with its own errors (the UI and the command line never see the
store's), on a real SQLite file."""

from __future__ import annotations

import pytest

from desktop_app.domain.models import Document
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.errors import (
    ApplicationNotFound,
    ConcurrentEdit,
    DocumentNotFound,
    ServiceError,
)
from desktop_app.storage.store import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def test_an_unknown_or_deleted_application_is_application_not_found(store) -> None:
    service = AutosaveService(store)
    with pytest.raises(ApplicationNotFound):
        service.open_for_edit("no-such-id")
    app = service.create_draft()
    service.delete_draft(app.id)
    for call in (
        lambda: service.load(app.id),
        lambda: service.save_field(app.id, "application_info.unit", "4B"),
        lambda: service.delete_draft(app.id),
    ):
        with pytest.raises(ApplicationNotFound) as refused:
            call()
        assert isinstance(refused.value, ServiceError) and isinstance(refused.value, LookupError)


def test_a_draft_deleted_by_another_process_refuses_the_save_then_is_not_found(store) -> None:
    service = AutosaveService(store)
    app = service.create_draft()
    _copy, token = service.open_for_edit(app.id)  # cached here
    with open_store(store.path) as other:
        AutosaveService(other).delete_draft(app.id)
    with pytest.raises(ConcurrentEdit):  # the stored copy moved on: the wizard rebases
        service.save_field(app.id, "application_info.unit", "4B", based_on=token)
    with pytest.raises(ApplicationNotFound):  # and the rebase learns it is gone
        service.open_for_edit(app.id)


def test_a_save_after_another_process_wrote_is_a_concurrent_edit(store) -> None:
    service = AutosaveService(store)
    app = service.create_draft()
    copy, _token = service.open_for_edit(app.id)
    with open_store(store.path) as other:
        AutosaveService(other).save_field(app.id, "application_info.notes", "elsewhere")
    copy.application_info.unit = "4B"
    with pytest.raises(ConcurrentEdit):
        service.save(copy)  # the stored revision moved on under the cached copy
    latest, _ = service.open_for_edit(app.id)
    assert latest.application_info.notes == "elsewhere" and latest.application_info.unit == ""


def test_missing_document_bytes_are_document_not_found(store) -> None:
    service = AutosaveService(store)
    app = service.create_draft()
    with pytest.raises(DocumentNotFound) as refused:
        service.document_bytes(app.id, Document(file_name="a.pdf").id)
    assert isinstance(refused.value, LookupError)
