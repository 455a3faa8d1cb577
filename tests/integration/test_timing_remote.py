"""The timing remote (``tests/fixtures/timing_remote.py``, the throughput benchmark's remote)
agrees with moto where the engine relies on it: the same boto3 requests leave both with the
same tables and get the same answers and error codes. It applies its latency model with waits
that overlap, and the sync engine runs against it with one ``TransactWriteItems`` per
application."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from botocore.exceptions import ClientError

from desktop_app.remote.tables import ALL_TABLES, GSI_NAME
from desktop_app.sync import outcome as oc
from desktop_app.sync.keys import appid_for
from desktop_app.sync.mapping import application_items
from desktop_app.sync.transaction import plan_transaction
from tests.fixtures.timing_remote import LatencyModel, TimingRemote
from tests.fixtures.timing_remote_store import TOKEN_WINDOW_S, Tables
from tests.fixtures.sync_setup import (
    IDENTITY,
    TABLES,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    local_docs,
    new_store,
    remote_docs,
    synthetic_application,
)

CREATED, T1, T2, T3 = (f"2026-11-26T12:0{m}:00+00:00" for m in range(4))
APP, APPLICANT, COAPPLICANT = (TABLES.for_spec(s) for s in ALL_TABLES[:3])


@pytest.fixture
def timing() -> Iterator[TimingRemote]:
    remote = TimingRemote(in_thread=True)
    yield remote
    remote.stop()


def _request(app, version: int, known: dict, now: str) -> dict[str, Any]:
    """The engine's own request for one application (its adapter builds it)."""
    items = application_items(app, IDENTITY)
    tx = plan_transaction(appid_for(IDENTITY, app.id), version, items, known, CREATED, now)
    return boto_remote("http://unused").transaction_request(tx)


def _known(app, version: int) -> dict:
    return {i.ident: version for i in application_items(app, IDENTITY)}


def _outcome(call: Callable[[], Any]) -> Any:
    """ "ok" (or the items read), or the error code and the cancellation reasons' codes."""
    try:
        response = call()
    except ClientError as exc:
        reasons = [r["Code"] for r in exc.response.get("CancellationReasons", [])]
        return (exc.response["Error"]["Code"], *reasons)
    for key in ("Items", "Responses"):
        if key in response:
            return _sorted(response[key])
    return response.get("Item", "ok")


def _sorted(items: Any) -> Any:
    if isinstance(items, dict):  # BatchGetItem responses
        return {table: _sorted(v) for table, v in sorted(items.items())}
    return sorted(items, key=lambda i: sorted((k, str(v)) for k, v in i.items()))


def _query_all(client, table: str, **kw: Any) -> list:
    items, kwargs = [], dict(kw)
    while True:
        page = client.query(TableName=table, **kwargs)
        items += page["Items"]
        if not page.get("LastEvaluatedKey"):
            return _sorted(items)
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def _tables(client) -> dict[str, list]:
    return {
        spec.base_name: _sorted(
            i
            for page in client.get_paginator("scan").paginate(TableName=TABLES.for_spec(spec))
            for i in page["Items"]
        )
        for spec in ALL_TABLES
    }


def _item_of(update: dict[str, Any]) -> dict[str, Any]:
    """The item an ``Update`` of the engine writes when its key holds nothing."""
    names = update["ExpressionAttributeNames"]
    values = update["ExpressionAttributeValues"]
    sets = update["UpdateExpression"].split(" REMOVE ")[0].removeprefix("SET ").split(", ")
    item = dict(update["Key"])
    for assignment in sets:
        name, value = assignment.split(" = ")
        item[names[name]] = values[value]
    return item


