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
from tests.fixtures.visible_text import (
    english_fragments,
    english_in,
    english_only_words,
    english_sources,
    source_patterns,
    visible_texts,
)
from tests.ui.wizard_helpers import WAIT_MS, complete_application, open_window

#: Values of the synthetic application and words spelled alike in both languages.
#: "data": the profile folder of the test's store, which the audit trail names as the account.
ALLOWED = {"LeaseDesk", "Ada Lovelace", "Noor Haddad", "1 Main St", "2A", "New York", "NY", "data"}


@pytest.fixture
def patterns(request: pytest.FixtureRequest):
    sources = english_sources(request.getfixturevalue("spanish_catalogs"))
    assert len(sources) > 300  # the whole UI and the core, not a sample
    return source_patterns(sources), english_only_words(request.getfixturevalue("spanish_catalogs"))


def assert_spanish(widget: QWidget, patterns, where: str) -> None:
    QApplication.processEvents()
    texts = visible_texts(widget)
    assert texts, where
    assert_spanish_texts(texts, patterns, where)


def assert_spanish_texts(texts: list[str], patterns, where: str) -> None:
    whole, words = patterns
    english = english_in(texts, whole, ALLOWED)
    assert not english, f"{where} shows English: {english}"
    fragments = english_fragments(texts, words, ALLOWED)
    assert not fragments, f"{where} shows English words: {fragments}"


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


def _synced_with_records(ctx: AppContext, moto) -> str:
    """A synced application (a receipt per table) signed under the Spanish consent, with a
    delivery that needs attention and a reason the sync stored while the agent worked in
    English (its step label too)."""
    from desktop_app.domain import consent
    from desktop_app.domain.signing import sign
    from desktop_app.services.sync_service import SyncService
    from desktop_app.storage.sync_repository import sync_uow
    from tests.fixtures.sync_setup import boto_remote, create_tables, engine
    from tests.fixtures.webhook_delivery import failed_delivery
    from tests.ui.wizard_helpers import png_bytes

    create_tables(moto)
    app = complete_application()
    spanish = consent.library().current("es")
    app.signatures = [sign(app, p.id, png_bytes(), consent=spanish) for _, p in app.people()]
    app_id = ctx.tasks.db(lambda: ctx.autosave.create_draft(app).id).run().result(
        timeout=WAIT_MS / 1000)
    eng = engine(ctx.store, boto_remote(moto.url))
    assert SyncService(ctx.store, lambda: eng, autosave=ctx.autosave).sync_once().count(
        "synced") == 1
    failed_delivery(ctx.store, app_id)
    with sync_uow(ctx.store) as uow:
        uow.sync.set_attention(app_id, 2, "an encrypted field on the server does not open "
                               "(altered?)", "2 Primary applicant", "primary_applicant.email")
        uow.commit()
    return str(app_id)


def test_the_records_of_a_synced_application_speak_spanish(
    qtbot, ctx: AppContext, patterns, moto, tmp_path
) -> None:
    """The details pane, the needs-attention panel with its entry, the review's receipt,
    audit and webhook sections, and the PDF's text."""
    from desktop_app.services.records import pdf_input
    from desktop_app.ui.pdf_export import export_pdf
    from tests.fixtures.records import pdf_text

    app_id = _synced_with_records(ctx, moto)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded and window.table.isVisible(), timeout=WAIT_MS)
    window.select(app_id)
    qtbot.waitUntil(lambda: window.details.app_id == app_id, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.attention.list.count() == 1, timeout=WAIT_MS)
    assert "sincronizada 1" in window.details.audit.text()
    assert "requiere atención" in window.details.deliveries.text()
    assert "2 Solicitante principal" in window.attention.list.item(0).text()
    assert_spanish(window, patterns, "the main window with a synced application")
    window.close()

    wizard = open_window(qtbot, ctx, app_id)
    wizard.preview_step(StepId.REVIEW)
    page = wizard.current_page()
    qtbot.waitUntil(lambda: bool(page.webhooks.review.deliveries) and page.records.audit.table
                    .rowCount() > 0, timeout=WAIT_MS)
    assert page.webhooks.review.deliveries[0].outcome == "requiere atención"
    assert_spanish(wizard, patterns, "the review with its receipt, audit trail and deliveries")
    wizard.close()
    ctx.tasks.flush()

    app = ctx.autosave.load(app_id)
    export_pdf(pdf_input(ctx.store, app), tmp_path / "es.pdf")
    pages = pdf_text(tmp_path / "es.pdf")
    assert "Consentimiento, versión 1 (es):" in " ".join(pages)
    assert_spanish_texts(pages, patterns, "the PDF")


def test_the_conflict_dialog_and_diagnostics_speak_spanish(qtbot, qapp, ctx: AppContext,
                                                           patterns) -> None:
    from desktop_app.sync.merge import FieldConflict
    from desktop_app.ui.conflict_dialog import ConflictDialog
    from desktop_app.ui.diagnostics_window import DiagnosticsWindow

    dialog = ConflictDialog([
        FieldConflict("application_info.monthly_rent", "2500", "2600", "2700"),
        FieldConflict("primary_applicant.email", "a@x.test", "mine@x.test", "theirs@x.test"),
    ])
    qtbot.addWidget(dialog)
    dialog.show()
    assert_spanish(dialog, patterns, "the conflict dialog")
    dialog.reject()
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded, timeout=WAIT_MS)
    window.diagnostics_action.trigger()

    def shown() -> DiagnosticsWindow | None:
        found = [w for w in qapp.topLevelWidgets()
                 if isinstance(w, DiagnosticsWindow) and w.isVisible()]
        return found[0] if found and found[0].report is not None else None

    qtbot.waitUntil(lambda: shown() is not None, timeout=WAIT_MS)
    assert_spanish(shown(), patterns, "the diagnostics window")
    shown().close()
    window.close()
