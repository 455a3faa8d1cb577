"""City, state and ZIP on one row (the state a list with NY first, the ZIP masked) and US phone
numbers formatted as they are typed, stored as the model expects."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from tests.ui.wizard_helpers import APP_INFO, fill, new_draft, open_window, type_text, wait_saved


def on_primary(qtbot, ctx):
    app = new_draft(ctx)
    window = open_window(qtbot, ctx, app.id)
    fill(qtbot, window, APP_INFO)
    window.go_next()
    return app, window


def test_city_state_and_zip_share_one_row_with_ny_first_and_a_masked_zip(qtbot, ctx) -> None:
    app, window = on_primary(qtbot, ctx)
    page = window.current_page()
    city = page.find_field("primary_applicant.current_address.city")
    state = page.find_field("primary_applicant.current_address.state")
    zip_code = page.find_field("primary_applicant.current_address.zip")
    assert isinstance(state, QComboBox) and state.itemText(0) == "NY" and state.count() > 50
    assert city.parentWidget() is state.parentWidget() is zip_code.parentWidget()
    assert abs(city.mapToGlobal(city.rect().center()).y() - zip_code.mapToGlobal(zip_code.rect().center()).y()) < 4
    type_text(qtbot, zip_code, "1a0b0c0d1")
    assert zip_code.text() == "10001"  # letters never enter
    type_text(qtbot, state, "nj")
    wait_saved(qtbot, window)
    stored = ctx.autosave.load(app.id).primary_applicant.current_address
    assert (stored.zip, stored.state) == ("10001", "NJ")
    type_text(qtbot, zip_code, "10001-1234")
    wait_saved(qtbot, window)
    assert ctx.autosave.load(app.id).primary_applicant.current_address.zip == "10001-1234"
    window.close()


def test_phones_are_formatted_as_typed_and_stored_formatted(qtbot, ctx) -> None:
    app, window = on_primary(qtbot, ctx)
    phone = window.current_page().find_field("primary_applicant.phone")
    type_text(qtbot, phone, "2125550100")
    assert phone.text() == "(212) 555-0100"
    wait_saved(qtbot, window)
    assert ctx.autosave.load(app.id).primary_applicant.phone == "(212) 555-0100"
    type_text(qtbot, phone, "+44 20 7946 0958")  # not a US number: kept as typed
    assert phone.text() == "+44 20 7946 0958"
    window.close()
