"""Settings › Language: the choice is stored in the window settings and applied at once —
the open main window's menus, the dialog itself, the core's next message and the locale
switch to Spanish and back without a restart. The UI's catalog here is a small one of the
main window's strings, compiled by the real build script with pyside6-lrelease."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop_app import i18n
from desktop_app.domain.fields import zip_error
from desktop_app.ui import language
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings_dialog import SettingsDialog
from tests.fixtures.i18n import ROOT, build_translations

UI_CATALOG = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context><name>MainWindow</name>
<message><source>&amp;File</source><translation>&amp;Archivo</translation></message>
<message><source>&amp;New application</source><translation>&amp;Nueva solicitud</translation></message>
<message><source>Start a new rental application</source><translation>Iniciar una solicitud de alquiler nueva</translation></message>
</context>
<context><name>LanguageGroup</name>
<message><source>Language</source><translation>Idioma</translation></message>
</context>
</TS>
"""


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> Iterator[Path]:
    folder = tmp_path / "i18n"
    shutil.copytree(
        ROOT / "resources" / "i18n", folder, ignore=shutil.ignore_patterns("*.mo", "*.qm", "*.ts")
    )
    (folder / "leasedesk_es.ts").write_text(UI_CATALOG, encoding="utf-8")
    done = build_translations(folder)
    assert done.returncode == 0, done.stderr
    assert (folder / "leasedesk_es.qm").is_file()
    monkeypatch.setattr(language, "translations_dir", lambda: folder)
    monkeypatch.setattr(i18n, "locale_dir", lambda: folder)
    before = QLocale()
    yield folder
    language.apply_language(qapp, "en")
    QLocale.setDefault(before)


@pytest.fixture
def window(qtbot, ctx: AppContext, catalogs: Path) -> Iterator[MainWindow]:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def test_the_switch_applies_to_the_open_window_and_persists(
    qtbot, ctx: AppContext, window: MainWindow
) -> None:
    assert language.stored_language() == "system"
    assert window.file_menu.title() == "&File"
    dialog = SettingsDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    choice = dialog.language.choice

    with qtbot.waitSignal(dialog.language.language_applied) as applied:
        choice.setCurrentIndex(choice.findData("es"))
    assert applied.args == ["es"]
    assert window.file_menu.title() == "&Archivo"
    assert window.new_action.text() == "&Nueva solicitud"
    assert window.new_action.statusTip() == "Iniciar una solicitud de alquiler nueva"
    assert dialog.language.title() == "Idioma"
    assert i18n.current_language() == "es"
    assert zip_error("1") is not None and zip_error("1").startswith("Use un código postal")
    assert QLocale().name() == "es_US"
    # Qt's own catalog: the standard buttons speak Spanish too.
    assert QApplication.translate("QPlatformTheme", "Close") != "Close"
    assert language.stored_language() == "es"  # read back from the settings file

    with qtbot.waitSignal(dialog.language.language_applied) as applied:
        choice.setCurrentIndex(choice.findData("en"))
    assert applied.args == ["en"]
    assert window.file_menu.title() == "&File"
    assert window.new_action.text() == "&New application"
    assert dialog.language.title() == "Language"
    assert zip_error("1") == "Use a 5-digit ZIP code (or ZIP+4, 10001-1234)"
    assert QLocale().name() == "en_US"
    assert language.stored_language() == "en"
    dialog.close()


def test_a_new_dialog_shows_the_stored_choice(qtbot, ctx: AppContext, catalogs: Path) -> None:
    language.store_language("es")
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert dialog.language.choice.currentData() == "es"
    with pytest.raises(ValueError, match="not a language"):
        language.store_language("../etc")
    dialog.close()


def test_a_stored_value_another_program_wrote_reads_as_system(catalogs: Path) -> None:
    from desktop_app.ui.window_state import app_settings

    settings = app_settings()
    settings.setValue(language.SETTING_KEY, "klingon")
    settings.sync()
    assert language.stored_language() == "system"


def test_system_follows_the_locale(
    qtbot, ctx: AppContext, catalogs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "es_US.UTF-8")
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert language.apply_language(QApplication.instance(), language.stored_language()) == "es"
    assert win.file_menu.title() == "&Archivo"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert language.apply_language(QApplication.instance(), "system") == "en"
    assert win.file_menu.title() == "&File"
    win.close()


def test_without_a_compiled_ui_catalog_the_switch_still_works(
    qtbot, ctx: AppContext, catalogs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    """A checkout where nobody ran scripts/build-translations: the core and the locale switch,
    the UI stays in English, and the log says what to run."""
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(language, "translations_dir", lambda: empty)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    assert language.apply_language(QApplication.instance(), "es") == "es"
    assert win.file_menu.title() == "&File"
    assert zip_error("1") is not None and zip_error("1").startswith("Use un código postal")
    assert QLocale().name() == "es_US"
    assert "leasedesk_es" in caplog.text and "build-translations" in caplog.text
    win.close()