def _update_cases(out: dict[str, Any], tx: Callable, client, app) -> None:
    """An application another system wrote to between two pushes: its attributes survive an
    ``Update``; what the engine dropped is removed; the refusals match."""
    app.amends = f"{IDENTITY}#an-earlier-application"
    created = _request(app, 0, {}, T1)
    out["update: create"] = _outcome(tx(created))
    key = created["TransactItems"][0]["Update"]["Key"]
    client.transact_write_items(
        TransactItems=[
            {
                "Update": {
                    "TableName": APP,
                    "Key": key,
                    "UpdateExpression": "SET webhookSummary = :w, review_status = :r",
                    "ConditionExpression": "attribute_exists(appid)",
                    "ExpressionAttributeValues": {
                        ":w": {"M": {"count": {"N": "2"}}},
                        ":r": {"S": "in review"},
                    },
                }
            }
        ]
    )
    app.amends = None
    app.application_info.notes = "edited"
    out["update: version 2"] = _outcome(tx(_request(app, 1, _known(app, 1), T2)))
    out["update: read"] = _outcome(lambda: client.get_item(TableName=APP, Key=key))
    out["update: stale"] = _outcome(tx(_request(app, 1, _known(app, 1), T3)))
    out["update: exists already"] = _outcome(tx(_request(app, 0, {}, T3)))
    base = {"TableName": APP, "Key": key}
    out["update: a key attribute"] = _outcome(
        tx(
            {
                "TransactItems": [
                    {
                        "Update": {
                            **base,
                            "UpdateExpression": "SET appid = :a",
                            "ExpressionAttributeValues": {":a": {"S": "x"}},
                        }
                    }
                ]
            }
        )
    )
    out["update: one attribute twice"] = _outcome(
        tx(
            {
                "TransactItems": [
                    {
                        "Update": {
                            **base,
                            "UpdateExpression": "SET a = :a REMOVE a",
                            "ExpressionAttributeValues": {":a": {"S": "x"}},
                        }
                    }
                ]
            }
        )
    )
    out["update: remove, absent item"] = _outcome(
        tx(
            {
                "TransactItems": [
                    {
                        "Update": {
                            "TableName": APP,
                            "Key": {**key, "appid": {"S": f"{IDENTITY}#nobody"}},
                            "UpdateExpression": "SET b = :a REMOVE c",
                            "ExpressionAttributeValues": {":a": {"S": "x"}},
                        }
                    }
                ]
            }
        )
    )


