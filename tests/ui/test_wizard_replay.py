"""Edits made in an open wizard while the sync engine changes the stored copy underneath (a pull
or a merge from the agent's other machine): every queued edit — typed fields, rows added and
removed, signatures — is applied again to the new stored copy, and an edit that no longer fits
it (its row is gone) is named in the message, never silently dropped and never claimed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop_app.domain.ids import new_id
from desktop_app.domain.models import Application, Occupant, Person, Status
from desktop_app.domain.signing import changed_since_signed
from PySide6.QtWidgets import QApplication

from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.store import open_store
from desktop_app.ui.context import AppContext
from desktop_app.ui.wizard import WizardWindow
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import (
    PDF_BYTES,
    WAIT_MS,
    click,
    fill,
    open_context,
    open_window,
    sign,
    stored,
    type_text,
    wait_saved,
)

UPDATED = "updated from your other computer"


def engine_changes(data_dir: Path, ctx: AppContext, app_id: str, change: Callable[[Application], None]) -> None:
    """Write a newer revision through another connection, as the sync engine's pull or merge
    does, then tell the app's autosave cache to forget the application (as SyncService does)."""
    other = open_store(data_dir / "db.sqlite3")
    try:
        service = AutosaveService(other)
        app = service.load(app_id)
        change(app)
        service.save(app)
    finally:
        other.close()
    ctx.autosave.forget(app_id)


def set_notes(app: Application) -> None:
    app.application_info.notes = "merged from the other computer"


def start(qtbot, tmp_path: Path, app: Application | None = None) -> tuple[AppContext, WizardWindow]:
    ctx = open_context(tmp_path)
    draft = ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, draft.id)
    messages: list[str] = []
    window.session.notice.connect(messages.append)
    window.messages = messages  # type: ignore[attr-defined]
    return ctx, window


def settled(qtbot, window: WizardWindow) -> str:
    """Wait until the window reloaded the new copy and every replayed edit reached the store;
    the message the agent was shown."""
    messages = window.messages  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: any(UPDATED in m for m in messages), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.is_loaded and not window.session.autosaver.has_pending, timeout=WAIT_MS)
    return next(m for m in messages if UPDATED in m)


def people(*first_names: str) -> Application:
    return Application(co_applicants=[Person(first_name=n, last_name="Example") for n in first_names])


def test_adding_a_co_applicant_after_a_sync_keeps_the_row_and_the_typed_fields(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path)
    try:
        engine_changes(tmp_path, ctx, window.app_id, set_notes)
        fill(qtbot, window, {"application_info.unit": "7C"})  # queued, not yet sent
        window.preview_step(StepId.CO_APPLICANTS)
        click(qtbot, window.current_page().rows.add_button)
        fill(qtbot, window, {"co_applicants[0].first_name": "Zed", "co_applicants[0].email": "z@example.com"})
        message = settled(qtbot, window)

        final = stored(tmp_path, window.app_id)
        assert final.application_info.notes == "merged from the other computer"
        assert final.application_info.unit == "7C"
        assert [(p.first_name, p.email) for p in final.co_applicants] == [("Zed", "z@example.com")]
        assert "with your edits applied" in message and "Not kept" not in message
        assert window.notice.text() == message and window.notice.isVisible()
        assert window.session.app.application_info.notes == "merged from the other computer"  # shown
        window.close()
    finally:
        ctx.close()


def test_removing_a_row_after_a_sync_removes_that_person_not_the_one_at_its_old_place(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path, people("Ana", "Bo"))

    def other_machine(app: Application) -> None:  # adds someone in front of both
        app.co_applicants.insert(0, Person(first_name="Cy", last_name="Example"))

    try:
        engine_changes(tmp_path, ctx, window.app_id, other_machine)
        window.preview_step(StepId.CO_APPLICANTS)
        click(qtbot, window.current_page().rows.remove_buttons[0])  # Ana, as this window shows
        message = settled(qtbot, window)

        final = stored(tmp_path, window.app_id)
        assert [p.first_name for p in final.co_applicants] == ["Cy", "Bo"]
        assert "with your edits applied" in message
        window.close()
    finally:
        ctx.close()


