"""Errors at the field and the Next gate, and keyboard navigation, through the real widgets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.context import AppContext
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import APP_INFO, fill, new_draft, open_context, open_window, type_text

@pytest.fixture
def ctx(tmp_path) -> Iterator[AppContext]:
    context = open_context(tmp_path)
    yield context
    context.close()


def error_of(window, path: str) -> str:
    binding = window.current_page().binder.bindings[path]
    return binding.error_label.text() if binding.error_label.isVisible() else ""


def test_a_25_dollar_fee_shows_the_cap_at_the_fee_field_and_blocks_next(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    fill(qtbot, window, APP_INFO)
    assert window.next_button.isEnabled()

    fee = window.current_page().find_field("application_info.application_fee")
    type_text(qtbot, fee, "25")
    message = error_of(window, "application_info.application_fee")
    assert "$20" in message and "§238-a" in message
    assert fee.accessibleDescription() == message
    assert not window.next_button.isEnabled()
    assert "$20" in window.reason.text()  # the reason is visible beside Next

    type_text(qtbot, fee, "20")
    assert error_of(window, "application_info.application_fee") == ""
    assert window.next_button.isEnabled()
    window.close()


def test_an_invalid_email_shows_its_error_at_the_field_and_blocks_next(qtbot, ctx) -> None:
    app = new_draft(ctx)
    window = open_window(qtbot, ctx, app.id)
    fill(qtbot, window, APP_INFO)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.flow.current.id is StepId.PRIMARY_APPLICANT
    fill(qtbot, window, {
        "primary_applicant.first_name": "Siobhan",
        "primary_applicant.last_name": "O'Brien",
        "primary_applicant.date_of_birth": "07/04/1988",
        "primary_applicant.phone": "(212) 555-0143",
        "primary_applicant.current_address.street": "1 Main St",
        "primary_applicant.current_address.city": "Brooklyn",
        "primary_applicant.current_address.state": "NY",
        "primary_applicant.current_address.zip": "11201",
    })
    email = window.current_page().find_field("primary_applicant.email")
    type_text(qtbot, email, "siobhan@@example")
    message = error_of(window, "primary_applicant.email")
    assert message.startswith("Not a valid email address")
    assert email.accessibleDescription() == message
    assert not window.next_button.isEnabled()

    # Enter on the blocked step does not move; it reveals and focuses the first bad field.
    qtbot.keyClick(email, Qt.Key.Key_Return)
    assert window.flow.current.id is StepId.PRIMARY_APPLICANT

    type_text(qtbot, email, "siobhan@example.com")
    assert error_of(window, "primary_applicant.email") == ""
    assert window.next_button.isEnabled()
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.flow.current.id is StepId.OCCUPANTS
    window.close()


def test_unreadable_values_show_what_to_type_and_block_next(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    fill(qtbot, window, APP_INFO)
    type_text(qtbot, window.current_page().find_field("application_info.move_in_date"), "31/31/2027")
    assert "03/15/1990" in error_of(window, "application_info.move_in_date")
    assert not window.next_button.isEnabled()
    type_text(qtbot, window.current_page().find_field("application_info.monthly_rent"), "lots")
    assert "dollars" in error_of(window, "application_info.monthly_rent")
    window.close()


def test_keyboard_alt_right_and_enter_move_next_alt_left_moves_back(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    unit = window.current_page().find_field("application_info.unit")

    qtbot.keyClick(unit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # blocked: empty step
    assert window.flow.current.id is StepId.APPLICATION_INFO
    assert window.focusWidget() is window.current_page().find_field("application_info.building_address")

    fill(qtbot, window, APP_INFO)
    qtbot.keyClick(unit, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.flow.current.id is StepId.PRIMARY_APPLICANT
    first = window.current_page().find_field("primary_applicant.first_name")
    qtbot.keyClick(first, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.flow.current.id is StepId.APPLICATION_INFO
    qtbot.keyClick(window.current_page().find_field("application_info.unit"), Qt.Key.Key_Return)
    assert window.flow.current.id is StepId.PRIMARY_APPLICANT
    window.close()


def test_every_input_has_an_accessible_name_and_tab_follows_the_form(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    for step in window.pages:
        window.preview_step(step)
        page = window.current_page()
        for path, binding in page.binder.bindings.items():
            assert binding.widget.accessibleName(), path
    window.preview_step(StepId.APPLICATION_INFO)
    page = window.current_page()
    building = page.find_field("application_info.building_address")
    unit = page.find_field("application_info.unit")
    assert building.nextInFocusChain() is unit or building.lineEdit().nextInFocusChain() is unit
    window.close()


def test_sidebar_jumps_back_freely_but_not_past_a_step_with_errors(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    assert titles[0] == "1. Application" and titles[-1] == "8. Review & submit"

    def click_step(row: int) -> None:
        rect = window.sidebar.visualItemRect(window.sidebar.item(row))
        qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    click_step(4)  # Guarantors: Application is not complete
    assert window.flow.current.id is StepId.APPLICATION_INFO
    assert window.sidebar.currentRow() == 0
    assert window.reason.text() == "Application: Building address is required"

    fill(qtbot, window, APP_INFO)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.flow.current.id is StepId.PRIMARY_APPLICANT and window.sidebar.currentRow() == 1
    click_step(0)
    assert window.flow.current.id is StepId.APPLICATION_INFO
    assert window.current_page().find_field("application_info.unit").text() == "12C"
    window.close()


def test_leaving_an_empty_required_field_shows_its_error(qtbot, ctx) -> None:
    window = open_window(qtbot, ctx, new_draft(ctx).id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    unit = window.current_page().find_field("application_info.unit")
    unit.setFocus()
    assert error_of(window, "application_info.unit") == ""
    qtbot.keyClick(unit, Qt.Key.Key_Tab)
    assert error_of(window, "application_info.unit") == "Unit is required"
    window.close()
