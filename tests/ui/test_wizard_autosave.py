"""Autosave: nothing typed is lost when the window goes away, edits reach the store without a
step change, and a reopened draft resumes at its step with every field filled."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from desktop_app.ui.wizard.autosaver import DELAY_MS
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import (
    APP_INFO,
    WAIT_MS,
    field,
    fill,
    new_draft,
    open_context,
    open_window,
    stored,
    wait_saved,
)

HALF = {
    "primary_applicant.first_name": "Zoë",
    "primary_applicant.last_name": "O'Brien",
    "primary_applicant.date_of_birth": "12/24/1990",
    "primary_applicant.email": "zoe@example",  # not valid yet: saved as typed all the same
}


def _half_fill(qtbot, tmp_path):
    ctx = open_context(tmp_path)
    app_id = new_draft(ctx).id
    window = open_window(qtbot, ctx, app_id)
    fill(qtbot, window, APP_INFO)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.flow.current.id is StepId.PRIMARY_APPLICANT
    fill(qtbot, window, HALF)
    assert window.session.autosaver.has_pending  # the last keystrokes are still debounced
    return ctx, app_id, window


def _reopened_resumes_with_the_typed_values(qtbot, tmp_path, app_id: str) -> None:
    app = stored(tmp_path, app_id)
    assert app.current_step == 2
    assert (app.primary_applicant.first_name, app.primary_applicant.email) == ("Zoë", "zoe@example")
    assert app.primary_applicant.date_of_birth == date(1990, 12, 24)
    ctx = open_context(tmp_path)
    try:
        window = open_window(qtbot, ctx, app_id)
        assert window.flow.current.id is StepId.PRIMARY_APPLICANT
        assert window.current_page().step_id is StepId.PRIMARY_APPLICANT
        for path, text in HALF.items():
            assert field(window, path).text() == text, path
        # The bad email still shows its error at once (the value was typed, so it is touched).
        assert window.current_page().binder.bindings["primary_applicant.email"].error_label.isVisible()
        window.close()
    finally:
        ctx.close()


def test_window_closed_right_after_typing_loses_nothing_and_resumes_at_the_step(qtbot, tmp_path) -> None:
    ctx, app_id, window = _half_fill(qtbot, tmp_path)
    try:
        window.close()  # no other click, no wait
    finally:
        ctx.close()
    _reopened_resumes_with_the_typed_values(qtbot, tmp_path, app_id)


def test_window_deleted_without_close_loses_nothing(qtbot, tmp_path) -> None:
    ctx, app_id, window = _half_fill(qtbot, tmp_path)
    try:
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        ctx.close()
    _reopened_resumes_with_the_typed_values(qtbot, tmp_path, app_id)


def test_application_quit_flushes_pending_edits(qtbot, tmp_path) -> None:
    ctx, app_id, window = _half_fill(qtbot, tmp_path)
    try:
        QCoreApplication.instance().aboutToQuit.emit()
        assert stored(tmp_path, app_id).primary_applicant.email == "zoe@example"
        window.close()
    finally:
        ctx.close()


def test_edits_are_saved_after_the_debounce_without_a_step_change(qtbot, tmp_path) -> None:
    ctx = open_context(tmp_path)
    changed: list[str] = []
    ctx.bus.application_changed.connect(changed.append)
    try:
        app_id = new_draft(ctx).id
        window = open_window(qtbot, ctx, app_id)
        assert DELAY_MS <= 500
        fill(qtbot, window, {"application_info.unit": "7F"})
        assert window.save_state.text() == "Saving…"
        wait_saved(qtbot, window)
        qtbot.waitUntil(lambda: window.save_state.text() == "Saved", timeout=WAIT_MS)
        assert stored(tmp_path, app_id).application_info.unit == "7F"
        assert app_id in changed
        window.close()
    finally:
        ctx.close()


@pytest.mark.parametrize("text", ["2500", "$2,500.00"])
def test_money_typed_with_dollar_sign_and_commas_is_stored_as_a_decimal(qtbot, tmp_path, text: str) -> None:
    ctx = open_context(tmp_path)
    try:
        app_id = new_draft(ctx).id
        window = open_window(qtbot, ctx, app_id)
        fill(qtbot, window, {"application_info.monthly_rent": text})
        window.close()
    finally:
        ctx.close()
    assert stored(tmp_path, app_id).application_info.monthly_rent == 2500
