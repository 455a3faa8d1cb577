"""``desktop-app drafts pdf`` and ``drafts audit --verify`` on a real data directory (the data
key in a real Secret Service)."""

import json
import random
import stat
from datetime import date

from desktop_app.cli.main import main
from desktop_app.sampledata import synthetic_application
from tests.fixtures.records import pdf_text


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def imported(tmp_path, capsys):
    app = synthetic_application(random.Random(11), today=date(2026, 11, 26), ascii_only=True)
    app.primary_applicant.ssn = "123-45-1120"
    src = tmp_path / "in.json"
    src.write_text(json.dumps({"format": "leasedesk.applications", "version": 1,
                               "applications": [app.model_dump(mode="json")], "documents": {}}))
    data = tmp_path / "data"
    assert run(capsys, "--data-dir", str(data), "drafts", "import", str(src))[0] == 0
    return data, app


def test_drafts_pdf_writes_a_private_masked_pdf_and_records_the_export(tmp_path, capsys, secret_service):
    data, app = imported(tmp_path, capsys)
    out = tmp_path / "app.pdf"
    code, _, err = run(capsys, "--data-dir", str(data), "drafts", "pdf", app.id, "--out", str(out))
    assert code == 0 and "page(s)" in err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    whole = " ".join(pdf_text(out))
    assert "***-**-1120" in whole and "123-45-1120" not in whole
    code, out_json, _ = run(capsys, "--data-dir", str(data), "drafts", "audit", app.id, "--json")
    assert [e["action"] for e in json.loads(out_json)["entries"]][-1] == "exported"
    code, _, err = run(capsys, "--data-dir", str(data), "drafts", "pdf", app.id, "--out",
                       str(tmp_path / "full.pdf"), "--full-ssn")
    assert code == 0 and "shows full SSNs" in err
    assert "123-45-1120" in " ".join(pdf_text(tmp_path / "full.pdf"))


def test_a_pdf_that_cannot_be_written_is_not_recorded_as_exported(tmp_path, capsys, secret_service):
    data, app = imported(tmp_path, capsys)
    for target in (tmp_path / "no such folder" / "x.pdf", tmp_path):  # missing folder; a folder
        code, _, err = run(capsys, "--data-dir", str(data), "drafts", "pdf", app.id, "--out",
                           str(target))
        assert code == 1 and "cannot write" in err
    code, out_json, _ = run(capsys, "--data-dir", str(data), "drafts", "audit", app.id, "--json")
    assert "exported" not in [e["action"] for e in json.loads(out_json)["entries"]]


def test_drafts_pdf_of_an_unknown_id_fails_plainly(tmp_path, capsys, secret_service):
    data, _ = imported(tmp_path, capsys)
    code, _, err = run(capsys, "--data-dir", str(data), "drafts", "pdf", "01NOSUCHAPPLICATION0000000",
                       "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "no application" in err and not (tmp_path / "x.pdf").exists()


def test_drafts_audit_verify_passes_then_catches_an_altered_entry(tmp_path, capsys, secret_service):
    data, app = imported(tmp_path, capsys)
    assert run(capsys, "--data-dir", str(data), "drafts", "pdf", app.id, "--out",
               str(tmp_path / "a.pdf"))[0] == 0
    code, out, _ = run(capsys, "--data-dir", str(data), "drafts", "audit", app.id, "--verify")
    assert code == 0 and "chain is intact" in out
    # Alter an entry through the store's own key (the file is SQLCipher): as a tool would.
    from desktop_app.bootstrap import bootstrap

    services = bootstrap(data)
    with services.store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_entries SET machine='elsewhere' WHERE seq=1")
    services.store.close()
    code, out, _ = run(capsys, "--data-dir", str(data), "drafts", "audit", app.id, "--verify")
    assert code == 1 and "TAMPERED: entry 1: altered" in out
