"""Documents by drag-and-drop (and refusals with the reason), the signature pad's undo, redo
and clear, and Amend of a submitted application."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from desktop_app.domain.document_checks import sniff_content_type
from desktop_app.domain.models import (
    Application,
    DocumentKind,
    Status,
)
from desktop_app.ui.context import AppContext
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import (
    PDF_BYTES,
    WAIT_MS,
    button,
    click,
    complete_application,
    draft_at_documents,
    drop,
    open_context,
    open_window,
    png_bytes,
    sign,
    stored,
)


@pytest.fixture
def ctx(tmp_path) -> Iterator[AppContext]:
    context = open_context(tmp_path)
    yield context
    context.close()


def test_content_type_is_sniffed_from_the_bytes() -> None:
    assert sniff_content_type(PDF_BYTES) == "application/pdf"
    assert sniff_content_type(png_bytes()) == "image/png"
    assert sniff_content_type(b"\xff\xd8\xff\xe0\x00\x10JFIF") == "image/jpeg"
    assert sniff_content_type(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00") == "image/heic"
    assert sniff_content_type(b"MZ\x90\x00") is None


def test_dropped_files_attach_and_anything_else_is_refused_with_the_reason(qtbot, ctx, tmp_path) -> None:
    app = draft_at_documents(ctx)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    assert page.step_id is StepId.DOCUMENTS
    guarantor = app.guarantors[0]
    page.person.setCurrentIndex(page.person.findData(guarantor.id))
    page.kind.setCurrentIndex(page.kind.findData(DocumentKind.BANK_STATEMENT.value))

    scan = tmp_path / "statement.png"
    scan.write_bytes(png_bytes())
    assert drop(page.drop_zone, scan)
    qtbot.waitUntil(lambda: len(window.flow.app.documents) == 1, timeout=WAIT_MS)

    text = tmp_path / "notes.txt"
    text.write_text("hello")
    fake = tmp_path / "lease.pdf"
    fake.write_bytes(b"MZ\x90\x00 this is a program")
    big = tmp_path / "huge.pdf"
    with big.open("wb") as fh:
        fh.write(PDF_BYTES)
        fh.truncate(26 * 1024 * 1024)
    assert drop(page.drop_zone, text, fake, big)
    reasons = page.refusal.text()
    assert page.refusal.isVisible()
    assert "notes.txt: only PDF, JPEG, PNG or HEIC" in reasons
    assert "lease.pdf: this is a program, not a document" in reasons
    assert "huge.pdf: larger than 25 MB" in reasons
    assert len(window.flow.app.documents) == 1
    window.close()
    ctx.tasks.flush()

    [doc] = stored(tmp_path, app.id).documents
    assert (doc.person_id, doc.kind, doc.content_type, doc.file_name) == (
        guarantor.id, DocumentKind.BANK_STATEMENT, "image/png", "statement.png")
    assert ctx.tasks.db(lambda: ctx.autosave.document_bytes(app.id, doc.id)).run().result() == png_bytes()


def test_removing_a_document_removes_it_from_the_store(qtbot, ctx, tmp_path) -> None:
    app = draft_at_documents(ctx)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    pdf = tmp_path / "id.pdf"
    pdf.write_bytes(PDF_BYTES)
    page.attach_files([pdf])
    qtbot.waitUntil(lambda: len(window.flow.app.documents) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: bool(page.list_widget.findChildren(type(page.attach_button))), timeout=WAIT_MS)
    click(qtbot, button(page, "Remove id.pdf"))
    qtbot.waitUntil(lambda: not window.flow.app.documents, timeout=WAIT_MS)
    window.close()
    ctx.tasks.flush()
    assert stored(tmp_path, app.id).documents == []


def test_signature_pad_undo_redo_and_clear_follow_into_the_application(qtbot, ctx, tmp_path) -> None:
    app = complete_application()
    app.signatures = []
    app.current_step = 7
    app = ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    assert page.step_id is StepId.SIGNATURES
    box = page.boxes[0]
    sign(qtbot, box.pad)
    sign(qtbot, box.pad)
    assert len(box.pad.strokes) == 2
    signature = window.flow.app.signature_for(box.person_id)
    assert signature is not None and signature.signer_name == "Ada Lovelace"
    assert signature.image_png.startswith(b"\x89PNG")
    click(qtbot, box.undo_button)
    assert len(box.pad.strokes) == 1 and box.redo_button.isEnabled()
    click(qtbot, box.redo_button)
    assert len(box.pad.strokes) == 2
    click(qtbot, box.clear_button)
    assert box.pad.is_empty() and window.flow.app.signature_for(box.person_id) is None
    assert not window.next_button.isEnabled()
    assert "The applicant has not signed" in window.reason.text()
    for b in page.boxes:
        sign(qtbot, b.pad)
    assert window.next_button.isEnabled()
    window.close()
    ctx.tasks.flush()
    assert len(stored(tmp_path, app.id).signatures) == 2


def test_amend_opens_a_new_draft_and_leaves_the_submitted_one_alone(qtbot, ctx, tmp_path) -> None:
    def submitted() -> Application:
        draft = ctx.autosave.create_draft(complete_application())
        return ctx.autosave.submit(draft.id)

    original = ctx.tasks.db(submitted).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, original.id)
    assert window.banner.isVisible()
    assert window.current_page().step_id is StepId.REVIEW
    window.show_step(StepId.APPLICATION_INFO)
    unit = window.current_page().find_field("application_info.unit")
    assert isinstance(unit, QLineEdit) and unit.isReadOnly() and unit.text() == "2A"

    with qtbot.waitSignal(window.amended, timeout=WAIT_MS) as amended:
        click(qtbot, window.amend_button)
    new_id = amended.args[0]
    assert new_id != original.id
    qtbot.waitUntil(lambda: window.is_loaded and window.flow.app.id == new_id, timeout=WAIT_MS)
    assert not window.banner.isVisible()
    window.show_step(StepId.APPLICATION_INFO)
    unit = window.current_page().find_field("application_info.unit")
    assert not unit.isReadOnly()
    unit.setFocus()
    qtbot.keyClicks(unit, "X")
    window.close()
    ctx.tasks.flush()

    assert stored(tmp_path, original.id).status is Status.SUBMITTED
    assert stored(tmp_path, original.id).application_info.unit == "2A"
    amendment = stored(tmp_path, new_id)
    assert (amendment.status, amendment.amends, amendment.application_info.unit) == (
        Status.DRAFT, original.id, "2AX")


def test_review_edit_link_jumps_to_its_step(qtbot, ctx) -> None:
    app = complete_application()
    app = ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    assert page.step_id is StepId.REVIEW
    assert "Nothing is missing" in page.checklist_text
    assert "Shortfall" not in page.qualification_text  # 90,000 ≥ 40 × 2,000
    assert window.next_button.isEnabled() and window.next_button.text() == "&Submit"
    qtbot.mouseClick(page.edit_links[StepId.GUARANTORS], Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert window.flow.current.id is StepId.GUARANTORS
    window.close()


def test_review_masks_the_ssn_and_shows_the_shortfall_against_the_building_multiple(qtbot, ctx) -> None:
    from desktop_app.domain.nyc_rules import BuildingProfile

    app = complete_application()
    app.primary_applicant.ssn = "123-45-6789"
    app.guarantors = []
    app.signatures = app.signatures[:1]

    def setup() -> Application:
        with ctx.store.uow() as uow:
            uow.profiles.upsert(BuildingProfile(name="Tower", address="1 Main St", applicant_multiple=50))
            uow.commit()
        return ctx.autosave.create_draft(app)

    app = ctx.tasks.db(setup).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    assert page.step_id is StepId.REVIEW
    qtbot.waitUntil(lambda: "50×" in page.qualification_text, timeout=WAIT_MS)
    # 90,000 a year against 50 × 2,000 = 100,000: 10,000 short, and no guarantor.
    assert "Shortfall: $10,000.00 a year." in page.qualification_text
    texts = [label.text() for label in page.findChildren(type(window.reason))]
    assert "***-**-6789" in texts and not any("123-45" in t for t in texts)
    window.close()
