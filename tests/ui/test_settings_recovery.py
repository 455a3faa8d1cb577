"""Settings › Recovery file, through the real dialog, a real store and a real keyring: make a
recovery file (passphrase asked twice), restore the key from it, and the one-time suggestion
at a store's first start."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from desktop_app.services.local_store import open_account_store
from desktop_app.ui.context import AppContext
from desktop_app.ui.recovery_ui import RECOVERY_SUGGESTION, suggest_recovery_file
from desktop_app.ui.settings_dialog import SettingsDialog

PASSPHRASE = "synthetic passphrase 42"


@pytest.fixture
def keyed_ctx(tmp_path: Path, qapp, qsettings_dir: Path, secret_service) -> Iterator[AppContext]:
    data = tmp_path / "data"
    context = AppContext.open(data, open_account_store(data))
    yield context
    context.close()


def _type_passphrase(qtbot, group, *texts: str) -> None:
    dialog = group.passphrase_dialog
    assert dialog is not None and dialog.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.passphrase, texts[0])
    if dialog.confirm is not None:
        qtbot.keyClicks(dialog.confirm, texts[1])
    assert ok.isEnabled(), dialog.error.text()
    ok.click()


def test_make_then_restore_a_recovery_file_from_settings(qtbot, keyed_ctx, tmp_path, monkeypatch):
    target = tmp_path / "recovery.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))
    dialog = SettingsDialog(keyed_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    group = dialog.recovery
    key = keyring.get_password("desktop_app", "local/data_key")

    group.make_button.click()
    with qtbot.waitSignal(group.finished, timeout=30_000) as made:
        _type_passphrase(qtbot, group, PASSPHRASE, PASSPHRASE)
    assert made.args[0] is True and "Wrote the recovery file" in made.args[1]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    keyring.delete_password("desktop_app", "local/data_key")  # the keyring loses the key
    group.restore_button.click()
    with qtbot.waitSignal(group.finished, timeout=30_000) as restored:
        _type_passphrase(qtbot, group, PASSPHRASE)
    assert restored.args[0] is True and "Restored data key" in restored.args[1]
    assert keyring.get_password("desktop_app", "local/data_key") == key


def test_the_passphrase_must_be_long_enough_and_typed_twice_alike(qtbot, keyed_ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "r.json"), ""))
    dialog = SettingsDialog(keyed_ctx)
    qtbot.addWidget(dialog)
    dialog.recovery.make_button.click()
    asked = dialog.recovery.passphrase_dialog
    ok = asked.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(asked.passphrase, "short")
    qtbot.keyClicks(asked.confirm, "short")
    assert not ok.isEnabled() and "At least" in asked.error.text()
    asked.passphrase.setText(PASSPHRASE)
    asked.confirm.setText(PASSPHRASE + "x")
    assert not ok.isEnabled() and "differ" in asked.error.text()
    asked.reject()
    assert not (tmp_path / "r.json").exists()


class _Window:
    def __init__(self) -> None:
        self.banners: list[str] = []

    def show_banner(self, text: str) -> None:
        self.banners.append(text)


def test_the_first_start_suggests_a_recovery_file_once(qtbot, keyed_ctx):
    first, second = _Window(), _Window()
    suggest_recovery_file(first, keyed_ctx)
    qtbot.waitUntil(lambda: first.banners == [RECOVERY_SUGGESTION])
    suggest_recovery_file(second, keyed_ctx)
    keyed_ctx.tasks.flush()
    qtbot.wait(0)
    assert second.banners == []  # remembered beside the store
