"""Ownership: another account can list an item under our ``zoneinfo`` and even our ``appid``
(IAM checks only the partition key). Every read path refuses it — pull, the fetch behind a
merge, the read-back — by table and never by content; it is never merged, never deleted."""

from __future__ import annotations

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from desktop_app.services.autosave import AutosaveService
from desktop_app.services.sync_service import SyncService
from desktop_app.sync import outcome as oc
from desktop_app.sync.keys import appid_for
from tests.fixtures.sync_setup import (
    IDENTITY,
    OTHER_IDENTITY,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    local_docs,
    new_store,
    remote_applications,
    synthetic_application,
)

FOREIGN_KEY = f"{OTHER_IDENTITY}#01JB0000000000000000000009"
FOREIGN_NAME = "Intruderfirst"


def _device(tmp_path, name, moto):
    store = new_store(tmp_path / name, full_pulls=True)
    eng = engine(store, boto_remote(moto.url))
    autosave = AutosaveService(store)
    return store, autosave, SyncService(store, lambda: eng, autosave=autosave)


def _plant_foreign_coapplicant(moto, appid: str, version: int) -> None:
    ser = TypeSerializer()
    item = {
        "userId": FOREIGN_KEY,
        "zoneinfo": IDENTITY,
        "appid": appid,
        "version": version,
        "position": 5,
        "coapplicant_info": {
            "id": "01JB0000000000000000000009",
            "first_name": FOREIGN_NAME,
            "last_name": "Intruderlast",
            "email": "intruder@example.test",
        },
    }
    moto.client("dynamodb").put_item(
        TableName="Co-Applicants", Item={k: ser.serialize(v) for k, v in item.items()}
    )


def _foreign_item(moto) -> dict | None:
    de = TypeDeserializer()
    got = moto.client("dynamodb").get_item(
        TableName="Co-Applicants", Key={"userId": {"S": FOREIGN_KEY}, "zoneinfo": {"S": IDENTITY}}
    )
    raw = got.get("Item")
    return None if raw is None else {k: de.deserialize(v) for k, v in raw.items()}


def _our_items(moto, appid: str) -> dict:
    """The application's items under this account's keys, as the tables hold them."""
    out: dict = {"coapplicant": []}
    for table, item in remote_applications(moto)[appid]:
        pk = item["appid" if table == "app" else "userId"]
        if pk.startswith(IDENTITY + "#"):
            if table == "coapplicant":
                out[table].append(item)
            else:
                out[table] = item
    return out


def test_a_foreign_item_under_our_appid_is_never_merged_nor_deleted(moto, tmp_path):
    create_tables(moto)
    store_a, edit_a, sync_a = _device(tmp_path, "a", moto)
    store_b, edit_b, sync_b = _device(tmp_path, "b", moto)
    app = synthetic_application(co_applicants=1)
    add_apps(store_a, [app])
    assert not sync_a.sync_once().failed
    assert sync_b.sync_once().pulled == 1
    appid = appid_for(IDENTITY, app.id)

    # The two machines edit different fields; meanwhile another account plants a co-applicant
    # with its own key, our zoneinfo and our appid, at the version A's push will produce.
    edit_a.save_field(app.id, "application_info.unit", "12C")
    edit_b.save_field(app.id, "primary_applicant.last_name", "Renamed")
    assert [o.result for o in sync_a.sync_once().outcomes] == [oc.SYNCED]
    _plant_foreign_coapplicant(moto, appid, 2)
    planted = _foreign_item(moto)

    report = sync_b.sync_once()
    assert [o.result for o in report.outcomes] == [oc.MERGED]
    # Refused, reported by table and never by content; the run says so (exit 1 on the CLI).
    assert report.refused and all("Co-Applicants" in r for r in report.refused)
    assert not any(FOREIGN_NAME in r or "intruder" in r for r in report.refused)
    assert report.failed
    # Not merged: neither in B's copy nor pushed under our key.
    edit_b.forget(app.id)
    mine = edit_b.load(app.id)
    assert [p.first_name for p in mine.co_applicants] == [app.co_applicants[0].first_name]
    ours = _our_items(moto, appid)
    assert ours["app"]["application_info"]["unit"] == "12C"
    assert ours["applicant"]["applicant_info"]["last_name"] == "Renamed"
    assert [i["coapplicant_info"]["first_name"] for i in ours["coapplicant"]] == [
        app.co_applicants[0].first_name
    ]
    # Never deleted nor touched: the foreign item is exactly as its writer left it ...
    assert _foreign_item(moto) == planted
    # ... and the application keeps syncing on both machines (no Delete of a foreign key).
    edit_b.save_field(app.id, "application_info.unit", "14D")
    assert [o.result for o in sync_b.sync_once().outcomes] == [oc.SYNCED]
    assert _foreign_item(moto) == planted
    sync_a.sync_once()
    assert local_docs(store_a) == local_docs(store_b)
    assert FOREIGN_NAME not in str(local_docs(store_a))


