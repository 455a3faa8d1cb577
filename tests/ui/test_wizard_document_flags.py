"""The documents step and the core's document checks: a file changed after the page looked at
it is refused by the core and the page says why; a document kept although its bytes fail the
checks (fetched as another system wrote it) is listed with the reason."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel

from desktop_app.domain.models import Document
from desktop_app.ui.context import AppContext
from tests.ui.wizard_helpers import (
    PDF_BYTES,
    WAIT_MS,
    draft_at_documents,
    drop,
    open_context,
    open_window,
)

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


@pytest.fixture
def ctx(tmp_path) -> Iterator[AppContext]:
    context = open_context(tmp_path)
    yield context
    context.close()


def test_a_file_replaced_after_the_page_checked_it_is_refused_by_the_core(qtbot, ctx, tmp_path):
    app = draft_at_documents(ctx)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    path = tmp_path / "lease.pdf"
    path.write_bytes(PDF_BYTES)
    # Hold the database worker, so the page's check runs before the bytes are read.
    release = threading.Event()
    ctx.tasks.db(lambda: release.wait(WAIT_MS / 1000)).run()
    assert drop(page.drop_zone, path)
    path.write_bytes(PROGRAM)  # swapped before the worker reads it
    release.set()
    qtbot.waitUntil(page.refusal.isVisible, timeout=WAIT_MS)
    assert page.refusal.text() == "lease.pdf: this is a program, not a document; it cannot be attached"
    assert window.flow.app.documents == []
    assert ctx.tasks.db(lambda: ctx.autosave.load(app.id).documents).run().result() == []
    window.close()


def test_a_flagged_document_is_listed_with_its_problem(qtbot, ctx):
    app = draft_at_documents(ctx)
    doc = Document(person_id=app.primary_applicant.id, file_name="statement.pdf",
                   content_type="application/pdf", size=len(PROGRAM))

    def keep_flagged() -> None:
        current = ctx.autosave.load(app.id)
        current.documents.append(doc)
        ctx.autosave.save(current)
        with ctx.store.uow() as uow:
            uow.blobs.put(app.id, doc.id, PROGRAM, problem="statement.pdf: this is a program")
            uow.commit()

    ctx.tasks.db(keep_flagged).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()

    def flag() -> QLabel | None:
        found = [w for w in page.findChildren(QLabel)
                 if w.accessibleName() == "Problem with statement.pdf" and w.isVisible()]
        return found[0] if found else None

    qtbot.waitUntil(lambda: flag() is not None, timeout=WAIT_MS)
    assert flag().text() == "Flagged: statement.pdf: this is a program"
    window.close()