def _scenario(remote, apps: list) -> tuple[dict[str, Any], dict[str, list]]:
    """The requests the engine makes (and a few it must be refused), in order, on one remote:
    step -> outcome, and the tables at the end."""
    create_tables(remote)
    client = remote.client("dynamodb")
    tx = lambda r: lambda: client.transact_write_items(**r)
    apps = copy.deepcopy(apps)
    first = [_request(a, 0, {}, T1) for a in apps[:6]]
    out: dict[str, Any] = {}
    for n, request in enumerate(first):
        out[f"create {n}"] = _outcome(tx(request))
    out["again, new time"] = _outcome(tx(_request(apps[0], 0, {}, T2)))
    out["version 2"] = _outcome(tx(_request(apps[0], 1, _known(apps[0], 1), T2)))
    out["stale version"] = _outcome(tx(_request(apps[0], 1, _known(apps[0], 1), T3)))
    known = _known(apps[1], 1)
    apps[1].co_applicants = []  # a removed person: a Delete in the transaction
    with_delete = _request(apps[1], 1, known, T2)
    assert "Delete" in with_delete["TransactItems"][-1]
    out["with a delete"] = _outcome(tx(with_delete))
    # a person believed to be at version 7 whom the remote does not hold: the Delete fails
    stale_delete = _request(apps[2], 1, {**_known(apps[2], 1), ("coapplicant", "gone"): 7}, T2)
    out["stale delete"] = _outcome(tx(stale_delete))
    twice = _request(apps[3], 1, _known(apps[3], 1), T2)
    twice["TransactItems"].append(twice["TransactItems"][0])
    out["one item twice"] = _outcome(tx(twice))
    check = _request(apps[4], 1, _known(apps[4], 1), T2)
    app_key = check["TransactItems"][0]["Update"]["Key"]
    check["TransactItems"][0] = {
        "ConditionCheck": {
            "TableName": APP,
            "Key": app_key,
            "ConditionExpression": "attribute_exists(#pk) AND #v <> :other",
            "ExpressionAttributeNames": {"#pk": "appid", "#v": "version"},
            "ExpressionAttributeValues": {":other": {"N": "2"}},
        }
    }
    out["condition check"] = _outcome(tx(check))
    apps[6].application_info.notes = "x" * 450_000
    out["over 400 KB (transaction)"] = _outcome(tx(_request(apps[6], 0, {}, T1)))
    big = _item_of(_request(apps[6], 0, {}, T1)["TransactItems"][0]["Update"])
    out["over 400 KB (PutItem)"] = _outcome(lambda: client.put_item(TableName=APP, Item=big))
    _update_cases(out, tx, client, apps[7])
    out["PutItem, condition fails"] = _outcome(
        lambda: client.put_item(
            TableName=APP,
            Item={**app_key, "version": {"N": "9"}},
            ConditionExpression="attribute_not_exists(appid)",
        )
    )
    other = [{"appid": {"S": f"other-{n}"}, "zoneinfo": {"S": "another zone"}} for n in (1, 2)]
    out["BatchWriteItem"] = _outcome(
        lambda: client.batch_write_item(
            RequestItems={APP: [{"PutRequest": {"Item": {**i, "n": {"N": "1"}}}} for i in other]}
        )
    )
    out["DeleteItem"] = _outcome(
        lambda: client.delete_item(
            TableName=APP, Key=other[1], ConditionExpression="attribute_exists(appid)"
        )
    )
    out["DeleteItem, condition fails"] = _outcome(
        lambda: client.delete_item(
            TableName=APP, Key=other[1], ConditionExpression="attribute_exists(appid)"
        )
    )
    out["scan in pages of 3"] = _sorted(
        i
        for page in client.get_paginator("scan").paginate(
            TableName=APP, PaginationConfig={"PageSize": 3}
        )
        for i in page["Items"]
    )
    out["GetItem"] = _outcome(lambda: client.get_item(TableName=APP, Key=app_key))
    out["GetItem, absent"] = _outcome(
        lambda: client.get_item(TableName=APP, Key={**app_key, "appid": {"S": "nobody"}})
    )
    out["BatchGetItem"] = _outcome(
        lambda: client.batch_get_item(
            RequestItems={
                APP: {"Keys": [app_key, {**app_key, "appid": {"S": "x"}}], "ConsistentRead": True}
            }
        )
    )
    for spec in ALL_TABLES:
        zone = {":z": {"S": IDENTITY}}
        name = TABLES.for_spec(spec)
        out[f"query {spec.logical}"] = _query_all(
            client,
            name,
            IndexName=GSI_NAME,
            KeyConditionExpression="zoneinfo = :z",
            ExpressionAttributeValues=zone,
        )
        out[f"query {spec.logical}, pages of 2"] = _query_all(
            client,
            name,
            IndexName=GSI_NAME,
            KeyConditionExpression="zoneinfo = :z",
            ExpressionAttributeValues=zone,
            Limit=2,
        )
    out["query table key"] = _query_all(
        client,
        APP,
        KeyConditionExpression="#a = :a",
        ExpressionAttributeNames={"#a": "appid"},
        ExpressionAttributeValues={":a": app_key["appid"]},
    )
    out["missing table"] = _outcome(lambda: client.get_item(TableName="nope", Key=app_key))
    # The last of all: the same request and token as a committed one (moto ignores tokens).
    out["same token again"] = _outcome(tx(first[1]))
    return out, _tables(client)


