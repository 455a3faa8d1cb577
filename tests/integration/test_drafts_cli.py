"""``desktop-app drafts …`` and ``status --json`` on real data directories, with the data key in a
real Secret Service."""

import json
import random
import subprocess
import sys
from datetime import date
from decimal import Decimal

from desktop_app.cli.main import main
from desktop_app.sampledata import synthetic_application

TODAY = date.today()


def export_file(apps) -> dict:
    return {"format": "leasedesk.applications", "version": 1,
            "applications": [a.model_dump(mode="json") for a in apps], "documents": {}}


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_then_export_round_trips_100_applications_field_for_field(tmp_path, capsys, secret_service):
    rng = random.Random(2026)
    apps = [synthetic_application(rng, co_applicants=rng.randint(0, 2), guarantors=rng.randint(0, 2),
                                  occupants=rng.randint(0, 3)) for _ in range(100)]
    names = {p.first_name for a in apps for _, p in a.people()} | {p.last_name for a in apps for _, p in a.people()}
    assert {"José", "Zoë", "O'Brien", "李"} <= names
    src = tmp_path / "in.json"
    src.write_text(json.dumps(export_file(apps), ensure_ascii=False), encoding="utf-8")
    data = tmp_path / "data"
    code, out, _ = run(capsys, "--data-dir", str(data), "drafts", "import", str(src))
    assert code == 0 and "Imported 100" in out
    out_file = tmp_path / "out.json"
    assert run(capsys, "--data-dir", str(data), "drafts", "export", "--out", str(out_file))[0] == 0
    exported = json.loads(out_file.read_text(encoding="utf-8"))["applications"]
    original = json.loads(src.read_text(encoding="utf-8"))["applications"]
    key = lambda a: a["id"]  # noqa: E731
    assert sorted(exported, key=key) == sorted(original, key=key)
    assert isinstance(exported[0]["application_info"]["monthly_rent"], str)  # money as decimal strings


def test_invalid_records_are_reported_by_record_and_field_and_nothing_is_imported(tmp_path, capsys, secret_service):
    rng = random.Random(5)
    apps = [synthetic_application(rng) for _ in range(13)]
    apps[3].primary_applicant.email = "not-an-email"
    apps[7].application_info.application_fee = Decimal("25")
    apps[11].application_info.monthly_rent = Decimal("-100")
    src = tmp_path / "mixed.json"
    src.write_text(json.dumps(export_file(apps), ensure_ascii=False, default=str), encoding="utf-8")
    data = tmp_path / "data"
    code, _, err = run(capsys, "--data-dir", str(data), "drafts", "import", str(src))
    assert code == 2
    assert "record 3: primary_applicant.email:" in err
    assert "record 7: application_info.application_fee:" in err and "$20" in err
    assert "record 11: application_info.monthly_rent: Cannot be negative" in err
    assert "nothing was imported" in err
    code, out, _ = run(capsys, "--data-dir", str(data), "drafts", "list", "--json")
    assert code == 0 and json.loads(out) == []


def test_a_draft_may_be_incomplete_but_not_wrong(tmp_path, capsys, secret_service):
    src = tmp_path / "drafts.json"
    src.write_text(json.dumps([{"application_info": {"unit": "2C"}}]), encoding="utf-8")
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "d"), "drafts", "import", str(src))
    assert code == 0
    src.write_text(json.dumps([{"application_info": {"monthly_rent": "cheap"}}]), encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "d"), "drafts", "import", str(src))
    assert code == 2 and "record 0: application_info.monthly_rent" in err


def test_the_documented_example_imports_and_lists(tmp_path, capsys, secret_service):
    from pathlib import Path

    example = Path(__file__).parents[2] / "docs" / "examples" / "applications.json"
    data = tmp_path / "data"
    code, out, err = run(capsys, "--data-dir", str(data), "drafts", "import", str(example))
    assert code == 0, err
    code, out, _ = run(capsys, "--data-dir", str(data), "drafts", "list", "--json")
    listed = json.loads(out)
    assert len(listed) == 3 and {"id", "status", "applicant_name", "monthly_rent"} <= set(listed[0])
    code, out, _ = run(capsys, "--data-dir", str(data), "status", "--json")
    status = json.loads(out)
    assert status["applications"]["total"] == 3 and status["profile"] == "local"
    example_apps = json.loads(example.read_text(encoding="utf-8"))["applications"]
    assert any(a["co_applicants"] for a in example_apps) and any(a["guarantors"] for a in example_apps)
    assert any(a["primary_applicant"]["occupants"] for a in example_apps)
    assert any(a["primary_applicant"]["other_income"] for a in example_apps)
    assert any(a["primary_applicant"]["ssn"] for a in example_apps)


def test_console_script_reports_its_version():
    out = subprocess.run([sys.executable, "-m", "desktop_app", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip().startswith("desktop-app ")
