"""The review shows what other systems wrote to an application's items as "Other data": folded
away, read-only, personal-looking values masked, and the signatures still good."""

from __future__ import annotations

from decimal import Decimal

from boto3.dynamodb.types import Binary
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from desktop_app.sync.mapping import application_from_items, application_items
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import WAIT_MS, click, complete_application, open_window

IDENTITY = "us-east-1:0f0e0d0c-0b0a-4909-8807-060504030201"


def application_with_other_data():
    app = complete_application()
    items = application_items(app, IDENTITY)
    app_item = dict(items[0].attributes, version=3)
    app_item["webhook_responses"] = [{"status": Decimal(200), "body": "accepted"}]
    app_item["application_info"] = dict(app_item["application_info"], portal_ref="P-7731")
    people = []
    for item in items[1:]:
        attrs = dict(item.attributes, version=3)
        if item.table == "applicant":
            attrs["webhookSummary"] = {"score": Decimal("712.5"), "ssn_last4": "4321"}
            attrs["review_status"] = "cleared"
            attrs["raw_blob"] = Binary(b"\x00\x01\x02")
            attrs["applicant_info"] = dict(attrs["applicant_info"], bank_routing="021000021")
        people.append((item.table, attrs))
    return application_from_items(IDENTITY, app_item, people)


def _texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)]


def test_review_shows_other_data_folded_read_only_and_masked(qtbot, ctx):
    app = application_with_other_data()
    ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    window.show_step(StepId.REVIEW)
    page = window.current_page()

    toggle = page.other_toggle
    assert toggle is not None and toggle.text() == "Other data (6)"
    assert not page.other_body.isVisible()  # folded until asked for
    click(qtbot, toggle)
    qtbot.waitUntil(page.other_body.isVisible, timeout=WAIT_MS)

    rows = dict(page.other_rows)
    assert rows["Application › webhook_responses"] == "[{status: 200, body: accepted}]"
    assert rows["Application › portal_ref"] == "P-7731"
    assert rows["Applicant › review_status"] == "cleared"
    assert rows["Applicant › raw_blob"] == "<3 bytes>"
    assert rows["Applicant › webhookSummary"] == "{score: 712.5, ssn_last4: •••• (hidden)}"
    assert rows["Applicant › bank_routing"] == "•••• (hidden)"
    shown = " ".join(_texts(page.other_body))
    assert "4321" not in shown and "021000021" not in shown
    assert "cleared" in shown and "Applicant › review_status" in shown
    # Read-only: labels only, no field to type into.
    assert not page.other_body.findChildren(QLineEdit)
    assert not page.other_body.findChildren(QPlainTextEdit)
    # Other data is not what anyone signed: the signatures made before it arrived still hold.
    assert "Changed since" not in page.checklist_text
    window.close()
    ctx.autosave.forget(app.id)
    kept = ctx.tasks.db(lambda: ctx.autosave.load(app.id)).run().result(timeout=WAIT_MS / 1000)
    assert kept.other == app.other and kept.other  # kept as read, through the store
    assert kept.primary_applicant.other == app.primary_applicant.other
    assert kept.application_info.unknown == {"portal_ref": {"S": "P-7731"}}


def test_review_without_other_data_has_no_such_section(qtbot, ctx):
    app = complete_application()
    ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    window.show_step(StepId.REVIEW)
    assert window.current_page().other_toggle is None
    assert not any("Other data" in t for t in _texts(window.current_page()))
    window.close()
