"""One complete application typed and clicked through the real widgets: two co-applicants, a
guarantor, two occupants, a document, every signature, submit. The store then holds exactly
what was typed, and reopened the window is read-only with the same values."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from desktop_app.domain.models import DocumentKind, EmploymentStatus, IncomeSource, Status
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import (
    PDF_BYTES,
    WAIT_MS,
    button,
    choose,
    click,
    field,
    fill,
    new_draft,
    open_context,
    open_window,
    sign,
    stored,
)


def person(prefix: str, first: str, last: str, email: str, street: str, income: str) -> dict[str, str]:
    return {
        f"{prefix}.first_name": first,
        f"{prefix}.last_name": last,
        f"{prefix}.date_of_birth": "02/29/1992",
        f"{prefix}.email": email,
        f"{prefix}.phone": "(718) 555-0199",
        f"{prefix}.current_address.street": street,
        f"{prefix}.current_address.city": "Queens",
        f"{prefix}.current_address.state": "NY",
        f"{prefix}.current_address.zip": "11375",
        f"{prefix}.annual_income": income,
    }


def next_step(qtbot, window, expected: StepId) -> None:
    click(qtbot, window.next_button)
    assert window.flow.current.id is expected, window.reason.text()


def test_complete_application_typed_through_the_wizard_is_stored_as_typed(qtbot, tmp_path) -> None:
    ctx = open_context(tmp_path)
    try:
        app_id = new_draft(ctx).id
        window = open_window(qtbot, ctx, app_id)

        # 1. Application
        fill(qtbot, window, {
            "application_info.building_address": "350 W 42nd St",
            "application_info.unit": "12C",
            "application_info.monthly_rent": "$3,150.00",
            "application_info.move_in_date": "01/01/2027",
            "application_info.referral_source": "StreetEasy",
            "application_info.notes": "Prefers a morning move",
        })
        next_step(qtbot, window, StepId.PRIMARY_APPLICANT)

        # 2. Primary applicant, with a voucher and a bank account
        page = window.current_page()
        fill(qtbot, window, person("primary_applicant", "José", "García-Núñez", "jose@example.com",
                                   "41-12 Queens Blvd", "64000"))
        fill(qtbot, window, {
            "primary_applicant.ssn": "123-45-6789",
            "primary_applicant.landlord_name": "Ana Ruiz",
            "primary_applicant.monthly_housing_payment": "1800",
            "primary_applicant.employment.employer": "Acme Bakery",
            "primary_applicant.employment.start_date": "2019-06-01",
        })
        ssn = field(window, "primary_applicant.ssn")
        assert ssn.echoMode() == QLineEdit.EchoMode.Password  # masked by default
        click(qtbot, button(page, "Show SSN"))
        assert ssn.echoMode() == QLineEdit.EchoMode.Normal
        choose(qtbot, window, "primary_applicant.employment.status", EmploymentStatus.EMPLOYED.value)
        click(qtbot, button(page, "Add other income (voucher, benefits…)"))
        choose(qtbot, window, "primary_applicant.other_income[0].source", IncomeSource.HOUSING_VOUCHER.value)
        fill(qtbot, window, {
            "primary_applicant.other_income[0].description": "CityFHEPS",
            "primary_applicant.other_income[0].monthly_amount": "1200",
        })
        click(qtbot, button(page, "Add bank account"))
        fill(qtbot, window, {
            "primary_applicant.bank_accounts[0].institution": "Chase",
            "primary_applicant.bank_accounts[0].account_type": "checking",
            "primary_applicant.bank_accounts[0].approximate_balance": "5200.50",
        })
        next_step(qtbot, window, StepId.OCCUPANTS)

        # 3. Two occupants
        page = window.current_page()
        click(qtbot, button(page, "Add occupant"))
        click(qtbot, button(page, "Add occupant"))
        fill(qtbot, window, {
            "primary_applicant.occupants[0].full_name": "Zoë García",
            "primary_applicant.occupants[0].relationship": "daughter",
            "primary_applicant.occupants[0].date_of_birth": "05/05/2015",
            "primary_applicant.occupants[1].full_name": "Mateo Garcia",
            "primary_applicant.occupants[1].relationship": "son",
        })
        next_step(qtbot, window, StepId.CO_APPLICANTS)

        # 4. Two co-applicants (a third added and removed again)
        page = window.current_page()
        for _ in range(3):
            click(qtbot, button(page, "Add co-applicant"))
        fill(qtbot, window, person("co_applicants[0]", "Siobhán", "O'Brien", "siobhan@example.com",
                                   "12 Court St", "30000"))
        fill(qtbot, window, {"co_applicants[0].relationship": "partner"})
        fill(qtbot, window, person("co_applicants[2]", "李", "Wei", "li.wei@example.com",
                                   "88 Main St", "28000"))
        click(qtbot, button(page, "Remove co-applicant 2"))
        assert field(window, "co_applicants[1].first_name").text() == "李"
        next_step(qtbot, window, StepId.GUARANTORS)

        # 5. A guarantor
        click(qtbot, button(window.current_page(), "Add guarantor"))
        fill(qtbot, window, person("guarantors[0]", "Margaret", "O'Brien", "maggie@example.com",
                                   "5 Elm Rd", "250000"))
        next_step(qtbot, window, StepId.DOCUMENTS)

        # 6. A document, through the file dialog's code path
        page = window.current_page()
        pdf = tmp_path / "pay stub.pdf"
        pdf.write_bytes(PDF_BYTES)
        choose_combo(qtbot, page.kind, DocumentKind.PAY_STUB.value)
        page.attach_files([pdf])
        qtbot.waitUntil(lambda: len(window.flow.app.documents) == 1, timeout=WAIT_MS)
        next_step(qtbot, window, StepId.SIGNATURES)

        # 7. Everyone signs with the mouse
        page = window.current_page()
        assert len(page.boxes) == 4
        for box in page.boxes:
            sign(qtbot, box.pad)
            assert box.status.text().startswith("Signed by")
        next_step(qtbot, window, StepId.REVIEW)

        # 8. Review and submit
        page = window.current_page()
        assert page.checklist_text.startswith("Nothing is missing")
        # 64,000 + 30,000 + 28,000 = 122,000 against 40 × (3,150 less the 1,200 voucher) = 78,000
        assert "tenant share $1,950.00" in page.qualification_text
        assert "$78,000.00" in page.qualification_text
        assert "$122,000.00" in page.qualification_text
        assert "The household qualifies." in page.qualification_text
        assert window.next_button.text() == "&Submit"
        with qtbot.waitSignal(window.submitted, timeout=WAIT_MS):
            click(qtbot, window.next_button)
        assert window.banner.isVisible()
        window.close()
        ctx.tasks.flush()
    finally:
        ctx.close()

    app = stored(tmp_path, app_id)
    assert app.status is Status.SUBMITTED
    info = app.application_info
    assert (info.building_address, info.unit, info.monthly_rent) == ("350 W 42nd St", "12C", Decimal("3150.00"))
    assert (info.move_in_date, info.application_fee, info.fee_waived) == (date(2027, 1, 1), Decimal(20), False)
    assert (info.referral_source, info.notes) == ("StreetEasy", "Prefers a morning move")
    p = app.primary_applicant
    assert (p.first_name, p.last_name, p.ssn) == ("José", "García-Núñez", "123-45-6789")
    assert (p.date_of_birth, p.email, p.phone) == (date(1992, 2, 29), "jose@example.com", "(718) 555-0199")
    assert p.current_address.model_dump(exclude={"unknown"}) == {
        "street": "41-12 Queens Blvd", "unit": "", "city": "Queens", "state": "NY", "zip": "11375"}
    assert (p.landlord_name, p.monthly_housing_payment) == ("Ana Ruiz", Decimal(1800))
    assert p.employment.status is EmploymentStatus.EMPLOYED
    assert (p.employment.employer, p.employment.start_date) == ("Acme Bakery", date(2019, 6, 1))
    assert p.annual_income == Decimal(64000)
    assert [(i.source, i.description, i.monthly_amount) for i in p.other_income] == [
        (IncomeSource.HOUSING_VOUCHER, "CityFHEPS", Decimal(1200))]
    assert [(b.institution, b.account_type, b.approximate_balance) for b in p.bank_accounts] == [
        ("Chase", "checking", Decimal("5200.50"))]
    assert [(o.full_name, o.relationship, o.date_of_birth) for o in p.occupants] == [
        ("Zoë García", "daughter", date(2015, 5, 5)), ("Mateo Garcia", "son", None)]
    assert [(c.first_name, c.last_name, c.email, c.relationship) for c in app.co_applicants] == [
        ("Siobhán", "O'Brien", "siobhan@example.com", "partner"), ("李", "Wei", "li.wei@example.com", "")]
    assert [(g.full_name, g.annual_income) for g in app.guarantors] == [("Margaret O'Brien", Decimal(250000))]
    [doc] = app.documents
    assert (doc.file_name, doc.kind, doc.content_type, doc.size, doc.person_id) == (
        "pay stub.pdf", DocumentKind.PAY_STUB, "application/pdf", len(PDF_BYTES), p.id)
    assert sorted(s.person_id for s in app.signatures) == sorted(x.id for _, x in app.people())
    assert all(s.image_png.startswith(b"\x89PNG") and s.signer_name for s in app.signatures)
    assert {s.signer_name for s in app.signatures} == {
        "José García-Núñez", "Siobhán O'Brien", "李 Wei", "Margaret O'Brien"}

    # Reopened: read-only, the same values.
    ctx = open_context(tmp_path)
    try:
        window = open_window(qtbot, ctx, app_id)
        assert window.banner.isVisible() and window.flow.app.is_read_only
        assert not window.next_button.isVisible() or window.next_button.text() != "&Submit"
        for step in window.flow.steps():
            window.show_step(step.id)
            page = window.current_page()
            assert page is not None
            for path, binding in page.binder.bindings.items():
                w = binding.widget
                if isinstance(w, (QLineEdit, QPlainTextEdit)):
                    assert w.isReadOnly(), path
                else:
                    assert not w.isEnabled(), path
        window.show_step(StepId.CO_APPLICANTS)
        assert field(window, "co_applicants[1].first_name").text() == "李"
        assert field(window, "co_applicants[0].email").text() == "siobhan@example.com"
        window.show_step(StepId.APPLICATION_INFO)
        assert field(window, "application_info.monthly_rent").text() == "3150.00"
        assert field(window, "application_info.move_in_date").text() == "01/01/2027"
        assert not isinstance(field(window, "application_info.fee_waived"), QCheckBox) or not field(
            window, "application_info.fee_waived").isChecked()
        window.show_step(StepId.SIGNATURES)
        assert all(not b.pad.is_empty() and not b.pad.isEnabled() for b in window.current_page().boxes)
        window.show_step(StepId.DOCUMENTS)
        assert not window.current_page().attach_button.isEnabled()
        window.close()
    finally:
        ctx.close()


def choose_combo(qtbot, combo: QComboBox, data: str) -> None:
    from PySide6.QtCore import Qt

    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentData() != data:
        before = combo.currentIndex()
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        assert combo.currentIndex() != before, data
