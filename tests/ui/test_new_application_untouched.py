""""New application" closed without typing leaves nothing behind: no "(no name yet)" draft in
the list or the store (so none syncs). One with a single value typed stays."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.domain.models import Application
from desktop_app.services.blank_drafts import is_blank
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.shell_fixtures import add_applications, make_application
from tests.ui.wizard_helpers import field, type_text, wait_saved


def _window(qtbot, ctx: AppContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    return window


def _new(qtbot, window: MainWindow):
    with qtbot.waitSignal(window.wizard_opened) as opened:
        window.new_action.trigger()
    (new_id,) = opened.args
    wizard = window.wizards[new_id]
    qtbot.waitUntil(lambda: wizard.is_loaded)
    qtbot.waitUntil(lambda: window.model.index_of(new_id).isValid())
    return new_id, wizard


def _live(ctx: AppContext) -> set[str]:
    with ctx.store.uow() as uow:
        return {app.id for app in uow.applications.all()}


def test_a_new_application_closed_untouched_is_not_kept(qtbot, ctx: AppContext) -> None:
    (kept,) = add_applications(ctx, make_application("Rowan", "Vale"))
    window = _window(qtbot, ctx)
    new_id, wizard = _new(qtbot, window)
    qtbot.keyClick(wizard, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)  # a look
    wizard.close()
    qtbot.waitUntil(lambda: not window.model.index_of(new_id).isValid())
    assert _live(ctx) == {kept}
    assert window.model.rowCount() == 1
    window.close()


def test_a_new_application_with_one_value_typed_stays(qtbot, ctx: AppContext) -> None:
    window = _window(qtbot, ctx)
    new_id, wizard = _new(qtbot, window)
    type_text(qtbot, field(wizard, "application_info.unit"), "4B")
    wait_saved(qtbot, wizard)
    wizard.close()
    qtbot.waitUntil(lambda: new_id not in window.wizards)
    window.reload()
    qtbot.waitUntil(lambda: window.model.loaded and window.model.index_of(new_id).isValid())
    assert _live(ctx) == {new_id}
    window.close()


def test_an_existing_blank_draft_opened_and_closed_is_left_alone(qtbot, ctx: AppContext) -> None:
    (blank_id,) = add_applications(ctx, Application())  # made elsewhere (an import, a sync)
    window = _window(qtbot, ctx)
    wizard = window.open_wizard(blank_id)
    qtbot.waitUntil(lambda: wizard.is_loaded)
    wizard.close()
    qtbot.waitUntil(lambda: blank_id not in window.wizards)
    window.reload()
    qtbot.waitUntil(lambda: window.model.loaded and window.model.index_of(blank_id).isValid())
    assert _live(ctx) == {blank_id}
    window.close()


def test_what_counts_as_blank() -> None:
    app = Application()
    app.current_step = 3
    assert is_blank(app)
    app.primary_applicant.first_name = "Sam"
    assert not is_blank(app)
    amendment = Application(amends="01SOMEID")
    assert not is_blank(amendment)


def test_quitting_with_an_untouched_new_application_open_leaves_nothing(
    qtbot, ctx: AppContext
) -> None:
    window = _window(qtbot, ctx)
    new_id, _wizard = _new(qtbot, window)
    window.close()  # closes the wizard first, as quitting does
    ctx.tasks.flush(10)
    assert _live(ctx) == set()
    assert new_id not in window.wizards
