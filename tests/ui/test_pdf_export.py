"""The PDF of an application, painted by Qt and read back with pypdf: pages, the masked SSN,
every person, the receipt's versions, the audit entries, mode 0600."""

import random
import stat
from datetime import date

from desktop_app.sampledata import synthetic_application
from desktop_app.services.records import pdf_input
from desktop_app.ui.pdf_export import export_pdf, render_first_page_image
from tests.fixtures.moto import MotoEndpoint  # noqa: F401  (the fixture's type)
from tests.fixtures.records import SSNS, handover_application, pdf_text
from tests.fixtures.sync_setup import create_tables, device


def synced_sample(tmp_path, moto):
    create_tables(moto)
    store, autosave, sync = device(tmp_path / "a", moto.url)
    sample = synthetic_application(random.Random(7), today=date(2026, 11, 26), ascii_only=True)
    app_id = handover_application(autosave, sample)
    assert sync.sync_once().count("synced") == 1
    return store, autosave, app_id


def test_the_pdf_holds_the_masked_ssn_every_person_the_receipt_and_the_trail(qapp, tmp_path, moto):
    store, autosave, app_id = synced_sample(tmp_path, moto)
    app = autosave.load(app_id)
    out = tmp_path / "out" / "application.pdf"
    out.parent.mkdir()
    pages = export_pdf(pdf_input(store, app), out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = pdf_text(out)
    assert len(text) == pages and pages >= 2
    for i, page in enumerate(text, start=1):
        assert f"Page {i} of {pages}" in page
        assert f"Application {app_id}" in page and "Generated" in page
    whole = " ".join(text)
    assert "***-**-1120" in whole and "***-**-2231" in whole
    assert not any(ssn in whole for ssn in SSNS)
    for _, person in app.people():
        assert person.full_name in whole
    assert "stub.pdf" in whole and app.documents[0].sha256 in whole.replace(" ", "")
    receipt = pdf_input(store, app).receipt
    assert {e["version"] for entries in receipt["tables"].values() for e in entries} == {1}
    for table in receipt["tables"]:
        assert table in whole
    assert receipt["tables"]["app_nyc"][0]["content_hash"] in whole.replace(" ", "")
    assert "document attached" in whole and "created" in whole and "signed" in whole
    store.close()


def test_full_ssns_only_when_asked_with_a_warning(qapp, tmp_path, moto):
    store, autosave, app_id = synced_sample(tmp_path, moto)
    out = tmp_path / "full.pdf"
    export_pdf(pdf_input(store, autosave.load(app_id), full_ssn=True), out)
    whole = " ".join(pdf_text(out))
    assert SSNS[0] in whole and "shows full SSNs" in whole
    store.close()


def test_the_first_page_image_is_painted_by_the_same_code(qapp, tmp_path, moto):
    store, autosave, app_id = synced_sample(tmp_path, moto)
    image = render_first_page_image(pdf_input(store, autosave.load(app_id)))
    assert image.width() > 500 and image.height() > image.width()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 400, 7)}
    assert len(colours) > 2  # text was drawn on the white page
    store.close()


def test_markup_in_a_name_is_printed_as_text_and_a_huge_note_flows_onto_more_pages(qapp, tmp_path):
    from datetime import UTC, datetime

    from desktop_app.services.records import PdfInput

    app = synthetic_application(random.Random(8), today=date(2026, 11, 26), ascii_only=True)
    app.primary_applicant.first_name = "<b>Zed</b> & <img src='file:///etc/passwd'>"
    small = tmp_path / "small.pdf"
    pages_small = export_pdf(PdfInput(app, datetime.now(UTC)), small)
    assert "<b>Zed</b> & <img src='file:///etc/passwd'>" in " ".join(pdf_text(small))
    for i in range(60):
        app.co_applicants.append(app.co_applicants[0].model_copy(update={"id": f"{i:026d}"}))
    big = tmp_path / "big.pdf"
    pages_big = export_pdf(PdfInput(app, datetime.now(UTC)), big)
    assert pages_big > pages_small + 10 and len(pdf_text(big)) == pages_big