def _edit_outside(moto, appid: str, **changes) -> None:
    """Another system (the back office) sets attributes of the app item in place, leaving
    version and content_hash as they were."""
    ser = TypeSerializer()
    names = {f"#a{i}": k for i, k in enumerate(changes)}
    values = {f":v{i}": ser.serialize(v) for i, v in enumerate(changes.values())}
    moto.client("dynamodb").update_item(
        TableName="app_nyc",
        Key={"appid": {"S": appid}, "zoneinfo": {"S": IDENTITY}},
        UpdateExpression="SET " + ", ".join(f"#a{i} = :v{i}" for i in range(len(changes))),
        ExpressionAttributeNames=names,
        ExpressionAttributeValues=values,
    )


def test_a_change_made_outside_leasedesk_is_merged_like_any_remote_change(moto, tmp_path):
    # (Tables whose zoneinfo-index projects ALL: the reconciliation sees whole items, so a
    # change that leaves version and content_hash alone is found. Under the projection
    # create-tables makes, only a moved version or hash is: test_reconciliation_reads.)
    create_tables(moto, zone_all=True)
    store_a, edit_a, sync_a = _device(tmp_path, "a", moto)
    store_b, edit_b, sync_b = _device(tmp_path, "b", moto)
    app = synthetic_application()
    add_apps(store_a, [app])
    assert not sync_a.sync_once().failed
    assert sync_b.sync_once().pulled == 1
    appid = appid_for(IDENTITY, app.id)

    # An attribute LeaseDesk does not write: not a change, nothing pulled, nothing refused.
    _edit_outside(moto, appid, webhookSummary={"events": 2})
    report = sync_a.sync_once()
    assert report.pulled == 0 and report.merged_on_pull == 0 and not report.failed

    # The back office edits a LeaseDesk attribute (the hash no longer matches): not an attack,
    # a remote change — taken where nothing is unsynced, merged where something is.
    info = remote_applications(moto)[appid][0][1]["application_info"]
    _edit_outside(moto, appid, application_info={**info, "unit": "BO-1"})
    edit_b.save_field(app.id, "primary_applicant.last_name", "Renamed")
    report_a = sync_a.sync_once()
    assert report_a.pulled == 1 and not report_a.failed and not report_a.refused
    edit_a.forget(app.id)
    assert edit_a.load(app.id).application_info.unit == "BO-1"
    # B's pull meets it with an edit of its own unsynced: merged, then pushed with both.
    from desktop_app.sync.outcome import SyncReport
    pulled_b = SyncReport()
    sync_b.engine().pull(pulled_b)
    assert pulled_b.merged_on_pull == 1 and not pulled_b.refused
    edit_b.forget(app.id)
    mine = edit_b.load(app.id)
    assert (mine.application_info.unit, mine.primary_applicant.last_name) == ("BO-1", "Renamed")
    assert [o.result for o in sync_b.sync_once().outcomes] == [oc.SYNCED]
    sync_a.sync_once()
    assert local_docs(store_a) == local_docs(store_b)
    assert local_docs(store_a)[app.id]["application_info"]["unit"] == "BO-1"
