"""An application open in the wizard that the sync engine changes underneath (a pull or merge
from the agent's other machine): the window's stale copy never overwrites it; the window
reloads and the agent's refused edit is applied on top."""

from __future__ import annotations

from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.store import open_store
from tests.ui.wizard_helpers import WAIT_MS, fill, new_draft, open_context, open_window, stored, wait_saved


def test_a_stale_window_reloads_and_keeps_both_changes(qtbot, tmp_path) -> None:
    ctx = open_context(tmp_path)
    try:
        app = new_draft(ctx)
        window = open_window(qtbot, ctx, app.id)
        fill(qtbot, window, {"application_info.unit": "4B"})
        wait_saved(qtbot, window)

        # The sync engine writes a merged version through its own connection, then tells the
        # app's autosave cache to forget the application (as SyncService does).
        other_store = open_store(tmp_path / "db.sqlite3")
        AutosaveService(other_store).save_field(app.id, "application_info.notes", "from the other computer")
        other_store.close()
        ctx.autosave.forget(app.id)

        reasons = []
        window.session.notice.connect(reasons.append)
        fill(qtbot, window, {"application_info.referral_source": "Walk-in"})
        qtbot.waitUntil(lambda: bool(reasons), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: window.is_loaded and not window.session.autosaver.has_pending, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: stored(tmp_path, app.id).application_info.referral_source == "Walk-in",
                        timeout=WAIT_MS)

        final = stored(tmp_path, app.id)
        assert final.application_info.notes == "from the other computer"  # not overwritten
        assert final.application_info.unit == "4B"
        assert "updated from your other computer" in reasons[0]
        assert window.session.app.application_info.notes == "from the other computer"  # shown
        window.close()
    finally:
        ctx.close()
