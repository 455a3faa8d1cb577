"""The sync status in the real main window's status bar and sync column, "Sync now", and the
conflict dialog — against moto over HTTP, the sync running off the GUI thread."""

from __future__ import annotations


from desktop_app.bootstrap import scheduled_sync
from desktop_app.services.sync_service import SyncService
from desktop_app.sync.merge import FieldConflict
from desktop_app.ui.applications_model import Column
from desktop_app.ui.conflict_dialog import ConflictDialog, field_label, show_value
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.sync_status import SyncStatusController
from tests.fixtures.sync_setup import (
    boto_remote,
    create_tables,
    engine,
    new_store,
    remote_docs,
    synthetic_application,
)


def _sync_column(window: MainWindow) -> set[str]:
    model = window.model
    return {model.data(model.index(r, int(Column.SYNC))) for r in range(model.rowCount())}


def _units(window: MainWindow) -> str:
    model = window.model
    return " | ".join(
        str(model.data(model.index(r, int(Column.BUILDING)))) for r in range(model.rowCount())
    )


def test_sync_now_updates_status_bar_and_sync_column(qtbot, ctx, moto, tmp_path):
    create_tables(moto)
    apps = [synthetic_application(lean=True) for _ in range(3)]
    for app in apps:
        ctx.autosave.create_draft(app)
    eng = engine(ctx.store, boto_remote(moto.url))
    sync = scheduled_sync(
        lambda request: SyncService(ctx.store, lambda: eng, autosave=ctx.autosave, request_sync=request)
    )
    service = sync.service
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    controller = SyncStatusController(
        window, ctx.tasks, service, sync.scheduler, bus=ctx.bus, network_information=False
    )
    window.menuBar().addAction(controller.sync_now_action)

    with qtbot.waitSignal(controller.synced, timeout=30_000) as blocker:
        controller.start()  # the start-up sync
    assert not blocker.args[0].failed
    qtbot.waitUntil(lambda: "0 pending" in window.sync_label.text(), timeout=10_000)
    assert window.sync_label.text().startswith("Online")
    qtbot.waitUntil(lambda: _sync_column(window) == {"Synced"}, timeout=10_000)
    assert len(remote_docs(moto)) == 3

    # An edit shows as waiting; "Sync now" pushes it.
    ctx.autosave.save_field(apps[0].id, "application_info.unit", "7G")
    ctx.bus.application_changed.emit(apps[0].id)
    qtbot.waitUntil(lambda: "1 pending" in window.sync_label.text(), timeout=10_000)
    with qtbot.waitSignal(controller.synced, timeout=30_000):
        controller.sync_now_action.trigger()
    qtbot.waitUntil(lambda: "0 pending" in window.sync_label.text(), timeout=10_000)
    assert remote_docs(moto)[apps[0].id]["application_info"]["unit"] == "7G"

    # Changed on another machine: the next sync pulls it and the list shows the new value.
    other = engine(new_store(tmp_path / "other"), boto_remote(moto.url))
    other.run_once()
    from desktop_app.services.autosave import AutosaveService

    AutosaveService(other.store).save_field(apps[1].id, "application_info.unit", "9K")
    assert not other.run_once().failed
    with qtbot.waitSignal(controller.synced, timeout=30_000):
        controller.sync_now()
    qtbot.waitUntil(lambda: "9K" in _units(window), timeout=10_000)
    assert ctx.autosave.load(apps[1].id).application_info.unit == "9K"  # cache dropped
    controller.stop()
    window.close()


def test_conflict_dialog_applies_one_choice_per_field(qtbot):
    conflicts = [
        FieldConflict("primary_applicant.email", "a@x.test", "mine@x.test", "theirs@x.test"),
        FieldConflict("application_info.monthly_rent", "2500", "2600", "2700"),
        FieldConflict("primary_applicant.ssn", "", "123-45-6789", "987-65-4321"),
    ]
    dialog = ConflictDialog(conflicts)
    qtbot.addWidget(dialog)
    assert not dialog.apply_button.isEnabled()  # nothing chosen yet: no silent default
    dialog.choose(0, "remote")
    dialog.choose(1, "local")
    assert not dialog.apply_button.isEnabled()
    dialog.choose(2, "local")
    assert dialog.apply_button.isEnabled()
    assert dialog.choices() == {
        "primary_applicant.email": "remote",
        "application_info.monthly_rent": "local",
        "primary_applicant.ssn": "local",
    }
    # SSNs are masked in the table
    assert dialog.table.item(2, 1).text() == "•••6789"
    dialog.choose_all("remote")
    assert set(dialog.choices().values()) == {"remote"}


def test_field_labels_and_values_read_plainly():
    assert field_label("co_applicants.@01JABC.first_name") == "Co-applicant › First name"
    assert field_label("application_info.monthly_rent") == "Application › Monthly rent"
    assert show_value("co_applicants.@01JABC", None) == "(removed)"
    assert (
        show_value("co_applicants.@01JABC", {"first_name": "Casey", "last_name": "Q"}) == "Casey Q"
    )
    assert show_value("primary_applicant.date_of_birth", "1990-01-01") == "(hidden)"
