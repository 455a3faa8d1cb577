"""The app item lists its person items (table, key, version): a reader finds an application's
people by key, so a pull and the fetch behind a merge do not depend on the account's index
(eventually consistent on AWS). Applications written before the list are read as before."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from desktop_app.remote.tables import APP
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.sync_service import SyncService
from desktop_app.sync import outcome as oc
from desktop_app.sync.keys import appid_for
from desktop_app.sync.remote_store import Boto3RemoteStore
from tests.fixtures.sync_setup import (
    IDENTITY,
    TABLES,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    local_docs,
    new_store,
    remote_applications,
    remote_docs,
    synthetic_application,
)


class LaggingIndex(Boto3RemoteStore):
    """The account's index has not caught up with the person tables yet (on AWS a GSI is
    eventually consistent): listing a person table finds nothing. Reads by key are current."""

    def __init__(self, url: str) -> None:
        plain = boto_remote(url)
        super().__init__(plain.client, plain.tables)
        self.person_listings = 0
        self.lagging = True

    def list_zone(self, table: str, identity_id: str) -> Iterator[dict[str, Any]]:
        if table != "app" and self.lagging:
            self.person_listings += 1
            return iter(())
        return super().list_zone(table, identity_id)


def _people_of(moto, appid: str) -> tuple[list[dict], dict[tuple[str, str], int]]:
    items = remote_applications(moto)[appid]
    app_item = next(i for t, i in items if t == "app")
    held = {(t, i["userId"]): int(i["version"]) for t, i in items if t != "app"}
    return app_item["people"], held


def test_the_app_item_names_each_person_item_at_its_version(moto, tmp_path):
    create_tables(moto)
    store = new_store(tmp_path / "a")
    app = synthetic_application(co_applicants=2, guarantors=1)
    add_apps(store, [app])
    sync = SyncService(store, lambda: engine(store, boto_remote(moto.url)))
    assert not sync.sync_once().failed
    appid = appid_for(IDENTITY, app.id)
    listed, held = _people_of(moto, appid)
    assert {(p["table"], p["key"]): int(p["version"]) for p in listed} == held
    assert [p["table"] for p in listed] == ["applicant", "coapplicant", "coapplicant", "guarantor"]
    assert set(held.values()) == {1}

    edit = AutosaveService(store)
    copy = edit.load(app.id)
    copy.co_applicants.pop()
    edit.save(copy)
    assert sync.sync_once().count(oc.SYNCED) == 1
    listed, held = _people_of(moto, appid)
    assert {(p["table"], p["key"]): int(p["version"]) for p in listed} == held
    # The removal wrote the app item (version 2) and deleted one item; the people left are
    # unchanged, not written, and listed at the version they keep.
    assert len(listed) == 3 and set(held.values()) == {1}


def test_a_pull_finds_the_people_by_key_when_the_index_has_not_caught_up(moto, tmp_path):
    create_tables(moto)
    store_a = new_store(tmp_path / "a")
    app = synthetic_application(co_applicants=1, guarantors=1)
    add_apps(store_a, [app])
    assert not engine(store_a, boto_remote(moto.url)).run_once().failed

    store_b = new_store(tmp_path / "b")
    lagging = LaggingIndex(moto.url)
    assert engine(store_b, lagging).run_once().pulled == 1
    assert lagging.person_listings  # the index was asked, and had nothing
    assert local_docs(store_b) == remote_docs(moto)
    assert len(local_docs(store_b)[app.id]["co_applicants"]) == 1


def test_a_conflicting_push_fetches_the_people_by_key_and_merges(moto, tmp_path):
    create_tables(moto)
    store_a, store_b = new_store(tmp_path / "a"), new_store(tmp_path / "b")
    app = synthetic_application(co_applicants=1)
    add_apps(store_a, [app])
    sync_a = SyncService(store_a, lambda: engine(store_a, boto_remote(moto.url)))
    lagging = LaggingIndex(moto.url)
    eng_b = engine(store_b, lagging)
    sync_b = SyncService(store_b, lambda: eng_b)
    lagging.lagging = False  # B pulled it whole; from now on the index lags
    assert not sync_a.sync_once().failed
    assert sync_b.sync_once().pulled == 1
    lagging.lagging = True

    AutosaveService(store_a).save_field(app.id, "primary_applicant.phone", "+1 212 555 0142")
    AutosaveService(store_b).save_field(app.id, "co_applicants[0].first_name", "Robin")
    assert sync_a.sync_once().count(oc.SYNCED) == 1
    pushes = eng_b.push_pending()  # a push alone: no pull first
    assert [o.result for o in pushes] == [oc.MERGED]
    final = remote_docs(moto)[app.id]
    assert final["primary_applicant"]["phone"] == "+1 212 555 0142"
    assert [p["first_name"] for p in final["co_applicants"]] == ["Robin"]


def test_an_application_written_before_the_list_is_read_through_the_index(moto, tmp_path):
    create_tables(moto)
    store_a = new_store(tmp_path / "a")
    app = synthetic_application(co_applicants=1)
    add_apps(store_a, [app])
    sync_a = SyncService(store_a, lambda: engine(store_a, boto_remote(moto.url)))
    assert not sync_a.sync_once().failed
    appid = appid_for(IDENTITY, app.id)
    moto.client("dynamodb").update_item(  # as an older build or the migration wrote it
        TableName=TABLES.for_spec(APP),
        Key={"appid": {"S": appid}, "zoneinfo": {"S": IDENTITY}},
        UpdateExpression="REMOVE people",
    )

    store_b = new_store(tmp_path / "b")
    sync_b = SyncService(store_b, lambda: engine(store_b, boto_remote(moto.url)))
    assert sync_b.sync_once().pulled == 1
    assert len(local_docs(store_b)[app.id]["co_applicants"]) == 1
    # Its next push writes the list.
    AutosaveService(store_b).save_field(app.id, "primary_applicant.phone", "+1 212 555 0143")
    assert sync_b.sync_once().count(oc.SYNCED) == 1
    listed, held = _people_of(moto, appid)
    assert {(p["table"], p["key"]): int(p["version"]) for p in listed} == held


def test_a_list_naming_items_that_are_not_there_falls_back_to_the_index(moto, tmp_path):
    create_tables(moto)
    store_a = new_store(tmp_path / "a")
    app = synthetic_application(co_applicants=1)
    add_apps(store_a, [app])
    assert not engine(store_a, boto_remote(moto.url)).run_once().failed
    appid = appid_for(IDENTITY, app.id)
    bogus = {
        "M": {
            "table": {"S": "guarantor"},
            "key": {"S": f"{IDENTITY}#nobody"},
            "version": {"N": "1"},
        }
    }
    moto.client("dynamodb").update_item(  # another system's write over the list
        TableName=TABLES.for_spec(APP),
        Key={"appid": {"S": appid}, "zoneinfo": {"S": IDENTITY}},
        UpdateExpression="SET people = list_append(people, :x)",
        ExpressionAttributeValues={":x": {"L": [bogus]}},
    )

    store_b = new_store(tmp_path / "b")
    assert engine(store_b, boto_remote(moto.url)).run_once().pulled == 1
    pulled = local_docs(store_b)[app.id]
    assert len(pulled["co_applicants"]) == 1 and pulled["guarantors"] == []
