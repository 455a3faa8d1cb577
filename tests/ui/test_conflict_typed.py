"""The conflict dialog shows the base value beside the two sides and takes a typed value."""

from desktop_app.sync.deletion import WHOLE_APPLICATION
from desktop_app.sync.merge import FieldConflict
from desktop_app.ui.conflict_dialog import ConflictDialog


def test_a_typed_value_is_chosen_and_needs_text(qtbot):
    conflicts = [
        FieldConflict("application_info.monthly_rent", "2500", "2600", "2700"),
        FieldConflict("primary_applicant.email", "a@x.test", "mine@x.test", "theirs@x.test"),
    ]
    dialog = ConflictDialog(conflicts)
    qtbot.addWidget(dialog)
    assert [dialog.table.item(0, c).text() for c in (1, 2, 3)] == ["2600", "2700", "2500"]
    dialog.choose(1, "local")
    dialog.type_value(0, "")
    assert not dialog.apply_button.isEnabled()  # "typed" with nothing typed
    dialog.type_value(0, " 2650 ")
    assert dialog.apply_button.isEnabled()
    assert dialog.choices() == {"application_info.monthly_rent": "merged",
                                "primary_applicant.email": "local"}
    assert dialog.merged() == {"application_info.monthly_rent": "2650"}


def test_no_typed_value_for_a_whole_application(qtbot):
    dialog = ConflictDialog([FieldConflict(WHOLE_APPLICATION, {}, {"id": "x"}, None)])
    qtbot.addWidget(dialog)
    assert dialog.typed == [None]
