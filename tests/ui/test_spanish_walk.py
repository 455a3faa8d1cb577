"""In Spanish, the main window, the settings, every wizard page with its review, and the
sign-in and PDF dialogs show no text from the English source set of the catalogs (beyond an
allow-list of names, addresses and "LeaseDesk"). The catalogs are the shipped sources in
resources/i18n, compiled by the real build script; the switch is Settings' apply_language."""

from __future__ import annotations


import pytest
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.pdf_dialog import PdfExportDialog
from desktop_app.ui.recovery_ui import PassphraseDialog
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.sign_in_dialog import SignInDialog
from desktop_app.ui import language
from desktop_app.wizard import STEPS, StepId
from tests.fixtures.spanish_ui import spanish_catalogs, ui_catalogs  # noqa: F401 — fixtures
from tests.fixtures.visible_text import english_in, english_sources, source_patterns, visible_texts
from tests.ui.wizard_helpers import WAIT_MS, complete_application, open_window

#: Values of the synthetic application and words spelled alike in both languages.
ALLOWED = {"LeaseDesk", "Ada Lovelace", "Noor Haddad", "1 Main St", "2A", "New York", "NY"}


@pytest.fixture
def patterns(request: pytest.FixtureRequest):
    sources = english_sources(request.getfixturevalue("spanish_catalogs"))
    assert len(sources) > 300  # the whole UI and the core, not a sample
    return source_patterns(sources)


def assert_spanish(widget: QWidget, patterns, where: str) -> None:
    QApplication.processEvents()
    texts = visible_texts(widget)
    assert texts, where
    english = english_in(texts, patterns, ALLOWED)
    assert not english, f"{where} shows English: {english}"


def test_the_main_window_and_its_menus_speak_spanish(qtbot, ctx: AppContext, patterns) -> None:
    empty = MainWindow(ctx)
    qtbot.addWidget(empty)
    empty.show()
    qtbot.waitUntil(lambda: empty.model.loaded, timeout=WAIT_MS)
    assert_spanish(empty, patterns, "the main window without applications")
    empty.close()
    app = ctx.tasks.db(lambda: ctx.autosave.create_draft(complete_application())).run().result(
        timeout=WAIT_MS / 1000)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded and window.table.isVisible(), timeout=WAIT_MS)
    window.select(app.id)
    qtbot.waitUntil(lambda: window.details.app_id == app.id, timeout=WAIT_MS)
    assert_spanish(window, patterns, "the main window with an application")
    window.close()


def test_the_settings_speak_spanish(qtbot, ctx: AppContext, patterns) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitSignal(dialog.profiles_loaded, timeout=WAIT_MS)
    assert_spanish(dialog, patterns, "the settings")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.editor.isVisible(), timeout=WAIT_MS)
    assert_spanish(dialog.editor, patterns, "the building profile editor")
    dialog.editor.reject()
    passphrase = PassphraseDialog(dialog, confirm=True, title=dialog.recovery.tr(
        "Recovery file passphrase"))
    passphrase.show()
    passphrase.passphrase.setText("short")
    assert_spanish(passphrase, patterns, "the recovery passphrase dialog")
    passphrase.reject()
    dialog.close()


def test_the_sign_in_and_pdf_dialogs_speak_spanish(qtbot, patterns, tmp_path) -> None:
    sign_in = SignInDialog()
    qtbot.addWidget(sign_in)
    sign_in.show()
    assert_spanish(sign_in, patterns, "the sign-in dialog")
    pdf = PdfExportDialog(tmp_path / "a.pdf")
    qtbot.addWidget(pdf)
    pdf.show()
    pdf.full_ssn.setChecked(True)
    assert_spanish(pdf, patterns, "the PDF dialog")


def test_every_wizard_page_and_the_review_speak_spanish(qtbot, ctx: AppContext, patterns) -> None:
    app = complete_application()
    app.co_applicants = [app.guarantors[0].model_copy(update={"id": "co-1"})]
    app = ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    for step in STEPS:
        window.preview_step(step.id)  # every page, whatever its gate says
        qtbot.waitUntil(lambda s=step: window.current_page().step_id is s.id, timeout=WAIT_MS)
        assert_spanish(window, patterns, f"the {step.id.value} step")
    window.close()
    ctx.tasks.flush()



@pytest.mark.usefixtures("ui_catalogs")
def test_a_switch_with_the_review_open_rewrites_its_lines(qtbot, ctx: AppContext, qapp) -> None:
    """The review's lines are made from values (the income check, the checklist), so a switch
    while it is open makes them again in the new language, without reopening the window."""
    app = ctx.tasks.db(lambda: ctx.autosave.create_draft(complete_application())).run().result(
        timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    window.preview_step(StepId.REVIEW)
    page = window.current_page()
    assert "The household qualifies." in page.qualification_text
    language.apply_language(qapp, "es")
    assert "El hogar califica." in page.qualification_text
    assert "No falta nada" in page.checklist_text
    language.apply_language(qapp, "en")
    assert "The household qualifies." in page.qualification_text
    window.close()
    ctx.tasks.flush()