def test_a_signature_saved_after_a_sync_is_kept(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path, people("Ana"))
    try:
        engine_changes(tmp_path, ctx, window.app_id, set_notes)
        window.preview_step(StepId.SIGNATURES)
        applicant = window.session.app.primary_applicant.id
        sign(qtbot, window.current_page().pad_for(applicant))
        message = settled(qtbot, window)

        final = stored(tmp_path, window.app_id)
        assert final.application_info.notes == "merged from the other computer"
        signature = final.signature_for(applicant)
        assert signature is not None and signature.image_png.startswith(b"\x89PNG")
        # It was made over the copy without the other computer's notes: kept, but to sign again.
        assert "with your edits applied" in message
        assert "to be signed again: Signatures › Signature of applicant." in message
        assert changed_since_signed(final, signature)
        window.close()
    finally:
        ctx.close()


def test_edits_to_a_person_the_other_machine_removed_are_named_and_the_rest_kept(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path, people("Ana", "Bo"))

    def other_machine(app: Application) -> None:  # removes Bo
        del app.co_applicants[1]

    try:
        engine_changes(tmp_path, ctx, window.app_id, other_machine)
        window.preview_step(StepId.CO_APPLICANTS)
        fill(qtbot, window, {"co_applicants[1].phone": "2125550143", "co_applicants[0].last_name": "Kept"})
        message = settled(qtbot, window)

        final = stored(tmp_path, window.app_id)
        assert [(p.first_name, p.last_name, p.phone) for p in final.co_applicants] == [("Ana", "Kept", "")]
        assert "Not kept" in message
        assert "Co-applicants › Co-applicant 2 › Phone" in message
        assert "2125550143" not in message  # the label, never the value
        assert "Co-applicant 1" not in message  # that edit was kept
        assert "other edits were applied" in message
        assert window.notice.text() == message
        window.close()
    finally:
        ctx.close()


def test_removing_a_row_the_other_machine_already_removed_is_reported(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path, people("Ana", "Bo"))
    try:
        engine_changes(tmp_path, ctx, window.app_id, lambda app: app.co_applicants.pop(1))
        window.preview_step(StepId.CO_APPLICANTS)
        click(qtbot, window.current_page().rows.remove_buttons[1])
        message = settled(qtbot, window)

        assert [p.first_name for p in stored(tmp_path, window.app_id).co_applicants] == ["Ana"]
        assert "Not kept" in message and "Co-applicant 2 (removed)" in message
        assert "with your edits applied" not in message and "other edits" not in message
        window.close()
    finally:
        ctx.close()


def test_occupant_rows_without_ids_are_found_again_after_a_sync(qtbot, tmp_path) -> None:
    app = Application()
    app.primary_applicant.occupants = [Occupant(full_name="Dee"), Occupant(full_name="Eli")]
    ctx, window = start(qtbot, tmp_path, app)

    def other_machine(app: Application) -> None:  # adds one in front and edits Eli
        app.primary_applicant.occupants.insert(0, Occupant(full_name="Fay"))
        app.primary_applicant.occupants[2].relationship = "son"

    try:
        engine_changes(tmp_path, ctx, window.app_id, other_machine)
        window.preview_step(StepId.OCCUPANTS)
        page = window.current_page()
        fill(qtbot, window, {"primary_applicant.occupants[0].relationship": "daughter"})  # Dee
        click(qtbot, page.rows.add_button)
        fill(qtbot, window, {"primary_applicant.occupants[2].full_name": "Gus"})
        message = settled(qtbot, window)

        final = stored(tmp_path, window.app_id).primary_applicant.occupants
        assert [(o.full_name, o.relationship) for o in final] == [
            ("Fay", ""), ("Dee", "daughter"), ("Eli", "son"), ("Gus", "")
        ]
        assert "with your edits applied" in message
        window.close()
    finally:
        ctx.close()


