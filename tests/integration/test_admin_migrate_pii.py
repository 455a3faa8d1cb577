"""``admin migrate`` and personal data: sealed with the app's KMS envelope, never written in
clear without the operator's say-so; and items the tables cannot take, reported, never partial."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from boto3.dynamodb.types import TypeSerializer

from desktop_app.admin.create_tables import ensure_tables
from desktop_app.admin.target_io import ITEM_SIZE_LIMIT, item_size
from desktop_app.sync.envelope import KmsEnvelope
from desktop_app.sync.field_crypto import FieldCrypto
from tests.fixtures.legacy_migration import (
    SOURCE,
    load_source,
    migrate,
    sample_items,
    scan_targets,
)

PROTECTED = {"ssn", "date_of_birth", "dateofbirth", "bank_accounts", "bankaccounts", "dob"}
Z = "us-east-1:00000000-0000-4000-8000-00000000000a"


def kms_key(moto) -> str:
    return moto.client("kms").create_key(Description="migration")["KeyMetadata"]["KeyId"]


def _clear_values(value, found: list[str], path: str = "") -> None:
    """Paths of protected fields held in clear anywhere in ``value``."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k.lower().replace("_", "") in {p.replace("_", "") for p in PROTECTED}:
                found.append(f"{path}.{k}")
            _clear_values(v, found, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _clear_values(v, found, f"{path}[{i}]")


def _sample_ssns() -> set[str]:
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "ssn" and isinstance(v, str):
                    found.add(v)
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(sample_items())
    return found


def test_the_sample_lands_with_no_protected_value_in_clear_and_the_app_opens_it(
    moto, capsys, tmp_path
):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    key_id = kms_key(moto)
    code, report, out, err = migrate(moto, capsys, tmp_path, "--kms-key-id", key_id)
    assert code == 0, err
    assert report["source"]["migrated"] == 36 and report["verification"]["ok"] is True
    assert report["pii"]["mode"] == "encrypted" and report["pii"]["items_sealed"] > 0
    assert "sealed with KMS key" in out

    targets = scan_targets(moto)
    clear: list[str] = []
    for table, items in targets.items():
        for item in items:
            _clear_values(item, clear, f"{table}:{item['zoneinfo'][-4:]}")
    assert clear == []
    dump = json.dumps(targets, default=str)
    ssns = _sample_ssns()
    assert ssns and not any(ssn in dump for ssn in ssns)
    assert dump.count("ssn_enc") >= 1 and dump.count("date_of_birth_enc") >= 1

    # The app opens a sealed item as its own: same envelope, context and associated data.
    sealed = [i for i in targets["applicant"] if "ssn_enc" in i.get("applicant_info", {})]
    assert sealed
    for item in sealed:
        envelope = KmsEnvelope(moto.client("kms"), key_id, item["zoneinfo"])
        restored = FieldCrypto(envelope).restore("applicant", item)
        ssn = restored["applicant_info"]["ssn"]
        assert ssn in ssns
        assert item["applicant_info"]["ssn_last4"] == "".join(c for c in ssn if c.isdigit())[-4:]


def test_a_second_run_writes_nothing_and_a_fresh_work_dir_recognises_the_sealed_items(
    moto, capsys, tmp_path
):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    key_id = kms_key(moto)
    assert migrate(moto, capsys, tmp_path / "a", "--kms-key-id", key_id)[0] == 0
    assert (tmp_path / "a" / f"sealed-{SOURCE}.jsonl").exists()
    before = scan_targets(moto)
    for work_dir in (tmp_path / "a", tmp_path / "b"):  # same sealed forms; then new ones
        code, report, out, err = migrate(moto, capsys, work_dir, "--kms-key-id", key_id)
        assert code == 0, err
        assert sum(t["written"] for t in report["tables"].values()) == 0
        assert sum(t["differing"] for t in report["tables"].values()) == 0
        assert report["verification"]["ok"] is True
    assert scan_targets(moto) == before


def test_without_a_key_protected_data_is_refused_per_application_unless_allowed(
    moto, capsys, tmp_path, monkeypatch
):
    monkeypatch.delenv("DESKTOP_APP_KMS_KEY_ID", raising=False)
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    code, report, out, err = migrate(moto, capsys, tmp_path / "refused", "--kms-key-id", "")
    assert code == 0, err
    # Every application of the sample holds an SSN or a date of birth somewhere.
    refused = [s for s in report["source_items"] if "no KMS key" in s.get("reason", "")]
    assert len(refused) == 36 + 1  # the migrated and the merged items of the clear run
    assert report["pii"]["applications_refused"] == 13
    assert "13 application(s) holding an SSN" in out
    assert all(not items for items in scan_targets(moto).values())

    code, report, out, _ = migrate(moto, capsys, tmp_path / "clear", "--allow-clear-pii")
    assert code == 0 and report["pii"]["mode"].startswith("clear")
    assert "WRITTEN IN CLEAR" in out
    assert sum(len(items) for items in scan_targets(moto).values()) == 40


def _source_table(moto, items: list[dict]) -> None:
    table = moto.resource("dynamodb").create_table(
        TableName=SOURCE,
        KeySchema=[
            {"AttributeName": "zoneinfo", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "zoneinfo", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    for item in items:
        table.put_item(Item=item)


def test_an_item_that_grows_past_the_limit_skips_its_application_and_the_run_finishes(
    moto, capsys, tmp_path
):
    small = [{"zoneinfo": Z, "sk": f"APP#{i}", "status": "draft"} for i in ("a1", "a2", "a3")] + [
        {"zoneinfo": Z, "sk": f"APPLICANT#{i}", "applicantInfo": {"firstName": "T"}}
        for i in ("a1", "a2", "a3")
    ]
    # Just under what the local DynamoDB (moto: 405,000 bytes) stores, in the source; the
    # mapping adds its keys, times and hash, so the mapped item would not fit there.
    big = {"zoneinfo": Z, "sk": "APP#big", "status": "draft", "bigText": ""}
    big["bigText"] = "y" * (404_900 - item_size(TypeSerializer().serialize(big)["M"]))
    big_applicant = {"zoneinfo": Z, "sk": "APPLICANT#big", "applicantInfo": {"firstName": "B"}}
    _source_table(moto, [*small, big, big_applicant])
    ensure_tables(moto.client("dynamodb"))
    code, report, out, err = migrate(moto, capsys, tmp_path)
    assert code == 0, err
    outcomes = {s["sk"]: s for s in report["source_items"]}
    for sk in ("APP#big", "APPLICANT#big"):
        assert outcomes[sk]["outcome"] == "rejected"
        assert f"over the {ITEM_SIZE_LIMIT}-byte item limit" in outcomes[sk]["reason"]
    assert all(outcomes[i["sk"]]["outcome"] == "migrated" for i in small)
    assert report["verification"]["ok"] is True and "Too large: 1 application" in out
    targets = scan_targets(moto)
    assert len(targets["app"]) == 3 and len(targets["applicant"]) == 3
    assert {i["appid"] for i in targets["applicant"]} == {i["appid"] for i in targets["app"]}
    # A resumed or repeated run does the same, without failing.
    code, report, _, err = migrate(moto, capsys, tmp_path)
    assert code == 0, err
    assert sum(t["present"] for t in report["tables"].values()) == 6


def test_attributes_named_b_and_bs_and_binary_sets_migrate_and_verify(moto, capsys, tmp_path):
    items = [
        {
            "zoneinfo": Z,
            "sk": "APP#a",
            "status": "draft",
            "B": "text under the name B",
            "meta": {"BS": Decimal(3), "B": {"B": b"\x00\x01"}},
            "blobs": {b"\x00\x01", b"\x02\x03"},
        },
        {"zoneinfo": Z, "sk": "APPLICANT#a", "applicantInfo": {"firstName": "T"}},
    ]
    _source_table(moto, items)
    ensure_tables(moto.client("dynamodb"))
    code, report, _, err = migrate(moto, capsys, tmp_path)
    assert code == 0, err
    assert report["source"]["migrated"] == 2 and report["verification"]["ok"] is True
    [app] = scan_targets(moto)["app"]
    assert app["b"] == "text under the name B"  # names are snake_cased, as everywhere
    assert {bytes(v) for v in app["blobs"]} == {b"\x00\x01", b"\x02\x03"}
    assert app["meta"]["bs"] == 3 and bytes(app["meta"]["b"]["b"]) == b"\x00\x01"
    assert Path(report["backup"]["path"]).exists()


def test_a_key_kms_refuses_stops_the_run_before_anything_is_written(moto, capsys, tmp_path):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    missing = "11111111-2222-4333-8444-555555555555"
    code, report, _, err = migrate(moto, capsys, tmp_path, "--kms-key-id", missing)
    assert code == 2 and report is None
    assert missing in err and "KMS" in err
    assert all(not items for items in scan_targets(moto).values())
