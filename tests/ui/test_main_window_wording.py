"""The account questions of the main window in proper words: the sign-out question names
whose applications stay (no "Their applications"), and the adoption question counts in the
singular and the plural."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtWidgets import QMessageBox

from desktop_app.auth.account_service import AccountService
from desktop_app.config import load_config
from desktop_app.services.account_keys import SignOutCheck
from desktop_app.ui.account_ui import AccountController
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow
from tests.ui.shell_fixtures import add_applications, make_application


def _controller(qtbot, ctx: AppContext, tmp_path: Path) -> AccountController:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.loaded)
    offline = load_config(None, env={}, read_default_file=False)
    return AccountController(window, ctx, AccountService(offline, tmp_path / "data"), offline)


def _asked(monkeypatch) -> list[tuple[str, str]]:
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "question",
        lambda _p, title, text, *_a: asked.append((title, text)) or QMessageBox.StandardButton.No,
    )
    return asked


def test_the_sign_out_question_says_whose_applications_stay(
    qtbot, monkeypatch, ctx, tmp_path
) -> None:
    controller = _controller(qtbot, ctx, tmp_path)
    controller.info = SimpleNamespace(username="sample.agent")
    asked = _asked(monkeypatch)
    controller._confirm_sign_out(SignOutCheck(0, False, False, False))
    title, text = asked[-1]
    assert title == "Sign out"
    assert text.startswith("Sign out sample.agent?")
    assert "The applications of sample.agent, synced or not, stay on this computer" in text
    assert "Their" not in text
    controller.window.close()


def test_the_adoption_question_counts_in_singular_and_plural(
    qtbot, monkeypatch, ctx, tmp_path
) -> None:
    add_applications(ctx, make_application("Avery", "Quill"))
    controller = _controller(qtbot, ctx, tmp_path)
    asked = _asked(monkeypatch)
    assert controller._ask_adoption("sample.agent") is False
    text = asked[-1][1]
    assert "This computer has 1 application made before anyone signed in." in text
    assert "Make it sample.agent's, so it syncs with this account?" in text
    add_applications(ctx, make_application("Blake", "Ridge"))
    controller.window.reload()
    qtbot.waitUntil(lambda: controller.window.model.total == 2)
    controller._ask_adoption("sample.agent")
    assert "This computer has 2 applications made before" in asked[-1][1]
    assert "Make them sample.agent's" in asked[-1][1]
    controller.window.close()
