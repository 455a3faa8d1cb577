"""The wizard's side of NYC compliance, through the real widgets: the broker-fee refusal at its
field, the consent text on the signatures step (recorded with each signature, and no signing
without it), and the tenant share in the review."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from desktop_app.domain import consent
from desktop_app.domain.consent import ConsentLibrary
from desktop_app.domain.models import BrokerEngagement, IncomeSource, OtherIncome
from desktop_app.domain.signing import changed_since_signed
from desktop_app.ui.context import AppContext
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import (
    APP_INFO,
    WAIT_MS,
    choose,
    complete_application,
    fill,
    new_draft,
    open_context,
    open_window,
    sign,
    stored,
    type_text,
)


@pytest.fixture
def ctx(tmp_path) -> Iterator[AppContext]:
    context = open_context(tmp_path)
    yield context
    context.close()


def error_of(window, path: str) -> str:
    binding = window.current_page().binder.bindings[path]
    return binding.error_label.text() if binding.error_label.isVisible() else ""


def test_a_broker_fee_is_refused_at_its_field_when_the_landlord_engaged_the_broker(qtbot, ctx, tmp_path) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    fill(qtbot, window, APP_INFO)
    choose(qtbot, window, "application_info.broker_engaged_by", BrokerEngagement.LANDLORD.value)
    fee = window.current_page().find_field("application_info.broker_fee")
    type_text(qtbot, fee, "3,150")
    message = error_of(window, "application_info.broker_fee")
    assert "landlord engaged the broker" in message and "FARE Act" in message
    assert not window.next_button.isEnabled()
    assert "FARE Act" in window.reason.text()

    choose(qtbot, window, "application_info.broker_engaged_by", BrokerEngagement.TENANT.value)
    assert error_of(window, "application_info.broker_fee") == ""
    assert window.next_button.isEnabled()
    window.close()
    ctx.tasks.flush()
    info = stored(tmp_path, window.flow.app.id).application_info
    assert (info.broker_engaged_by, info.broker_fee) == (BrokerEngagement.TENANT, Decimal("3150"))


def test_the_signatures_step_shows_the_consent_and_each_signature_records_it(qtbot, ctx, tmp_path, library) -> None:
    app = complete_application()
    app.signatures, app.current_step = [], 7
    app = ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    assert page.step_id is StepId.SIGNATURES
    assert "FARE Act" in page.consent_view.toPlainText()
    assert "version 1" in page.consent_label.text()
    for box in page.boxes:
        sign(qtbot, box.pad)
    assert "consent version 1, en" in page.boxes[0].status.text()
    assert window.next_button.isEnabled()
    window.close()
    ctx.tasks.flush()
    saved = stored(tmp_path, app.id)
    assert {(s.consent_version, s.consent_language) for s in saved.signatures} == {(1, "en")}
    assert not any(changed_since_signed(saved, s) for s in saved.signatures)


def test_without_a_consent_text_nobody_can_sign_and_the_page_says_why(qtbot, ctx, tmp_path, library) -> None:
    app = complete_application()
    app.signatures, app.current_step = [], 7
    (library.root / "en" / "v1.md").unlink()
    consent.use_library(ConsentLibrary(library.root))  # the app starts without the text
    app = ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    assert page.consent_error.isVisible()
    assert "cannot be shown" in page.consent_error.text()
    assert all(not box.pad.isEnabled() for box in page.boxes)
    assert not window.next_button.isEnabled()
    window.close()


def test_the_review_shows_the_tenant_share_and_the_requirement_on_it(qtbot, ctx) -> None:
    app = complete_application()  # signed at rent $2,000; the review step
    app.application_info.monthly_rent = Decimal(2000)
    app.primary_applicant.annual_income = None
    app.primary_applicant.other_income = [
        OtherIncome(source=IncomeSource.HOUSING_VOUCHER, monthly_amount=Decimal(1700)),
        OtherIncome(source=IncomeSource.PUBLIC_BENEFITS, monthly_amount=Decimal(1000)),
    ]
    app = ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    assert page.step_id is StepId.REVIEW
    text = page.qualification_text
    assert "less housing subsidy $1,700.00: tenant share $300.00 a month" in text
    assert "40× the tenant share: $12,000.00 a year" in text
    assert "$12,000.00 a year." in text.splitlines()[2]
    assert "The household qualifies." in text
    window.close()