def test_the_same_requests_leave_moto_and_the_timing_remote_with_the_same_tables(moto, timing):
    apps = [synthetic_application(co_applicants=1, guarantors=1) for _ in range(8)]
    on_moto, moto_tables = _scenario(moto, apps)
    on_timing, timing_tables = _scenario(timing, apps)

    assert timing_tables == moto_tables
    # six applications of four items, one person deleted; one item left of the batch write
    # (and the application another system also wrote to: four more, the absent key one more)
    assert sum(len(items) for items in timing_tables.values()) == 6 * 4 - 1 + 1 + 4 + 1
    # DynamoDB replays a committed request with the same token as a success, without applying
    # it again; moto ignores the token and applies it again: its conditions fail. Either way
    # nothing is written twice (the tables above agree).
    assert on_timing.pop("same token again") == "ok"
    assert on_moto.pop("same token again")[0] == "TransactionCanceledException"
    assert on_timing == on_moto
    # ... and the outcomes are the ones the engine expects.
    assert on_timing["version 2"] == on_timing["with a delete"] == "ok"
    cancelled = ("TransactionCanceledException", "ConditionalCheckFailed")
    assert on_timing["again, new time"][:2] == cancelled
    assert on_timing["stale version"][:2] == cancelled
    assert on_timing["stale delete"][0] == cancelled[0]
    assert on_timing["stale delete"][-1] == "ConditionalCheckFailed"
    assert on_timing["one item twice"] == ("ValidationException",)
    assert on_timing["over 400 KB (transaction)"] == ("ValidationException",)
    assert on_timing["over 400 KB (PutItem)"] == ("ValidationException",)
    assert on_timing["PutItem, condition fails"] == ("ConditionalCheckFailedException",)
    assert on_timing["missing table"] == ("ResourceNotFoundException",)
    assert on_timing["DeleteItem, condition fails"] == ("ConditionalCheckFailedException",)
    assert len(on_timing["scan in pages of 3"]) == 9
    assert on_timing["update: version 2"] == "ok"
    read = on_timing["update: read"]
    assert read["webhookSummary"] == {"M": {"count": {"N": "2"}}}
    assert read["review_status"] == {"S": "in review"}
    assert read["version"] == {"N": "2"}
    assert "amends" not in read  # an owned attribute the application no longer has
    assert on_timing["update: stale"][:2] == cancelled
    assert on_timing["update: exists already"][:2] == cancelled
    assert on_timing["update: a key attribute"] == ("ValidationException",)
    assert on_timing["update: one attribute twice"] == ("ValidationException",)
    assert len(on_timing["query app"]) == 8 and on_timing["query app, pages of 2"]


def test_client_request_token_is_idempotent_for_ten_minutes_and_refuses_another_request():
    clock = [1000.0]
    tables = Tables(clock=lambda: clock[0])
    for spec in ALL_TABLES:
        tables.handle("CreateTable", spec.create_table_kwargs())
    app = synthetic_application()
    request = _request(app, 0, {}, T1)
    assert tables.handle("TransactWriteItems", request) == {}
    written = tables.items_written
    assert tables.handle("TransactWriteItems", request) == {}  # replayed, not applied again
    assert tables.items_written == written
    other = {**request, "TransactItems": request["TransactItems"][:1]}
    with pytest.raises(Exception, match="IdempotentParameterMismatchException"):
        tables.handle("TransactWriteItems", other)
    clock[0] += TOKEN_WINDOW_S + 1  # the window is over: a new request, its conditions fail
    with pytest.raises(Exception, match="TransactionCanceledException") as failed:
        tables.handle("TransactWriteItems", other)
    assert failed.value.extra["CancellationReasons"] == [
        {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}
    ]
    # A cancelled request may be sent again with its token (and is evaluated again).
    del tables.tables[APP].items[next(iter(tables.tables[APP].items))]
    assert tables.handle("TransactWriteItems", other) == {}


