"""Bounds at the field, through the real widgets: a rent or income beyond what one can be, a
number with more digits than can be stored, a name too long or with a control character — each
shows its error at the field and blocks Next, and nothing unstorable reaches the store."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.context import AppContext
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import fill, new_draft, open_context, open_window, stored, type_text, wait_saved

APP_INFO = {
    "application_info.building_address": "350 W 42nd St",
    "application_info.unit": "12C",
    "application_info.monthly_rent": "3,150",
    "application_info.move_in_date": "01/01/2027",
}


@pytest.fixture
def ctx(tmp_path) -> Iterator[AppContext]:
    context = open_context(tmp_path)
    yield context
    context.close()


def error_of(window, path: str) -> str:
    binding = window.current_page().binder.bindings[path]
    return binding.error_label.text() if binding.error_label.isVisible() else ""


@pytest.mark.parametrize("typed, message", [
    ("250,000,000", "Must be at most $100,000,000"),
    ("100000000.01", "Must be at most $100,000,000"),
    ("9" * 39, "Too many digits (at most 38)"),
])
def test_a_rent_out_of_bounds_shows_at_the_field_and_blocks_next(qtbot, ctx, tmp_path, typed, message):
    app = new_draft(ctx)
    window = open_window(qtbot, ctx, app.id)
    fill(qtbot, window, APP_INFO)
    assert window.next_button.isEnabled()

    rent = window.current_page().find_field("application_info.monthly_rent")
    type_text(qtbot, rent, typed)
    assert error_of(window, "application_info.monthly_rent") == message
    assert rent.accessibleDescription() == message
    assert not window.next_button.isEnabled()
    wait_saved(qtbot, window)
    kept = stored(tmp_path, app.id).application_info.monthly_rent
    assert kept is not None and len(kept.as_tuple().digits) <= 38  # never an unstorable number

    type_text(qtbot, rent, "3150")
    assert error_of(window, "application_info.monthly_rent") == ""
    assert window.next_button.isEnabled()
    wait_saved(qtbot, window)
    assert stored(tmp_path, app.id).application_info.monthly_rent == Decimal("3150")
    window.close()


def test_an_income_and_a_name_out_of_bounds_show_at_their_fields(qtbot, ctx):
    app = new_draft(ctx)
    window = open_window(qtbot, ctx, app.id)
    fill(qtbot, window, APP_INFO)
    qtbot.mouseClick(window.next_button, Qt.MouseButton.LeftButton)
    assert window.flow.current.id is StepId.PRIMARY_APPLICANT

    fill(qtbot, window, {
        "primary_applicant.first_name": "Siobhan",
        "primary_applicant.last_name": "O" * 201,
        "primary_applicant.annual_income": "1000000000",
    })
    assert error_of(window, "primary_applicant.last_name") == "Too long (at most 200 characters)"
    assert error_of(window, "primary_applicant.annual_income") == "Must be at most $100,000,000"
    assert not window.next_button.isEnabled()

    first = window.current_page().find_field("primary_applicant.first_name")
    first.setText("Sio\x00bhan")  # pasted text can carry control characters
    assert error_of(window, "primary_applicant.first_name") == "Contains a control character"
    window.close()
