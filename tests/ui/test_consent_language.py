"""The Signatures step opens the consent text in the app's language when the current consent
version has it (the applicant signs what they read), and in the default language otherwise."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from desktop_app import i18n
from desktop_app.domain import consent
from desktop_app.domain.consent import ConsentLibrary
from desktop_app.ui.context import AppContext
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import (
    WAIT_MS,
    complete_application,
    open_context,
    open_window,
    sign,
    stored,
)


@pytest.fixture
def ctx(tmp_path) -> Iterator[AppContext]:
    context = open_context(tmp_path)
    yield context
    context.close()


@pytest.fixture
def spanish() -> Iterator[None]:
    i18n.set_language("es")
    yield
    i18n.set_language("en")


def open_signatures(qtbot, ctx: AppContext):
    app = complete_application()
    app.signatures, app.current_step = [], 7
    app = ctx.tasks.db(lambda: ctx.autosave.create_draft(app)).run().result(timeout=WAIT_MS / 1000)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    assert page.step_id is StepId.SIGNATURES
    return app, window, page


def test_in_spanish_the_consent_opens_in_spanish_and_the_signature_records_it(
    qtbot, ctx, tmp_path, library, spanish
) -> None:
    app, window, page = open_signatures(qtbot, ctx)
    assert page.consent.language == "es"
    assert page.language.currentData() == "es"
    spanish_text = library.get(1, "es").text
    assert spanish_text.split("\n")[0].lstrip("# ").strip() in page.consent_view.toPlainText()
    for box in page.boxes:
        sign(qtbot, box.pad)
    window.close()
    ctx.tasks.flush()
    assert {s.consent_language for s in stored(tmp_path, app.id).signatures} == {"es"}


def test_without_the_apps_language_in_the_current_version_the_default_opens(
    qtbot, ctx, library, spanish
) -> None:
    shutil.rmtree(library.root / "es")
    consent.use_library(ConsentLibrary(library.root))
    _, window, page = open_signatures(qtbot, ctx)
    assert page.consent.language == "en"
    assert "FARE Act" in page.consent_view.toPlainText()
    window.close()
