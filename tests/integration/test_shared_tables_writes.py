"""The four tables are shared: the web application, webhook receivers and the back office write
attributes of their own to LeaseDesk's items. A push touches only what LeaseDesk owns, so those
attributes survive pushes, merges on either machine and the resolution of a conflict."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.domain.canonical import LEASEDESK_ATTRIBUTES, is_audit_head
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.sync_service import SyncService
from desktop_app.sync import outcome as oc
from desktop_app.sync.keys import appid_for
from tests.fixtures.sync_setup import (
    IDENTITY,
    TABLES,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    new_store,
    remote_applications,
    remote_docs,
    synthetic_application,
)
from desktop_app.remote.tables import APP, APPLICANT

BOOKKEEPING = {"version", "created_at", "last_updated", "content_hash"}
SUMMARY = {"M": {"received": {"N": "3"}, "last": {"S": "screening.completed"}}}


def _device(tmp_path, name, moto):
    store = new_store(tmp_path / name)
    eng = engine(store, boto_remote(moto.url))
    autosave = AutosaveService(store)
    return store, autosave, SyncService(store, lambda: eng, autosave=autosave)


def _others_write(moto, appid: str, applicant_key: str) -> None:
    """The web application and the back office, as they write: by key, never touching
    ``version`` or ``content_hash``."""
    client = moto.client("dynamodb")
    client.update_item(
        TableName=TABLES.for_spec(APP),
        Key={"appid": {"S": appid}, "zoneinfo": {"S": IDENTITY}},
        UpdateExpression="SET webhookSummary = :w, review_status = :r, webhook_responses = :h",
        ExpressionAttributeValues={
            ":w": SUMMARY,
            ":r": {"S": "approved by back office"},
            ":h": {"L": [{"M": {"id": {"S": "wh-1"}, "status": {"N": "200"}}}]},
        },
    )
    client.update_item(
        TableName=TABLES.for_spec(APPLICANT),
        Key={"userId": {"S": applicant_key}, "zoneinfo": {"S": IDENTITY}},
        UpdateExpression="SET review_status = :r",
        ExpressionAttributeValues={":r": {"S": "id checked"}},
    )


def _foreign(moto, appid: str) -> dict[str, dict]:
    """Per table, the attributes of the application's items that LeaseDesk does not own (its
    machines' audit heads are LeaseDesk's too, though never hashed)."""
    return {
        table: {
            k: v
            for k, v in item.items()
            if k not in LEASEDESK_ATTRIBUTES[table] and k not in BOOKKEEPING and not is_audit_head(k)
        }
        for table, item in remote_applications(moto)[appid]
        if table in ("app", "applicant")
    }


EXPECTED = {
    "app": {
        "webhookSummary": {"received": Decimal(3), "last": "screening.completed"},
        "review_status": "approved by back office",
        "webhook_responses": [{"id": "wh-1", "status": Decimal(200)}],
    },
    "applicant": {"review_status": "id checked"},
}


def test_attributes_other_systems_wrote_survive_a_push_a_merge_and_a_conflict(moto, tmp_path):
    create_tables(moto)
    _store_a, edit_a, sync_a = _device(tmp_path, "a", moto)
    _store_b, edit_b, sync_b = _device(tmp_path, "b", moto)
    app = synthetic_application(co_applicants=1)
    add_apps(_store_a, [app])
    assert not sync_a.sync_once().failed
    assert sync_b.sync_once().pulled == 1
    appid = appid_for(IDENTITY, app.id)
    applicant = next(i for t, i in remote_applications(moto)[appid] if t == "applicant")
    _others_write(moto, appid, applicant["userId"])
    assert _foreign(moto, appid) == EXPECTED

    # A push (A edits; the remote's version is the one A confirmed).
    edit_a.save_field(app.id, "application_info.monthly_rent", Decimal(3100))
    assert sync_a.sync_once().count(oc.SYNCED) == 1
    assert remote_docs(moto)[app.id]["application_info"]["monthly_rent"] == "3100"
    assert _foreign(moto, appid) == EXPECTED

    # A merge: B edits another field, its push finds the remote moved, merges, pushes.
    edit_b.save_field(app.id, "primary_applicant.phone", "+1 212 555 0142")
    assert sync_b.sync_once().count(oc.MERGED) == 1
    assert remote_docs(moto)[app.id]["primary_applicant"]["phone"] == "+1 212 555 0142"
    assert _foreign(moto, appid) == EXPECTED

    # A conflict: both edit the same field; B chooses its own value and pushes it.
    assert sync_a.sync_once().pulled == 1
    edit_a.save_field(app.id, "primary_applicant.email", "a.changed@example.test")
    edit_b.save_field(app.id, "primary_applicant.email", "b.changed@example.test")
    assert sync_a.sync_once().count(oc.SYNCED) == 1
    assert [o.result for o in sync_b.sync_once().outcomes] == [oc.CONFLICT]
    assert sync_b.resolve(app.id, {"primary_applicant.email": "local"}) == 0
    assert sync_b.sync_once().count(oc.SYNCED) == 1
    assert remote_docs(moto)[app.id]["primary_applicant"]["email"] == "b.changed@example.test"
    assert _foreign(moto, appid) == EXPECTED
    # ... and the machines still agree with the remote on what LeaseDesk owns.
    assert sync_a.sync_once().pulled == 1


def test_an_attribute_leasedesk_no_longer_has_is_removed_and_only_that_one(moto, tmp_path):
    create_tables(moto)
    store, edit, sync = _device(tmp_path, "a", moto)
    app = synthetic_application()
    add_apps(store, [app])
    assert not sync.sync_once().failed
    appid = appid_for(IDENTITY, app.id)
    applicant = next(i for t, i in remote_applications(moto)[appid] if t == "applicant")
    assert applicant["occupants"]
    _others_write(moto, appid, applicant["userId"])

    copy = edit.load(app.id)
    copy.primary_applicant.occupants = []
    edit.save(copy)
    assert sync.sync_once().count(oc.SYNCED) == 1
    applicant = next(i for t, i in remote_applications(moto)[appid] if t == "applicant")
    assert "occupants" not in applicant
    assert _foreign(moto, appid) == EXPECTED
