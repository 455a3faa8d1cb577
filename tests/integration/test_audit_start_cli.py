"""``drafts import`` starts each imported application's trail ("created: imported from a file");
the machine the entries name is the store's random id, never the host name; and ``drafts audit
--verify`` without a sync backend says the end could not be checked against the server."""

import json
import random
import socket
from datetime import date

from desktop_app.cli.main import main
from desktop_app.sampledata import synthetic_application


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_starts_the_trail_and_verify_says_the_end_was_not_checked(
    tmp_path, capsys, secret_service
):
    apps = [synthetic_application(random.Random(n), today=date(2026, 11, 26), ascii_only=True)
            for n in (21, 22)]
    src = tmp_path / "in.json"
    src.write_text(json.dumps({"format": "leasedesk.applications", "version": 1,
                               "applications": [a.model_dump(mode="json") for a in apps],
                               "documents": {}}))
    data = str(tmp_path / "data")
    assert run(capsys, "--data-dir", data, "drafts", "import", str(src))[0] == 0
    machines = set()
    for app in apps:
        code, out, _ = run(capsys, "--data-dir", data, "drafts", "audit", app.id, "--json")
        entries = json.loads(out)["entries"]
        assert [(e["seq"], e["action"], e["detail"]) for e in entries] == [
            (1, "created", {"source": "import"})
        ]
        machines.add(entries[0]["machine"])
    (machine,) = machines
    assert len(machine) == 16 and socket.gethostname() not in machine

    code, out, _ = run(capsys, "--data-dir", data, "drafts", "audit", apps[0].id, "--verify")
    assert code == 0 and "created: imported from a file" in out
    assert "The end of the trail could not be checked against the server" in out
    code, out, _ = run(capsys, "--data-dir", data, "drafts", "audit", apps[0].id, "--verify",
                       "--json")
    verified = json.loads(out)["verified"]
    assert verified["ok"] and "could not be checked" in verified["end"]
