"""Opening an attached document from the review of a submitted application, and from the
documents step: the bytes reach a private file handed to the system viewer."""

from __future__ import annotations

import random
import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.models import Document
from desktop_app.domain.signing import sign as sign_over
from desktop_app.sampledata import synthetic_application
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import PDF_BYTES, WAIT_MS, button, click, open_context, open_window

TODAY = date.today()


@pytest.fixture
def ctx(tmp_path):
    context = open_context(tmp_path)
    yield context
    context.close()


@pytest.fixture
def opened(monkeypatch):
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


def submitted_with_document(ctx, keep_bytes: bool = True):
    app = synthetic_application(random.Random(4), today=TODAY, co_applicants=0, guarantors=0)
    doc = Document(person_id=app.primary_applicant.id, file_name="lease id.pdf",
                   content_type="application/pdf", size=len(PDF_BYTES))
    app.documents.append(doc)
    app.signatures = [sign_over(app, p.id, b"\x89PNG") for _, p in app.people()]
    ctx.autosave.create_draft(app)
    if keep_bytes:
        with ctx.store.uow() as uow:
            uow.blobs.put(app.id, doc.id, PDF_BYTES)
            uow.commit()
    ctx.autosave.submit(app.id)
    return app, doc


def test_review_of_a_submitted_application_opens_its_document(qtbot, ctx, opened):
    app, doc = submitted_with_document(ctx)
    window = open_window(qtbot, ctx, app.id)
    window.show_step(StepId.REVIEW)
    click(qtbot, button(window.current_page(), "Open lease id.pdf"))
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
    path = Path(opened[0].toLocalFile())
    assert path.read_bytes() == PDF_BYTES
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    window.close()


def test_a_document_not_on_this_computer_and_no_sign_in_says_so(qtbot, ctx, opened, monkeypatch):
    app, doc = submitted_with_document(ctx, keep_bytes=False)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a: warnings.append(a[2])))
    window = open_window(qtbot, ctx, app.id)
    window.show_step(StepId.DOCUMENTS)
    click(qtbot, button(window.current_page(), "Open lease id.pdf"))
    qtbot.waitUntil(lambda: bool(warnings), timeout=WAIT_MS)
    assert "Sign in and sync" in warnings[0] and not opened
    window.close()
