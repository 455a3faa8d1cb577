"""A full reconciliation lists the account through ``zoneinfo-index`` and reads whole items by
key only for applications the listing shows new or different from the store's receipts (tables
created by ``admin create-tables``: the index projects the keys, version, content hash, time
and appid); on tables whose index projects ALL the listed items are used as they are, with no
read by key. Both kinds of table, on moto over HTTP."""

from __future__ import annotations

from typing import Any

import pytest
from boto3.dynamodb.types import TypeSerializer

from desktop_app.domain.canonical import item_content_hash
from desktop_app.services.autosave import AutosaveService
from desktop_app.sync import remote_store
from desktop_app.sync.keys import appid_for
from desktop_app.sync.outcome import SyncReport
from desktop_app.sync.remote_store import Boto3RemoteStore
from tests.fixtures.sync_setup import (
    IDENTITY,
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

KINDS = [pytest.param(False, id="projected-index"), pytest.param(True, id="index-projects-all")]


class CountingRemote(Boto3RemoteStore):
    """The boto3 adapter, recording every key read by ``BatchGetItem`` and each request's size."""

    def __init__(self, url: str) -> None:
        plain = boto_remote(url)
        super().__init__(plain.client, plain.tables)
        self.keys_read: list[tuple[str, str]] = []
        self.batch_sizes: list[int] = []

    def get_items(self, idents: list[Any]) -> dict[Any, dict[str, Any] | None]:
        self.keys_read += [ident for ident, _ in idents]
        return super().get_items(idents)

    def _batch_get(self, request: dict[str, Any], lookup: Any, out: Any) -> None:
        self.batch_sizes.append(sum(len(e["Keys"]) for e in request.values()))
        super()._batch_get(request, lookup, out)


def _machines(moto, tmp_path, zone_all: bool, apps: list) -> tuple[Any, Any, Any, CountingRemote]:
    """Machine A pushed ``apps``; machine B (full pulls, counting reads) pulled them."""
    create_tables(moto, zone_all=zone_all)
    store_a = new_store(tmp_path / "a", full_pulls=True)
    add_apps(store_a, apps)
    eng_a = engine(store_a, boto_remote(moto.url))
    assert not eng_a.run_once().failed
    store_b = new_store(tmp_path / "b", full_pulls=True)
    counting = CountingRemote(moto.url)
    eng_b = engine(store_b, counting)
    report = SyncReport()
    eng_b.pull(report)
    assert report.pulled == len(apps) and report.reconciled and not report.errors
    counting.keys_read.clear()
    counting.batch_sizes.clear()
    return (store_a, eng_a), store_b, eng_b, counting


def _pull(eng: Any) -> SyncReport:
    report = SyncReport()
    eng.pull(report)
    assert report.reconciled and not report.errors, report.errors
    return report


@pytest.mark.parametrize("zone_all", KINDS)
def test_nothing_changed_reads_nothing_by_key(moto, tmp_path, zone_all):
    apps = [synthetic_application(co_applicants=1, guarantors=1) for _ in range(3)]
    _a, store_b, eng_b, counting = _machines(moto, tmp_path, zone_all, apps)
    report = _pull(eng_b)
    assert report.pulled == report.merged_on_pull == report.deleted_on_pull == 0
    assert counting.keys_read == []
    assert local_docs(store_b) == remote_docs(moto)


@pytest.mark.parametrize("zone_all", KINDS)
def test_an_item_another_system_changed_is_read_and_the_others_are_not(moto, tmp_path, zone_all):
    apps = [synthetic_application(co_applicants=1) for _ in range(3)]
    _a, store_b, eng_b, counting = _machines(moto, tmp_path, zone_all, apps)
    changed = appid_for(IDENTITY, apps[1].id)
    applicant = next(i for t, i in remote_applications(moto)[changed] if t == "applicant")
    ser = TypeSerializer()
    # A writer that keeps LeaseDesk's hash (a migration re-run) changes the applicant's name
    # and the item's hash, at the same version.
    info = {**applicant["applicant_info"], "first_name": "Outside"}
    new_hash = item_content_hash("applicant", {**applicant, "applicant_info": info})
    moto.client("dynamodb").update_item(
        TableName="applicant_nyc",
        Key={"userId": {"S": applicant["userId"]}, "zoneinfo": {"S": IDENTITY}},
        UpdateExpression="SET applicant_info = :i, content_hash = :h",
        ExpressionAttributeValues={":i": ser.serialize(info), ":h": {"S": new_hash}},
    )
    report = _pull(eng_b)
    assert report.pulled == 1
    assert local_docs(store_b)[apps[1].id]["primary_applicant"]["first_name"] == "Outside"
    if zone_all:
        assert counting.keys_read == []  # the index gave whole items
    else:
        assert {k for k in counting.keys_read if k[0] == "app"} == {("app", changed)}
        assert {k for k in counting.keys_read if k[0] != "app"} == {
            (t, i["userId"]) for t, i in remote_applications(moto)[changed] if t != "app"
        }
    counting.keys_read.clear()
    assert _pull(eng_b).pulled == 0  # taken: the receipts now hold the new hash
    assert counting.keys_read == [] or zone_all


@pytest.mark.parametrize("zone_all", KINDS)
def test_a_new_application_and_a_deleted_one_are_reconciled(moto, tmp_path, zone_all):
    apps = [synthetic_application(co_applicants=1) for _ in range(2)]
    (store_a, eng_a), store_b, eng_b, counting = _machines(moto, tmp_path, zone_all, apps)
    fresh = synthetic_application(guarantors=1)
    add_apps(store_a, [fresh])
    AutosaveService(store_a).delete_draft(apps[0].id)
    assert not eng_a.run_once(pull=False).failed
    report = _pull(eng_b)
    assert (report.pulled, report.deleted_on_pull) == (1, 1)
    assert set(local_docs(store_b)) == {apps[1].id, fresh.id} == set(remote_docs(moto))
    assert local_docs(store_b) == remote_docs(moto)
    read_apps = {k for k in counting.keys_read if k[0] == "app"}
    gone = ("app", appid_for(IDENTITY, apps[0].id))
    new = ("app", appid_for(IDENTITY, fresh.id))
    # The deletion is confirmed by a consistent read; the new one is read unless listed whole.
    assert read_apps == ({gone} if zone_all else {gone, new})


@pytest.mark.parametrize("zone_all", KINDS)
def test_more_than_a_batch_of_new_applications_are_read_in_pages(moto, tmp_path, zone_all):
    create_tables(moto, zone_all=zone_all)
    store_a = new_store(tmp_path / "a")
    apps = [synthetic_application(lean=True) for _ in range(130)]
    add_apps(store_a, apps)
    assert not engine(store_a, boto_remote(moto.url), concurrency=4).run_once().failed
    store_b = new_store(tmp_path / "b", full_pulls=True)
    counting = CountingRemote(moto.url)
    report = _pull(engine(store_b, counting))
    assert report.pulled == 130
    assert local_docs(store_b) == remote_docs(moto)
    assert all(size <= remote_store.BATCH_GET_LIMIT for size in counting.batch_sizes)
    if zone_all:
        assert counting.batch_sizes == []
    else:
        assert sum(counting.batch_sizes) == 260  # 130 app items, then their 130 applicants
        assert len(counting.batch_sizes) == 4


class LeavingKeys:
    """A boto3 client that lets DynamoDB answer only the first key of each table in a
    ``BatchGetItem`` the first few times and hands the rest back as ``UnprocessedKeys``, as
    DynamoDB does under throttling or past 16 MB."""

    def __init__(self, client: Any, times: int, *, none: bool = False) -> None:
        self._client, self.times, self.calls, self.none = client, times, 0, none
        self.meta = client.meta

    def batch_get_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:  # noqa: N803
        self.calls += 1
        if self.times <= 0:
            return self._client.batch_get_item(RequestItems=RequestItems)
        self.times -= 1
        first = {t: {**e, "Keys": e["Keys"][:1]} for t, e in RequestItems.items()}
        rest = {t: {**e, "Keys": e["Keys"][1:]} for t, e in RequestItems.items() if e["Keys"][1:]}
        if self.none:  # nothing answered at all
            return {"Responses": {}, "UnprocessedKeys": RequestItems}
        resp = self._client.batch_get_item(RequestItems=first)
        return {**resp, "UnprocessedKeys": rest}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


def test_unprocessed_keys_are_sent_again_after_a_back_off(moto, tmp_path):
    create_tables(moto)
    store_a = new_store(tmp_path / "a")
    apps = [synthetic_application(lean=True) for _ in range(5)]
    add_apps(store_a, apps)
    assert not engine(store_a, boto_remote(moto.url)).run_once().failed
    plain = boto_remote(moto.url)
    leaving = LeavingKeys(plain.client, times=3)
    remote = Boto3RemoteStore(leaving, plain.tables)
    waits: list[float] = []
    remote.sleep = waits.append
    store_b = new_store(tmp_path / "b", full_pulls=True)
    assert _pull(engine(store_b, remote)).pulled == 5
    assert local_docs(store_b) == remote_docs(moto)
    assert len(waits) == 3 and waits == sorted(waits) and waits[0] > 0


def test_keys_left_unprocessed_for_good_fail_the_pull_not_hang_it(moto, tmp_path):
    create_tables(moto)
    store_a = new_store(tmp_path / "a")
    add_apps(store_a, [synthetic_application(lean=True) for _ in range(2)])
    assert not engine(store_a, boto_remote(moto.url)).run_once().failed
    plain = boto_remote(moto.url)
    remote = Boto3RemoteStore(LeavingKeys(plain.client, times=10_000, none=True), plain.tables)
    remote.sleep = lambda _s: None
    report = engine(new_store(tmp_path / "b", full_pulls=True), remote).run_once()
    assert report.failed and report.pulled == 0
