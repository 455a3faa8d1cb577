"""``drafts export``: a plain export warns that it holds PII in clear; ``--protect`` /
``--passphrase-file`` seal it under a passphrase that ``drafts import`` asks for; both 0600."""

import base64
import json
import random
import stat

from desktop_app.cli.main import main
from desktop_app.sampledata import synthetic_application

PASSPHRASE = "a long synthetic passphrase"


def _setup(tmp_path):
    apps = [synthetic_application(random.Random(i)) for i in range(2)]
    src = tmp_path / "apps.json"
    src.write_text(json.dumps({"applications": [a.model_dump(mode="json") for a in apps]}), encoding="utf-8")
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "drafts", "import", str(src)]) == 0
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return data, apps, secret


def test_a_plain_export_warns_of_pii_in_clear_and_is_private(tmp_path, capsys, secret_service):
    data, _apps, _secret = _setup(tmp_path)
    capsys.readouterr()
    out = tmp_path / "plain.json"
    assert main(["--data-dir", str(data), "drafts", "export", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "PII" in err and "in clear" in err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_protected_export_holds_no_pii_and_imports_with_its_passphrase(tmp_path, capsys, secret_service):
    data, apps, secret = _setup(tmp_path)
    capsys.readouterr()
    out = tmp_path / "sealed.json"
    code = main(["--data-dir", str(data), "drafts", "export", "--out", str(out), "--passphrase-file", str(secret)])
    assert code == 0
    err = capsys.readouterr().err
    assert "sealed under the passphrase" in err and "in clear" not in err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    raw = out.read_bytes()
    for app in apps:
        for value in (app.primary_applicant.ssn, app.primary_applicant.last_name):
            assert value.encode() not in raw
            assert base64.b64encode(value.encode()) not in raw

    other = tmp_path / "other-data"
    assert main(["--data-dir", str(other), "drafts", "import", str(out)]) == 2  # no passphrase given
    assert "passphrase-protected" in capsys.readouterr().err
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the right passphrase", encoding="utf-8")
    assert main(["--data-dir", str(other), "drafts", "import", str(out), "--passphrase-file", str(wrong)]) == 2
    assert "passphrase does not open" in capsys.readouterr().err
    assert main(["--data-dir", str(other), "drafts", "import", str(out), "--passphrase-file", str(secret)]) == 0
    assert "Imported 2 application(s)" in capsys.readouterr().out


def test_a_short_passphrase_writes_nothing(tmp_path, capsys, secret_service):
    data, _apps, _secret = _setup(tmp_path)
    short = tmp_path / "short.txt"
    short.write_text("short", encoding="utf-8")
    out = tmp_path / "sealed.json"
    code = main(["--data-dir", str(data), "drafts", "export", "--out", str(out), "--passphrase-file", str(short)])
    assert code == 1 and "at least 12" in capsys.readouterr().err
    assert not out.exists()
