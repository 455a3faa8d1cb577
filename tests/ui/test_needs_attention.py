"""The "Needs attention" panel lists each application that needs the agent with the reason,
and opening one goes to the wizard step and focuses the field the reason names (pytest-qt,
a real store). The details pane shows the selected application's receipt and trail."""

from __future__ import annotations

import random
from datetime import date

from PySide6.QtWidgets import QApplication

from desktop_app.sampledata import synthetic_application
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.ui.main_window import MainWindow
from desktop_app.wizard.steps import StepId

FIELD = "co_applicants[0].email"
REASON = "The server refused this e-mail address"


def needing_attention(ctx, field=FIELD):
    app = synthetic_application(random.Random(21), today=date(2026, 11, 26), co_applicants=1)
    app_id = ctx.autosave.create_draft(app).id
    with sync_uow(ctx.store) as uow:
        uow.sync.set_attention(app_id, 1, REASON, "4 Co-applicants", field)
        uow.commit()
    return app_id


def window_of(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    return window


def test_opening_an_entry_focuses_the_named_field(qtbot, ctx):
    app_id = needing_attention(ctx)
    window = window_of(qtbot, ctx)
    qtbot.waitUntil(lambda: window.attention.list.count() == 1)
    assert REASON in window.attention.list.item(0).text()
    with qtbot.waitSignal(window.wizard_opened):
        window.attention.open_row(0)
    wizard = window.wizards[app_id]
    qtbot.waitUntil(lambda: wizard.is_loaded)
    page = wizard.pages[StepId.CO_APPLICANTS]
    field = page.binder.bindings[FIELD].widget
    qtbot.waitUntil(lambda: wizard.current_page() is page)
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (field, field.focusProxy()))
    wizard.close()
    window.close()


def test_a_field_on_a_step_the_gate_would_refuse_is_still_reached(qtbot, ctx):
    app_id = needing_attention(ctx, "guarantors[0].email")
    with ctx.store.uow() as uow:
        app, revision = uow.applications.get(app_id)
        app.primary_applicant.email = "not an e-mail"  # step 2 no longer validates
        uow.applications.save(app, expected_revision=revision)
        uow.commit()
    ctx.autosave.forget(app_id)
    window = window_of(qtbot, ctx)
    qtbot.waitUntil(lambda: window.attention.list.count() == 1)
    window.attention.open_row(0)
    wizard = window.wizards[app_id]
    qtbot.waitUntil(lambda: wizard.is_loaded)
    field = wizard.pages[StepId.GUARANTORS].binder.bindings["guarantors[0].email"].widget
    qtbot.waitUntil(lambda: QApplication.focusWidget() in (field, field.focusProxy()))
    wizard.close()
    window.close()


def test_the_details_pane_shows_the_selected_application(qtbot, ctx):
    app_id = needing_attention(ctx)
    window = window_of(qtbot, ctx)
    assert window.select(app_id)
    qtbot.waitUntil(lambda: window.details.app_id == app_id)
    assert REASON in window.details.attention.text()
    assert "Not on the server yet" in window.details.receipt.state.text()
    assert "created 1" in window.details.audit.text()
    window.close()


def test_the_review_shows_the_receipt_and_the_trail(qtbot, ctx):
    app_id = needing_attention(ctx)
    ctx.autosave.save_field(app_id, "application_info.unit", "7C")
    window = window_of(qtbot, ctx)
    wizard = window.open_wizard(app_id)
    qtbot.waitUntil(lambda: wizard.is_loaded)
    wizard.preview_step(StepId.REVIEW)
    records = wizard.pages[StepId.REVIEW].records
    qtbot.waitUntil(lambda: records.audit.table.rowCount() == 2)
    assert "The chain verifies" in records.audit.summary.text()
    assert records.audit.table.item(0, 1).text() == "field edited: application_info.unit"
    assert "Not on the server yet" in records.receipt.state.text()
    wizard.close()
    window.close()
