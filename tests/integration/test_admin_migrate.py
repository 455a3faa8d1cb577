"""``desktop-app admin migrate`` against moto over HTTP: sample.json in a legacy table, migrated
into the four tables; idempotence, edits left alone, dry run, and a killed run resumed."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import stat
import subprocess
import sys
from collections import Counter
from pathlib import Path

from desktop_app.admin.create_tables import ensure_tables
from desktop_app.admin.iam_policy import (
    PolicySettings,
    authenticated_role_policy,
    leading_key_allowed,
)
from desktop_app.admin.report import ACCOUNTING_SECTIONS
from desktop_app.domain.canonical import item_content_hash
from desktop_app.remote.tables import ALL_TABLES, TableNames
from tests.fixtures.legacy_migration import (
    REPO,
    SOURCE,
    load_source,
    migrate,
    sample_items,
    scan_targets,
)


def test_sample_is_migrated_with_every_item_accounted_for(moto, capsys, tmp_path):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    code, report, out, err = migrate(moto, capsys, tmp_path)
    assert code == 0, err

    assert report["source"] == {"items": 45, "migrated": 36, "merged": 1, "rejected": 8}
    accounted = Counter((s["zoneinfo"], s["sk"]) for s in report["source_items"])
    assert accounted == Counter((i["zoneinfo"], i["sk"]) for i in sample_items())
    reasons = [s["reason"] for s in report["source_items"] if s["outcome"] == "rejected"]
    assert sum("unknown status 'archived?'" in r for r in reasons) == 2
    assert sum(r.startswith("orphan") for r in reasons) == 6
    assert "merged: us-east-1:bc3e1c90-7d12-9abc-b0d3-7afc978d49c0 COAPP#app-3a20c6322f0d#2" in out

    targets = scan_targets(moto)
    assert {t: len(items) for t, items in targets.items()} == {
        "app": 13,
        "applicant": 13,
        "coapplicant": 9,
        "guarantor": 5,
    }
    assert {t: report["tables"][t]["written"] for t in targets} == {
        t: len(i) for t, i in targets.items()
    }
    for table, items in targets.items():
        for item in items:  # over the attributes LeaseDesk writes, as the sync engine hashes
            assert item["content_hash"] == item_content_hash(table, item)
            assert item["version"] == 1 and item["status"] in ("draft", "submitted")
    zone = "us-east-1:44b80a3f-16a2-2961-2277-ea64907429f7"
    apps = {i["appid"]: i for i in targets["app"]}
    assert apps[f"{zone}#app-a76c6782147d"]["legacy_appid"] == "app-a76c6782147d"
    assert apps[f"{zone}#v1"]["status"] == "draft"
    applicants = {i["userId"]: i for i in targets["applicant"]}
    assert applicants[zone]["appid"] == f"{zone}#app-a76c6782147d"
    assert applicants[f"{zone}#v1#applicant"]["applicant_info"]["first_name"] == "Omar"
    assert report["verification"]["ok"] is True
    assert "Verification: OK" in out

    backup = Path(report["backup"]["path"])
    assert len(backup.read_text(encoding="utf-8").splitlines()) == 45
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert str(backup) in out and str(backup) in err
    assert "Luis" not in err and "@example.com" not in out + err  # no personal data in the output


def test_second_run_writes_nothing_and_says_so(moto, capsys, tmp_path):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    assert migrate(moto, capsys, tmp_path)[0] == 0
    before = scan_targets(moto)
    code, report, out, _ = migrate(moto, capsys, tmp_path)
    assert code == 0
    assert sum(t["written"] for t in report["tables"].values()) == 0
    assert sum(t["present"] for t in report["tables"].values()) == 40
    assert "Nothing written: all 40 target items were already there" in out
    assert scan_targets(moto) == before


def test_item_edited_in_the_target_after_the_first_run_is_left_as_it_is(moto, capsys, tmp_path):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    assert migrate(moto, capsys, tmp_path)[0] == 0
    zone = "us-east-1:9267477c-1389-d609-d003-b900cd8cd831"
    table = moto.resource("dynamodb").Table("applicant_nyc")
    edited = table.get_item(Key={"userId": zone, "zoneinfo": zone})["Item"]
    edited["applicant_info"]["phone"] = "+12125550000"
    edited["version"] = 2
    edited["content_hash"] = item_content_hash("applicant", edited)
    table.put_item(Item=edited)

    code, report, out, _ = migrate(moto, capsys, tmp_path)
    assert code == 0
    assert table.get_item(Key={"userId": zone, "zoneinfo": zone})["Item"] == edited
    differing = [t for t in report["target_items"] if t["outcome"] == "differing"]
    assert differing == [
        {"table": "applicant", "pk": zone, "zoneinfo": zone, "outcome": "differing"}
    ]
    assert report["verification"]["ok"] is True
    assert report["verification"]["tables"]["applicant"]["differing_kept"] == 1
    assert "(39 identical, 1 differing, left as they are)" in out


def test_dry_run_writes_nothing_to_the_targets(moto, capsys, tmp_path):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    code, report, out, _ = migrate(moto, capsys, tmp_path, "--dry-run")
    assert code == 0
    assert all(not items for items in scan_targets(moto).values())
    assert sum(t["would_write"] for t in report["tables"].values()) == 40
    assert "Dry run: nothing written; 40 item(s) would be written." in out
    assert not (tmp_path / "checkpoint.jsonl").exists()


def test_missing_target_tables_is_a_plain_error(moto, capsys, tmp_path):
    load_source(moto)
    code, report, _, err = migrate(moto, capsys, tmp_path)
    assert code == 2 and report is None
    assert "app_nyc" in err and "create-tables" in err


def test_every_key_the_migration_wrote_is_allowed_by_the_policy(moto, capsys, tmp_path):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    assert migrate(moto, capsys, tmp_path)[0] == 0
    policy = authenticated_role_policy(PolicySettings.from_options().resources())
    other = "us-east-1:ffffffff-ffff-4fff-8fff-ffffffffffff"
    checked = 0
    for spec in ALL_TABLES:
        for item in scan_targets(moto)[spec.logical]:
            identity = item["zoneinfo"]
            key = item[spec.partition_key]
            assert leading_key_allowed(policy, identity, key), (spec.logical, key)
            assert leading_key_allowed(
                policy, identity, identity, action="dynamodb:Query", index=True
            )
            assert not leading_key_allowed(policy, other, key)
            checked += 1
    assert checked == 40


def _subprocess_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    for name in (
        "DESKTOP_APP_TABLE_PREFIX",
        "DESKTOP_APP_TABLE_SUFFIX",
        "DESKTOP_APP_ENDPOINT_URL",
    ):
        env.pop(name, None)
    return env


def _report_in(work_dir: Path) -> dict:
    [path] = work_dir.glob("report-*.json")
    return json.loads(path.read_text())


def _accounting(report: dict) -> dict:
    out = {k: report[k] for k in ACCOUNTING_SECTIONS}
    out["tables"] = {
        t: {k: v for k, v in c.items() if k != "name"} for t, c in report["tables"].items()
    }
    return out


def test_run_killed_at_random_points_and_resumed_ends_as_one_clean_run(moto, tmp_path):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"), prefix="clean-")
    ensure_tables(moto.client("dynamodb"), prefix="killed-")
    base = [
        sys.executable,
        "-m",
        "desktop_app",
        "admin",
        "migrate",
        "--source-table",
        SOURCE,
        "--endpoint-url",
        moto.url,
        "--region",
        moto.region,
        "--segments",
        "2",
        "--workers",
        "1",
        "--batch-size",
        "2",
        "--allow-clear-pii",
    ]
    env = _subprocess_env()
    clean = subprocess.run(
        [*base, "--table-prefix", "clean-", "--work-dir", str(tmp_path / "clean")],
        env=env,
        cwd=tmp_path,
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert clean.returncode == 0, clean.stderr

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    # One kill anywhere early (backup, check or the first writes), two part-way through writing.
    plans = [("any", rng.randint(1, 14)), ("write", rng.random()), ("write", rng.random())]
    killed_dir = tmp_path / "killed"
    kills = 0
    finished = False
    for mode, point in plans:
        proc = subprocess.Popen(
            [*base, "--table-prefix", "killed-", "--work-dir", str(killed_dir)],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for count, line in enumerate(proc.stderr, start=1):
            progress = re.match(r"write: (\d+)/(\d+)", line)
            if (
                (mode == "any" and count >= point)
                or (progress and int(progress[2]) and int(progress[1]) >= point * int(progress[2]))
                or line.startswith("verify")
            ):
                proc.send_signal(signal.SIGKILL)
                break
        proc.stderr.close()
        proc.wait(timeout=60)
        if proc.returncode == 0:  # it finished before the signal landed: that run is the end
            finished = True
            break
        assert proc.returncode == -signal.SIGKILL, f"seed {seed}"
        kills += 1
    if not finished:
        final = subprocess.run(
            [*base, "--table-prefix", "killed-", "--work-dir", str(killed_dir)],
            env=env,
            cwd=tmp_path,
            check=False,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert final.returncode == 0, final.stderr
        assert "resumed" in final.stdout, f"seed {seed}"
    assert kills >= 1, f"seed {seed}"

    assert scan_targets(moto, "killed-") == scan_targets(moto, "clean-"), f"seed {seed}"
    resumed, reference = _report_in(killed_dir), _report_in(tmp_path / "clean")
    assert _accounting(resumed) == _accounting(reference), f"seed {seed}"
    assert sum(t["written"] for t in resumed["tables"].values()) == 40


def test_backup_restores_the_source_item_for_item(moto, capsys, tmp_path):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    _, report, _, _ = migrate(moto, capsys, tmp_path)
    client = moto.client("dynamodb")
    lines = Path(report["backup"]["path"]).read_text(encoding="utf-8").splitlines()
    source = client.scan(TableName=SOURCE, ConsistentRead=True)["Items"]
    key = lambda i: (i["zoneinfo"]["S"], i["sk"]["S"])
    assert sorted(map(json.loads, lines), key=key) == sorted(source, key=key)
    assert TableNames().app == "app_nyc"