def test_what_it_does_not_implement_is_refused_not_ignored(timing):
    create_tables(timing)
    client = timing.client()
    key = {"appid": {"S": "a"}, "zoneinfo": {"S": "z"}}
    refused = {
        "ADD in a transaction's update": lambda: client.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": APP,
                        "Key": key,
                        "UpdateExpression": "ADD #v :v",
                        "ExpressionAttributeNames": {"#v": "version"},
                        "ExpressionAttributeValues": {":v": {"N": "1"}},
                    }
                }
            ]
        ),
        "UpdateItem": lambda: client.update_item(
            TableName=APP,
            Key=key,
            UpdateExpression="SET a = :v",
            ExpressionAttributeValues={":v": {"N": "1"}},
        ),
        "BETWEEN": lambda: client.put_item(
            TableName=APP,
            Item=key,
            ConditionExpression="a BETWEEN :v AND :w",
            ExpressionAttributeValues={":v": {"N": "1"}, ":w": {"N": "2"}},
        ),
        "begins_with": lambda: client.put_item(
            TableName=APP,
            Item=key,
            ConditionExpression="begins_with(a, :v)",
            ExpressionAttributeValues={":v": {"S": "x"}},
        ),
        "a map member in an update": lambda: client.transact_write_items(
            TransactItems=[
                {
                    "Update": {
                        "TableName": APP,
                        "Key": key,
                        "UpdateExpression": "SET a.b = :v",
                        "ExpressionAttributeValues": {":v": {"N": "1"}},
                    }
                }
            ]
        ),
        "filter": lambda: client.scan(TableName=APP, FilterExpression="attribute_exists(a)"),
        "BETWEEN on a range key": lambda: client.query(
            TableName=APP,
            KeyConditionExpression="appid = :a AND zoneinfo BETWEEN :y AND :z",
            ExpressionAttributeValues={":a": {"S": "a"}, ":y": {"S": "y"}, ":z": {"S": "z"}},
        ),
    }
    for what, call in refused.items():
        with pytest.raises(ClientError) as exc:
            call()
        error = exc.value.response["Error"]
        assert error["Code"] == "ValidationException", what
        assert "unsupported by the timing remote" in error["Message"], what
    assert client.scan(TableName=APP)["Items"] == []  # and nothing was written


def test_or_not_orderings_attribute_type_and_map_members_in_conditions_agree_with_moto(
    moto, timing
):
    """The audit head's condition (``owned_update.py``) and its parts, over each shape the
    attribute may have: the timing remote answers as moto does."""
    condition = (
        "(#v = :one) AND (attribute_not_exists(#h) OR NOT attribute_type(#h.#l, :n) "
        "OR #h.#l <= :len)"
    )
    shapes = {
        "absent": None,
        "shorter": {"M": {"length": {"N": "3"}}},
        "as long": {"M": {"length": {"N": "5"}}},
        "longer": {"M": {"length": {"N": "9"}}},
        "a string": {"S": "garbage"},
        "length a string": {"M": {"length": {"S": "99"}}},
        "no length": {"M": {"hash": {"S": "x"}}},
    }

    def outcomes(remote) -> dict[str, Any]:
        create_tables(remote)
        client = remote.client("dynamodb")
        out = {}
        for n, (what, head) in enumerate(shapes.items()):
            key = {"appid": {"S": f"a{n}"}, "zoneinfo": {"S": "z"}}
            item = {**key, "version": {"N": "1"}, **({"head": head} if head else {})}
            client.put_item(TableName=APP, Item=item)
            out[what] = _outcome(
                lambda key=key: client.transact_write_items(
                    TransactItems=[
                        {
                            "Update": {
                                "TableName": APP,
                                "Key": key,
                                "UpdateExpression": "SET #v = :two",
                                "ConditionExpression": condition,
                                "ExpressionAttributeNames": {
                                    "#v": "version", "#h": "head", "#l": "length"
                                },
                                "ExpressionAttributeValues": {
                                    ":one": {"N": "1"}, ":two": {"N": "2"},
                                    ":n": {"S": "N"}, ":len": {"N": "5"},
                                },
                            }
                        }
                    ]
                )
            )
        return out

    on_timing = outcomes(timing)
    assert on_timing == outcomes(moto)
    refused = {w for w, o in on_timing.items() if o != "ok"}
    assert refused == {"longer"}


def test_the_latency_model_is_applied_and_concurrent_requests_wait_concurrently():
    latency = 0.05
    with TimingRemote(LatencyModel(per_request=latency)) as remote:  # its own process
        create_tables(remote)
        client = remote.client(config=_pool(8))
        key = {"appid": {"S": "a"}, "zoneinfo": {"S": "z"}}
        client.get_item(TableName=APP, Key=key)  # connect once

        start = time.perf_counter()
        client.get_item(TableName=APP, Key=key)
        one = time.perf_counter() - start
        start = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda _: client.get_item(TableName=APP, Key=key), range(8)))
        eight = time.perf_counter() - start
        stats = remote.stats(reset=True)

    assert one >= latency  # the model is applied ...
    assert eight < 4 * latency  # ... and 8 waits overlap (in sequence they would take 8x)
    assert stats["op:GetItem"] == 10
    # Its own handling is far below the latency it models.
    assert stats["busy_s"] / stats["requests"] < latency / 10


