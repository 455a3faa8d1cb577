"""One application's receipt: per table the version and content hash the server confirmed
(moto), and ``desktop-app status --app ID`` on a real data directory."""

import json
import random
from datetime import date

from desktop_app.cli.main import main
from desktop_app.sampledata import synthetic_application
from desktop_app.services.records import application_receipt
from tests.fixtures.sync_setup import create_tables, device, remote_applications


def test_the_receipt_holds_each_tables_confirmed_version_and_the_remote_content_hash(tmp_path, moto):
    create_tables(moto)
    store, autosave, sync = device(tmp_path / "a", moto.url)
    app = autosave.create_draft(synthetic_application(random.Random(12), today=date(2026, 11, 26)))
    sync.sync_once()
    autosave.save_field(app.id, "application_info.unit", "9Z")
    sync.sync_once()
    receipt = application_receipt(store, app.id)
    assert set(receipt["tables"]) == {"app_nyc", "applicant_nyc", "Co-Applicants", "Guarantors_nyc"}
    remote = {(t, i["content_hash"]) for items in remote_applications(moto).values() for t, i in items}
    held = {e["content_hash"] for entries in receipt["tables"].values() for e in entries}
    assert held == {h for _, h in remote}
    assert receipt["tables"]["app_nyc"][0]["version"] == 2 and receipt["remote_version"] == 2
    store.close()


def test_status_app_prints_the_receipt_and_refuses_an_unknown_id(tmp_path, capsys, secret_service):
    app = synthetic_application(random.Random(13), today=date(2026, 11, 26))
    src = tmp_path / "in.json"
    src.write_text(json.dumps({"format": "leasedesk.applications", "version": 1,
                               "applications": [app.model_dump(mode="json")], "documents": {}}))
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "drafts", "import", str(src)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "status", "--json", "--app", app.id]) == 0
    receipt = json.loads(capsys.readouterr().out)
    assert receipt["application_id"] == app.id and receipt["tables"] == {}
    assert receipt["state"] == "never_synced"
    assert main(["--data-dir", data, "status", "--app", app.id]) == 0
    assert "Not on the server yet." in capsys.readouterr().out
    assert main(["--data-dir", data, "status", "--app", "01NOSUCHAPPLICATION0000000"]) == 1
    assert "no application" in capsys.readouterr().err
