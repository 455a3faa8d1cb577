"""The sync UI's answers to what the agent must decide or may retry: a draft deleted on the
other computer and changed here, and needs-attention entries retried on demand."""

from __future__ import annotations

from desktop_app.sync.merge import FieldConflict
from desktop_app.ui.conflict_dialog import ConflictDialog


def test_deleted_there_changed_here_reads_as_a_whole_application_choice(qtbot):
    from desktop_app.sync.deletion import WHOLE_APPLICATION

    conflicts = [FieldConflict(WHOLE_APPLICATION, None, {"first_name": "Alex"}, None)]
    dialog = ConflictDialog(conflicts)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text().startswith("The whole application")
    assert dialog.table.item(0, 1).text() == "Kept and changed here"
    assert dialog.table.item(0, 2).text() == "(deleted)"
    dialog.choose(0, "local")
    assert dialog.choices() == {WHOLE_APPLICATION: "local"}