def test_the_model_counts_items_written():
    model = LatencyModel(per_request=0.010, per_item=0.001)
    request = _request(synthetic_application(co_applicants=1, guarantors=1), 0, {}, T1)
    assert model("TransactWriteItems", request) == pytest.approx(0.014)
    assert model("GetItem", {}) == pytest.approx(0.010)
    assert model("PutItem", {}) == pytest.approx(0.011)


def test_the_engine_syncs_against_the_timing_remote_in_packed_transactions(tmp_path):
    from desktop_app.sync.queue import batch_size

    with TimingRemote(LatencyModel(per_request=0.002, per_item=0.0005), in_thread=True) as remote:
        create_tables(remote)
        store = new_store(tmp_path / "a")
        add_apps(store, [synthetic_application(co_applicants=1, guarantors=1) for _ in range(20)])
        remote.stats(reset=True)
        eng = engine(store, boto_remote(remote.url, concurrency=8), concurrency=8)

        report = eng.run_once(pull=False)
        stats = remote.stats(reset=True)
        assert report.count(oc.SYNCED) == 20 and not report.failed
        # The 20 shared out among the 8 workers: 3 per transaction (the last one 2).
        assert stats["requests"] == stats["op:TransactWriteItems"] == -(
            -20 // batch_size(20, 8, eng.pack)
        ) == 7
        assert stats["items_written"] == 80
        assert remote_docs(remote) == local_docs(store)

        # A second machine of the same agent pulls them back through the GSI.
        other = new_store(tmp_path / "b")
        pulled = engine(other, boto_remote(remote.url, concurrency=8), concurrency=8).run_once()
        assert pulled.pulled == 20 and not pulled.failed
        assert local_docs(other) == local_docs(store)


def _pool(n: int):
    from desktop_app.sync.remote_store import default_client_config

    return default_client_config(n)


def _changes_since(endpoint: Any, since: str, **extra: Any) -> list[dict[str, Any]]:
    """Every page of the app table's changes index from ``since``."""
    from desktop_app.remote.tables import CHANGES_INDEX

    client, out = endpoint.client("dynamodb"), []
    kwargs: dict[str, Any] = {
        "TableName": APP,
        "IndexName": CHANGES_INDEX,
        "KeyConditionExpression": "zoneinfo = :z AND last_updated >= :t",
        "ExpressionAttributeValues": {":z": {"S": IDENTITY}, ":t": {"S": since}},
        **extra,
    }
    while True:
        page = client.query(**kwargs)
        out.append(page["Items"])
        if "LastEvaluatedKey" not in page:
            return out
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def test_the_changes_index_projects_keys_version_and_appid_and_takes_a_range_condition(
    moto, timing
):
    times = [f"2026-11-26T12:{m:02d}:00.000000+00:00" for m in range(6)]
    answers = []
    for endpoint in (moto, timing):
        create_tables(endpoint)
        client = endpoint.client("dynamodb")
        for i, at in enumerate(times):
            item = {
                "appid": {"S": f"{IDENTITY}#{i:026d}"},
                "zoneinfo": {"S": IDENTITY},
                "version": {"N": str(i + 1)},
                "last_updated": {"S": at},
                "application_info": {"M": {"unit": {"S": f"{i}A"}}},
            }
            client.put_item(TableName=APP, Item=item)
        client.put_item(  # no last_updated: not in the (sparse) index
            TableName=APP, Item={"appid": {"S": f"{IDENTITY}#x"}, "zoneinfo": {"S": IDENTITY}}
        )
        answers.append(
            (_changes_since(endpoint, times[3]), _changes_since(endpoint, times[1], Limit=2))
        )
    assert answers[0] == answers[1]
    whole, paged = answers[1]
    assert [i["last_updated"]["S"] for i in whole[0]] == times[3:]
    assert all(set(i) == {"appid", "zoneinfo", "version", "last_updated"} for i in whole[0])
    assert [len(p) for p in paged] == [2, 2, 1]
