"""The main window opens the real wizard: Enter or double-click on a row, and New."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.ui.applications_model import APP_ID_ROLE
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.wizard import WizardWindow
from tests.ui.shell_fixtures import add_applications, focus, make_application


def _window(qtbot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    return window


def test_enter_on_a_row_opens_its_wizard_once(qtbot, ctx: AppContext) -> None:
    (app_id,) = add_applications(ctx, make_application("Emery", "Brook"))
    window = _window(qtbot, ctx)
    assert window.select(app_id)
    focus(qtbot, window.table)
    with qtbot.waitSignal(window.wizard_opened) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened.args == [app_id]
    wizard = window.wizards[app_id]
    assert isinstance(wizard, WizardWindow) and wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.is_loaded)
    assert wizard.app_id == app_id
    window.open_selected()  # opening again raises the same window
    assert window.wizards == {app_id: wizard}
    wizard.close()
    qtbot.waitUntil(lambda: app_id not in window.wizards)
    window.close()


def test_double_click_opens_the_wizard(qtbot, ctx: AppContext) -> None:
    (app_id,) = add_applications(ctx, make_application("Finley", "Moss"))
    window = _window(qtbot, ctx)
    index = window.model.index_of(app_id)
    rect = window.table.visualRect(index)
    # A real double-click is press, release, double-click (the view checks the pressed row).
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(window.wizard_opened):
        qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wizard = window.wizards[app_id]
    qtbot.waitUntil(lambda: wizard.is_loaded)
    window.close()  # closes the wizard too
    assert not window.wizards


def test_new_creates_a_draft_opens_it_and_lists_it(qtbot, ctx: AppContext) -> None:
    window = _window(qtbot, ctx)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    with qtbot.waitSignal(window.wizard_opened) as opened:
        qtbot.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    (new_id,) = opened.args
    with ctx.store.uow() as uow:
        assert uow.applications.exists(new_id)
    qtbot.waitUntil(lambda: window.model.index_of(new_id).isValid())
    assert window.selected_row() is not None and window.selected_row().id == new_id
    wizard = window.wizards[new_id]
    qtbot.waitUntil(lambda: wizard.is_loaded)
    window.close()


def _submitted_application(context: AppContext) -> str:
    """A complete synthetic application (a document, everyone's signature), submitted."""
    import hashlib
    import random

    from desktop_app.domain.models import Document, DocumentKind
    from desktop_app.domain.signing import sign
    from desktop_app.sampledata import synthetic_application

    svc = context.autosave
    app = svc.create_draft(
        synthetic_application(random.Random(3), co_applicants=0, guarantors=0, ascii_only=True)
    )
    content = b"%PDF-1.4\nstartxref\n0\n%%EOF\n"
    doc = Document(
        kind=DocumentKind.PAY_STUB,
        person_id=app.primary_applicant.id,
        file_name="stub.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    svc.attach_document(app.id, doc, content)
    app = svc.load(app.id)
    app.signatures = [sign(app, p.id, b"\x89PNG\r\n\x1a\nsignature") for _, p in app.people()]
    svc.save(app)
    return svc.submit(app.id).id


def test_amend_from_the_wizard_files_the_window_under_the_new_draft_and_selects_it(
    qtbot, ctx: AppContext
) -> None:
    submitted = _submitted_application(ctx)
    window = _window(qtbot, ctx)
    window.select(submitted)
    window.open_selected()
    wizard = window.wizards[submitted]
    qtbot.waitUntil(lambda: wizard.is_loaded)
    with qtbot.waitSignal(wizard.amended, timeout=10_000) as amended:
        wizard.amend()
    (new_id,) = amended.args
    assert new_id != submitted
    assert window.wizards == {new_id: wizard}
    qtbot.waitUntil(
        lambda: window.selected_row() is not None and window.selected_row().id == new_id
    )
    statuses = {
        window.model.index(r, 0).data(APP_ID_ROLE): window.model.index(r, 0).data()
        for r in range(window.model.rowCount())
    }
    assert statuses == {submitted: "Submitted", new_id: "Draft"}
    window.close()
    assert not window.wizards
