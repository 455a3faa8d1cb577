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


def test_retry_action_sends_what_needed_attention_once_its_cause_is_fixed(
    qtbot, ctx, moto, tmp_path
):
    from desktop_app.bootstrap import scheduled_sync
    from desktop_app.services.sync_service import SyncService
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.sync_status import SyncStatusController
    from tests.fixtures.sync_setup import (
        KeySetting,
        boto_remote,
        create_tables,
        engine,
        remote_docs,
        synthetic_application,
    )

    create_tables(moto)
    app = synthetic_application(lean=True)
    ctx.autosave.create_draft(app)
    setting = KeySetting()
    eng = engine(ctx.store, boto_remote(moto.url), transform=setting)
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
    window.menuBar().addAction(controller.retry_action)
    assert not controller.retry_action.isEnabled()

    with qtbot.waitSignal(controller.synced, timeout=30_000):
        controller.start()
    qtbot.waitUntil(lambda: "1 needs attention" in window.sync_label.text(), timeout=10_000)
    qtbot.waitUntil(controller.retry_action.isEnabled, timeout=10_000)

    setting.key = "alias/leasedesk"  # the cause is fixed; "Sync now" alone does not retry
    with qtbot.waitSignal(controller.synced, timeout=30_000) as blocker:
        controller.sync_now()
    assert blocker.args[0].outcomes == []
    with qtbot.waitSignal(controller.synced, timeout=30_000) as blocker:
        controller.retry_action.trigger()
    assert blocker.args[0].retried == 1
    qtbot.waitUntil(
        lambda: "retried 1 that needed attention" in window.sync_label.text(), timeout=10_000
    )
    assert "need" not in window.sync_label.text().replace("needed attention", "")
    assert not controller.retry_action.isEnabled()
    assert app.id in remote_docs(moto)
    controller.stop()
    window.close()
