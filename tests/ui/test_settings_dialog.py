"""Settings: building profiles added, edited, removed and imported from JSON through the real
dialog and a real SQLite store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop_app.domain.nyc_rules import BuildingProfile
from desktop_app.ui.context import AppContext
from desktop_app.ui.settings_dialog import SettingsDialog


def _stored(context: AppContext) -> list[BuildingProfile]:
    context.tasks.flush()
    with context.store.uow() as uow:
        return uow.profiles.all()


@pytest.fixture
def dialog(qtbot, ctx: AppContext) -> Iterator[SettingsDialog]:
    with ctx.store.uow() as uow:
        uow.profiles.upsert(
            BuildingProfile(name="Elm", address="1 Elm Row", applicant_multiple=Decimal(45))
        )
        uow.commit()
    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    # Not waitSignal: the task manager may deliver a quick result inside run() (see docs/ui.md).
    qtbot.waitUntil(lambda: dlg.tree.topLevelItemCount() == 1)
    yield dlg
    dlg.close()


def _changed(qtbot, ctx: AppContext, dlg: SettingsDialog):
    """Wait for profiles_changed and the list reloaded after it."""
    return qtbot.waitSignals([ctx.bus.profiles_changed, dlg.profiles_loaded], order="strict")


def test_the_dialog_lists_the_stored_profiles(dialog: SettingsDialog) -> None:
    item = dialog.tree.topLevelItem(0)
    assert [item.text(c) for c in range(4)] == ["1 Elm Row", "Elm", "45×", "80×"]


def test_add_a_profile_by_typing(qtbot, dialog: SettingsDialog, ctx: AppContext) -> None:
    dialog.add_button.click()
    editor = dialog.editor
    ok = editor.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "address" in editor.address_error.text()
    qtbot.keyClicks(editor.address, "1 elm row")
    assert not ok.isEnabled() and "already exists" in editor.address_error.text()
    editor.address.clear()
    qtbot.keyClicks(editor.address, "22 Oak Lane")
    qtbot.keyClicks(editor.name, "Oak House")
    editor.applicant_multiple.selectAll()
    qtbot.keyClicks(editor.applicant_multiple, "35.5")
    assert ok.isEnabled()
    with _changed(qtbot, ctx, dialog):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    oak = next(p for p in _stored(ctx) if p.address == "22 Oak Lane")
    assert (oak.name, oak.applicant_multiple, oak.guarantor_multiple) == (
        "Oak House",
        Decimal("35.5"),
        Decimal(80),
    )
    assert dialog.tree.topLevelItemCount() == 2


def test_edit_a_profile_including_its_address(
    qtbot, dialog: SettingsDialog, ctx: AppContext
) -> None:
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.edit_button.click()
    editor = dialog.editor
    editor.address.selectAll()
    qtbot.keyClicks(editor.address, "3 Elm Row")
    editor.guarantor_multiple.selectAll()
    qtbot.keyClicks(editor.guarantor_multiple, "90")
    with _changed(qtbot, ctx, dialog):
        editor.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert [
        (p.address, p.name, p.applicant_multiple, p.guarantor_multiple) for p in _stored(ctx)
    ] == [("3 Elm Row", "Elm", Decimal(45), Decimal(90))]


def test_remove_asks_first(qtbot, monkeypatch, dialog: SettingsDialog, ctx: AppContext) -> None:
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a: next(answers))
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    dialog.remove_button.click()
    assert len(_stored(ctx)) == 1
    with _changed(qtbot, ctx, dialog):
        dialog.remove_button.click()
    assert _stored(ctx) == []
    assert dialog.tree.topLevelItemCount() == 0


def test_import_json_adds_every_profile(
    qtbot, tmp_path: Path, dialog: SettingsDialog, ctx: AppContext
) -> None:
    source = tmp_path / "profiles.json"
    source.write_text(
        json.dumps(
            [
                {
                    "name": "Birch",
                    "address": "5 Birch Court",
                    "applicant_multiple": 40,
                    "guarantor_multiple": 80,
                },
                {
                    "name": "Elm (new terms)",
                    "address": "1 Elm Row",
                    "applicant_multiple": 42.5,
                    "guarantor_multiple": 85,
                },
            ]
        )
    )
    with qtbot.waitSignal(dialog.import_finished) as done, _changed(qtbot, ctx, dialog):
        dialog.import_file(source)
    assert done.args == [2]
    stored = {p.address: p for p in _stored(ctx)}
    assert set(stored) == {"1 Elm Row", "5 Birch Court"}
    assert stored["1 Elm Row"].applicant_multiple == Decimal("42.5")  # the import updates
    assert "Imported 2" in dialog.message.text()


def test_import_with_invalid_entries_imports_none_and_names_each_problem(
    qtbot,
    tmp_path: Path,
    dialog: SettingsDialog,
    ctx: AppContext,
) -> None:
    source = tmp_path / "profiles.json"
    source.write_text(
        json.dumps(
            [
                {"name": "Fine", "address": "9 Fine Street"},
                {"name": "No address"},
                {"address": "7 Zero Way", "applicant_multiple": 0},
                {"address": "8 Typo Road", "guarantor_multipel": 80},
                "not an object",
            ]
        )
    )
    with qtbot.waitSignal(dialog.import_finished) as done:
        dialog.import_file(source)
    assert done.args == [0]
    assert dialog.import_errors == [
        "Entry 2, address: Missing (required)",
        "Entry 3, applicant_multiple: Must be greater than 0",
        (
            "Entry 4, guarantor_multipel: Unknown field (expected one of name, address, "
            "applicant_multiple, guarantor_multiple)"
        ),
        "Entry 5: Each entry must be an object with an address",
    ]
    assert "Nothing was imported" in dialog.message.text()
    assert [p.address for p in _stored(ctx)] == ["1 Elm Row"]  # not even entry 1


def test_import_of_a_file_that_is_not_json_says_where(
    qtbot, tmp_path: Path, dialog: SettingsDialog
) -> None:
    source = tmp_path / "profiles.json"
    source.write_text('[{"address": "1 Broken Way",]')
    with qtbot.waitSignal(dialog.import_finished):
        dialog.import_file(source)
    assert dialog.import_errors and dialog.import_errors[0].startswith("Not valid JSON (line 1")


def test_inputs_have_accessible_names(dialog: SettingsDialog) -> None:
    dialog.add_button.click()
    editor = dialog.editor
    for widget in (
        editor.address,
        editor.name,
        editor.applicant_multiple,
        editor.guarantor_multiple,
    ):
        assert widget.accessibleName()
    editor.reject()
    assert dialog.tree.accessibleName()
