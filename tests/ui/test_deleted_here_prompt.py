"""An application deleted here that another computer changed since has no row in the list: after
a sync the agent is asked about it directly — once per session, so a cancelled question comes
back at the next start — and keeping the deletion opens no wizard on what is gone."""

from __future__ import annotations

from types import SimpleNamespace

from desktop_app.auth.account_service import AccountService
from desktop_app.config import load_config
from desktop_app.sync.deletion import DELETED_HERE
from desktop_app.sync.merge import FieldConflict
from desktop_app.ui.account_ui import AccountController
from desktop_app.ui.conflict_dialog import ConflictDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.sync_wiring import SyncWiring

APP_ID = "01JDELETEDHERE0000000000000"


def _wiring(qtbot, ctx, window, resolved):
    service = SimpleNamespace(
        deleted_here_conflicts=lambda: [APP_ID],
        conflicts=lambda app_id: [FieldConflict(DELETED_HERE, None, None, {"status": "draft"})],
        resolve=lambda app_id, choices: resolved.append((app_id, choices)) or 0,
    )
    controller = SimpleNamespace(service=service, refresh=lambda: None, sync_now=lambda: None)
    offline = load_config(None, env={}, read_default_file=False)
    accounts_ui = AccountController(window, ctx, AccountService(offline, ctx.data_dir), offline)
    wiring = SyncWiring(window, ctx, accounts_ui)
    qtbot.waitUntil(lambda: wiring._key is not None)
    wiring.controller = controller  # stands in for a running sync controller
    return wiring


def test_a_deleted_here_conflict_is_put_to_the_agent_once_per_session(
    qtbot, monkeypatch, ctx
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    shown: list[str] = []
    resolved: list[tuple[str, dict[str, str]]] = []
    opened: list[str] = []
    window.wizard_opened.connect(lambda *a: opened.append("wizard"))

    def cancel(dialog: ConflictDialog) -> int:
        shown.append(dialog.windowTitle())
        return 0

    monkeypatch.setattr(ConflictDialog, "exec", cancel)
    wiring = _wiring(qtbot, ctx, window, resolved)
    report = SimpleNamespace(pulled=0, outcomes=[])
    wiring._synced(report)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    wiring._synced(report)  # a later sync in the same session does not ask again
    ctx.tasks.flush()
    qtbot.wait(50)
    assert len(shown) == 1 and resolved == []

    # The next session asks again; keeping the deletion resolves it and opens nothing.
    monkeypatch.setattr(ConflictDialog, "exec", lambda self: shown.append("again") or 1)
    monkeypatch.setattr(ConflictDialog, "choices", lambda self: {DELETED_HERE: "local"})
    again = _wiring(qtbot, ctx, window, resolved)
    again._synced(report)
    qtbot.waitUntil(lambda: resolved == [(APP_ID, {DELETED_HERE: "local"})], timeout=10_000)
    ctx.tasks.flush()
    qtbot.wait(50)
    assert shown[-1] == "again" and opened == []
    window.close()