def test_closing_the_window_right_after_a_refused_edit_keeps_it(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path)
    try:
        engine_changes(tmp_path, ctx, window.app_id, set_notes)
        window.preview_step(StepId.CO_APPLICANTS)
        click(qtbot, window.current_page().rows.add_button)
        type_text(qtbot, window.current_page().find_field("co_applicants[0].first_name"), "Zed")
        window.close()  # no event loop turn: the refusal has not reached the window yet

        final = stored(tmp_path, window.app_id)
        assert final.application_info.notes == "merged from the other computer"
        assert [p.first_name for p in final.co_applicants] == ["Zed"]
    finally:
        ctx.close()


def test_typing_while_the_new_copy_loads_is_kept(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path)
    try:
        fill(qtbot, window, {"application_info.unit": "1A"})
        wait_saved(qtbot, window)
        engine_changes(tmp_path, ctx, window.app_id, set_notes)
        fill(qtbot, window, {"application_info.unit": "2B"})
        window.session.autosaver.flush()
        # The refusal arrives and the new copy is read while the agent keeps typing.
        qtbot.waitUntil(lambda: window.session.autosaver.has_pending, timeout=WAIT_MS)
        fill(qtbot, window, {"application_info.referral_source": "Walk-in"})
        settled(qtbot, window)

        final = stored(tmp_path, window.app_id)
        assert final.application_info.notes == "merged from the other computer"
        assert (final.application_info.unit, final.application_info.referral_source) == ("2B", "Walk-in")
        window.close()
    finally:
        ctx.close()


def test_a_document_attached_after_a_sync_is_kept_with_the_typed_fields(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path)
    pdf = tmp_path / "pay-stub.pdf"
    pdf.write_bytes(PDF_BYTES)
    try:
        engine_changes(tmp_path, ctx, window.app_id, set_notes)
        fill(qtbot, window, {"application_info.unit": "3D"})
        window.preview_step(StepId.DOCUMENTS)
        window.current_page().attach_files([pdf])
        message = settled(qtbot, window)
        qtbot.waitUntil(lambda: bool(stored(tmp_path, window.app_id).documents), timeout=WAIT_MS)

        final = stored(tmp_path, window.app_id)
        assert final.application_info.notes == "merged from the other computer"
        assert final.application_info.unit == "3D"
        assert [d.file_name for d in final.documents] == ["pay-stub.pdf"]
        assert [d.file_name for d in window.session.app.documents] == ["pay-stub.pdf"]  # shown
        assert "with your edits applied" in message
        window.close()
    finally:
        ctx.close()


def test_edits_to_an_application_submitted_on_the_other_computer_are_named_not_kept(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path, people("Ana"))

    def submitted_there(app: Application) -> None:
        app.status = Status.SUBMITTED

    try:
        engine_changes(tmp_path, ctx, window.app_id, submitted_there)
        window.preview_step(StepId.CO_APPLICANTS)
        click(qtbot, window.current_page().rows.add_button)
        message = settled(qtbot, window)

        final = stored(tmp_path, window.app_id)
        assert final.status is Status.SUBMITTED and [p.first_name for p in final.co_applicants] == ["Ana"]
        assert "submitted there and is read-only" in message
        assert "not kept: Co-applicants › Co-applicant 2 (added)." in message
        assert window.session.read_only and [p.first_name for p in window.session.app.co_applicants] == ["Ana"]
        window.close()
    finally:
        ctx.close()


def test_edits_to_a_person_the_sync_engine_gave_a_new_id_are_kept(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path, people("Ana"))

    def rekeyed(app: Application) -> None:  # as LocalSide.rekey_people does
        renamed = {p.id: new_id() for _, p in app.people()}
        for _, person in app.people():
            person.id = renamed[person.id]

    try:
        engine_changes(tmp_path, ctx, window.app_id, rekeyed)
        window.preview_step(StepId.CO_APPLICANTS)
        fill(qtbot, window, {"co_applicants[0].last_name": "Kept"})
        message = settled(qtbot, window)

        final = stored(tmp_path, window.app_id)
        assert [(p.first_name, p.last_name) for p in final.co_applicants] == [("Ana", "Kept")]
        assert "with your edits applied" in message
        window.close()
    finally:
        ctx.close()


