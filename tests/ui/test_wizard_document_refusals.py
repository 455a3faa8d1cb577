"""The documents step refuses, each with a clear reason and without attaching anything: an
empty file, a 50 MB file, a program renamed ``.pdf`` and a damaged PDF."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.ui.context import AppContext
from desktop_app.wizard import StepId
from tests.ui.wizard_helpers import (
    PDF_BYTES,
    WAIT_MS,
    draft_at_documents,
    drop,
    open_context,
    open_window,
)


@pytest.fixture
def ctx(tmp_path) -> Iterator[AppContext]:
    context = open_context(tmp_path)
    yield context
    context.close()


def test_the_four_refusals_at_the_documents_step(qtbot, ctx, tmp_path) -> None:
    app = draft_at_documents(ctx)
    window = open_window(qtbot, ctx, app.id)
    page = window.current_page()
    assert page.step_id is StepId.DOCUMENTS

    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as fh:
        fh.write(PDF_BYTES)
        fh.truncate(50 * 1024 * 1024)
    program = tmp_path / "lease.pdf"
    program.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200)
    damaged = tmp_path / "paystub.pdf"
    damaged.write_bytes(PDF_BYTES[: len(PDF_BYTES) // 2])
    good = tmp_path / "good.pdf"
    good.write_bytes(PDF_BYTES)

    assert drop(page.drop_zone, empty, huge, program, damaged, good)
    qtbot.waitUntil(lambda: len(window.flow.app.documents) == 1, timeout=WAIT_MS)
    assert page.refusal.isVisible()
    reasons = page.refusal.text().splitlines()
    assert reasons == [
        "empty.pdf: the file is empty",
        "huge.pdf: larger than 25 MB (50.0 MB)",
        "lease.pdf: this is a program, not a document; it cannot be attached",
        (
            "paystub.pdf: the PDF is damaged or incomplete (it does not end like a PDF); "
            "save or download it again"
        ),
    ]
    assert [d.file_name for d in window.flow.app.documents] == ["good.pdf"]
