"""``desktop-app admin verify`` on moto: tables a real sync wrote pass; each planted
inconsistency is found, counted and named by key; the old table's items are accounted for;
``--restore-test`` restores each table to a scratch table, compares and removes it."""

from __future__ import annotations

import json

from ulid import ULID

from desktop_app.admin.create_tables import ensure_tables
from desktop_app.remote.tables import TableNames
from tests.fixtures.legacy_migration import SOURCE, load_source, migrate
from tests.fixtures.ops_tables import admin, synced_tables

OTHER_IDENTITY = "us-east-1:00000000-0000-4000-8000-000000000000"
#: A value the back office writes, which the report must not print: "~" and lower case cannot
#: occur in ULIDs, identity ids or table names, so finding it means a value was printed.
PLANTED_UNIT = "unit~planted~value"


def _items(moto, table: str) -> list[dict]:
    return moto.resource("dynamodb").Table(table).scan(ConsistentRead=True)["Items"]


def test_clean_tables_pass_and_each_planted_inconsistency_is_found(
    moto, secret_service, tmp_path, monkeypatch, capsys
):
    synced = synced_tables(moto, tmp_path, monkeypatch)
    code, out, err = admin(moto, capsys, "verify", "--json")
    assert code == 0, out + err
    clean = json.loads(out)
    assert clean["ok"] is True and clean["findings"] == {}
    assert clean["items"] == {name: 3 for name in TableNames().all()}
    state = clean["tables"]["app_nyc"]
    assert state["point_in_time_recovery"] == "ENABLED" and state["earliest_restorable_time"]
    assert state["deletion_protection"] is True
    assert set(state["indexes"].values()) == {"ACTIVE"}
    assert state["zone_projection"] == "INCLUDE (version, content_hash, last_updated)"

    db = moto.resource("dynamodb")
    apps = sorted(_items(moto, "app_nyc"), key=lambda i: i["appid"])
    a0, a1, a2 = (a["appid"] for a in apps)
    ident = synced.identity
    # 1. An application item removed: its three people are orphans.
    db.Table("app_nyc").delete_item(Key={"appid": a0, "zoneinfo": ident})
    # 2. A primary applicant removed: the application misses it, and its list names it.
    (applicant1,) = [p for p in _items(moto, "applicant_nyc") if p["appid"] == a1]
    db.Table("applicant_nyc").delete_item(Key={"userId": applicant1["userId"], "zoneinfo": ident})
    # 3. A co-applicant of a2 that its list does not name.
    unlisted = f"{ident}#{ULID()}"
    db.Table("Co-Applicants").put_item(
        Item={"userId": unlisted, "zoneinfo": ident, "appid": a2, "version": 1}
    )
    # 4. The back office edits a LeaseDesk attribute without a new version.
    db.Table("app_nyc").update_item(
        Key={"appid": a2, "zoneinfo": ident},
        UpdateExpression="SET application_info.#u = :u",
        ExpressionAttributeNames={"#u": "unit"},
        ExpressionAttributeValues={":u": PLANTED_UNIT},
    )
    # 5. A key under another identity, listed under ours.
    foreign = f"{OTHER_IDENTITY}#{ULID()}"
    db.Table("Guarantors_nyc").put_item(
        Item={"userId": foreign, "zoneinfo": ident, "appid": a2, "version": 1}
    )
    # 6. An SSN written in clear by another system.
    (applicant2,) = [p for p in _items(moto, "applicant_nyc") if p["appid"] == a2]
    db.Table("applicant_nyc").update_item(
        Key={"userId": applicant2["userId"], "zoneinfo": ident},
        UpdateExpression="SET applicant_info.ssn = :s",
        ExpressionAttributeValues={":s": "000-00-0000"},
    )
    # 7. The tables' own settings.
    client = moto.client("dynamodb")
    client.update_table(TableName="Co-Applicants", DeletionProtectionEnabled=False)
    client.update_continuous_backups(
        TableName="Guarantors_nyc",
        PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": False},
    )

    code, out, err = admin(moto, capsys, "verify", "--json")
    assert code == 1, err
    found = json.loads(out)["findings"]
    counts = {kind: f["count"] for kind, f in found.items()}
    assert counts == {
        "orphaned_person": 3,
        "missing_primary_applicant": 1,
        "people_list": 1,
        "unlisted_person": 2,
        "changed_outside": 2,
        "foreign_key": 1,
        "clear_pii": 1,
        "table_state": 2,
    }
    assert all(a0 in e for e in found["orphaned_person"]["examples"])
    assert found["missing_primary_applicant"]["examples"] == [f"app:{a1}"]
    assert found["people_list"]["examples"][0].startswith(f"app:{a1}: ")
    assert sorted(found["unlisted_person"]["examples"]) == sorted(
        [f"coapplicant:{unlisted}", f"guarantor:{foreign}"]
    )
    assert sorted(found["changed_outside"]["examples"]) == sorted(
        [f"app:{a2}", f"applicant:{applicant2['userId']}"]
    )
    assert found["foreign_key"]["examples"] == [f"guarantor:{foreign}"]
    assert found["clear_pii"]["examples"] == [f"applicant:{applicant2['userId']}"]
    assert sorted(found["table_state"]["examples"]) == [
        "Co-Applicants: deletion protection is off",
        "Guarantors_nyc: point-in-time recovery is off",
    ]
    assert "000-00-0000" not in out and PLANTED_UNIT not in out  # keys, never values

    code, text, _ = admin(moto, capsys, "verify")
    assert code == 1
    assert "FOUND 3 person items whose application item is missing (orphaned_person)" in text


def test_every_legacy_item_is_accounted_for_before_the_old_table_goes(moto, capsys, tmp_path):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    code, _, _, err = migrate(moto, capsys, tmp_path / "work")
    assert code == 0, err
    code, out, err = admin(moto, capsys, "verify", "--json", "--legacy-table", SOURCE)
    doc = json.loads(out)
    assert doc["legacy"] == {"table": SOURCE, "items": 45, "accounted": 37}
    assert doc["findings"]["legacy_rejected"]["count"] == 8  # the migration's own rejections
    assert "legacy_unaccounted" not in doc["findings"]

    (gone,) = [i for i in _items(moto, "Guarantors_nyc")][:1]
    moto.resource("dynamodb").Table("Guarantors_nyc").delete_item(
        Key={"userId": gone["userId"], "zoneinfo": gone["zoneinfo"]}
    )
    code, out, _ = admin(moto, capsys, "verify", "--json", "--legacy-table", SOURCE)
    doc = json.loads(out)
    assert code == 1
    assert doc["findings"]["legacy_unaccounted"]["count"] == 1
    assert gone["userId"] in doc["findings"]["legacy_unaccounted"]["examples"][0]
    assert doc["legacy"]["accounted"] == 36


def test_restore_test_compares_a_restored_copy_and_removes_it(
    moto, secret_service, tmp_path, monkeypatch, capsys
):
    synced_tables(moto, tmp_path, monkeypatch)
    code, out, err = admin(moto, capsys, "verify", "--restore-test", "--json")
    assert code == 0, out + err
    restores = json.loads(out)["restore_test"]
    assert [r["source_items"] for r in restores] == [3, 3, 3, 3]
    assert all(r["restored_items"] == r["source_items"] == r["matching"] for r in restores)
    assert sorted(moto.client("dynamodb").list_tables()["TableNames"]) == sorted(
        TableNames().all()
    )  # every scratch table deleted