def test_edits_to_an_application_deleted_on_the_other_computer_are_named_and_the_window_read_only(
    qtbot, tmp_path
) -> None:
    ctx, window = start(qtbot, tmp_path)
    try:
        other = open_store(tmp_path / "db.sqlite3")
        try:
            AutosaveService(other).delete_draft(window.app_id)
        finally:
            other.close()
        ctx.autosave.forget(window.app_id)
        fill(qtbot, window, {"application_info.unit": "9F"})
        messages = window.messages  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: bool(messages) and not window.session.autosaver.has_pending, timeout=WAIT_MS)

        assert messages[-1].startswith("This application was deleted on your other computer")
        assert "Not kept: Application › Unit." in messages[-1]
        assert window.session.read_only and window.banner.isVisible()
        assert not window.amend_button.isVisible()
        assert "Not saved" not in window.save_state.text()
        window.close()
    finally:
        ctx.close()


def test_the_cursor_stays_on_the_field_being_typed_in_when_its_row_moves(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path, people("Ana", "Bo"))

    def other_machine(app: Application) -> None:  # adds someone in front of both
        app.co_applicants.insert(0, Person(first_name="Cy", last_name="Example"))

    try:
        engine_changes(tmp_path, ctx, window.app_id, other_machine)
        window.preview_step(StepId.CO_APPLICANTS)
        window.activateWindow()
        bo = window.current_page().find_field("co_applicants[1].first_name")
        bo.setFocus()
        qtbot.waitUntil(bo.hasFocus, timeout=WAIT_MS)
        bo.end(False)
        qtbot.keyClicks(bo, "b")
        settled(qtbot, window)

        now = QApplication.focusWidget()
        assert now is window.current_page().find_field("co_applicants[2].first_name")
        qtbot.keyClicks(now, "by")  # the agent goes on typing
        wait_saved(qtbot, window)
        names = [p.first_name for p in stored(tmp_path, window.app_id).co_applicants]
        assert names == ["Cy", "Ana", "Bobby"]
        window.close()
    finally:
        ctx.close()


def test_text_that_could_not_be_read_is_named_when_the_new_copy_replaces_it(qtbot, tmp_path) -> None:
    ctx, window = start(qtbot, tmp_path)
    try:
        engine_changes(tmp_path, ctx, window.app_id, set_notes)
        fill(qtbot, window, {"application_info.move_in_date": "13/45/2027", "application_info.unit": "5E"})
        message = settled(qtbot, window)

        assert stored(tmp_path, window.app_id).application_info.unit == "5E"
        assert "Cleared, because what was typed could not be read: Application › Move-in date." in message
        assert "13/45" not in message
        window.close()
    finally:
        ctx.close()


def test_submit_right_after_a_refused_signature_waits_for_the_agent_to_see_the_new_copy(qtbot, tmp_path) -> None:
    from tests.ui.wizard_helpers import complete_application

    ctx, window = start(qtbot, tmp_path, complete_application())
    reasons: list[str] = []
    window.session.failed.connect(reasons.append)
    try:
        engine_changes(tmp_path, ctx, window.app_id, lambda app: setattr(app, "current_step", 2))
        window.preview_step(StepId.SIGNATURES)
        applicant = window.session.app.primary_applicant.id
        pad = window.current_page().pad_for(applicant)
        pad.clear()
        sign(qtbot, pad)  # signs again over the same content
        new_png = window.session.app.signature_for(applicant).image_png
        window.go_next()  # back to the review step
        click(qtbot, window.next_button)  # Submit, before the refusal reached the window
        settled(qtbot, window)
        qtbot.waitUntil(lambda: any(r.startswith("Not submitted") for r in reasons), timeout=WAIT_MS)

        final = stored(tmp_path, window.app_id)
        assert final.status is Status.DRAFT  # not submitted without the agent's signature
        assert final.signature_for(applicant).image_png == new_png
        assert "updated from your other computer" in reasons[-1]

        window.session.submit()  # the agent has seen it now
        qtbot.waitUntil(lambda: stored(tmp_path, window.app_id).status is Status.SUBMITTED, timeout=WAIT_MS)
        assert stored(tmp_path, window.app_id).signature_for(applicant).image_png == new_png
        window.close()
    finally:
        ctx.close()
