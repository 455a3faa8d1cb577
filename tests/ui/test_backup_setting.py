"""Settings › Local backups: the agent's retention is read, saved and applied on the DB
worker."""

from __future__ import annotations

from desktop_app.services.backup_retention import DEFAULT_KEEP_DAYS, read_keep_days
from desktop_app.ui.settings_dialog import SettingsDialog


def test_the_setting_is_shown_saved_and_applied(qtbot, ctx):
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    group = dialog.backups
    qtbot.waitUntil(group.days.isEnabled)
    assert group.days.value() == DEFAULT_KEEP_DAYS
    group.days.setValue(14)
    group.save()
    qtbot.waitUntil(lambda: read_keep_days(ctx.data_dir) == 14)
    qtbot.waitUntil(lambda: "0 kept" in group.info.text())
