"""Isolation (docs/architecture.md, "Remote schema and key rules"): every partition key the engine sends — writes, deletes, reads, index
queries — is allowed by the authenticated role's ``dynamodb:LeadingKeys`` conditions, checked
with the admin policy generator's own matcher (moto evaluates no IAM). And pull refuses items
listed under our ``zoneinfo`` whose partition key belongs to someone else."""

from __future__ import annotations

from desktop_app.admin.iam_policy import (
    PolicySettings,
    authenticated_role_policy,
    leading_key_allowed,
)
from desktop_app.storage.sync_repository import sync_uow
from tests.fixtures.fault_proxy import FaultPlan
from tests.fixtures.sync_setup import (
    IDENTITY,
    OTHER_IDENTITY,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    new_store,
    synthetic_application,
)

ACTIONS = {
    "Put": "dynamodb:PutItem",
    "Delete": "dynamodb:DeleteItem",
    "ConditionCheck": "dynamodb:ConditionCheckItem",
    "Update": "dynamodb:UpdateItem",
}


def _keys_sent(requests: list[tuple[str, dict]]) -> list[tuple[str, str, bool]]:
    """(action, partition key value, on the index?) for every request the proxy forwarded."""
    out = []
    for op, body in requests:
        if op == "TransactWriteItems":
            for action in body["TransactItems"]:
                ((kind, spec),) = action.items()
                item = spec.get("Item") or spec.get("Key")
                pk = item["appid" if spec["TableName"] == "app_nyc" else "userId"]["S"]
                out.append((ACTIONS[kind], pk, False))
        elif op == "BatchGetItem":
            for table, req in body["RequestItems"].items():
                for key in req["Keys"]:
                    pk = key["appid" if table == "app_nyc" else "userId"]["S"]
                    out.append(("dynamodb:BatchGetItem", pk, False))
        elif op == "Query":
            on_index = body.get("IndexName") == "zoneinfo-index"
            value = body["ExpressionAttributeValues"][":z"]["S"]
            out.append(("dynamodb:Query", value, on_index))
        else:
            raise AssertionError(f"the engine sent an unexpected operation {op}")
    return out


def test_every_partition_key_sent_matches_the_leading_keys_policy(moto, fault_proxy, tmp_path):
    create_tables(moto)
    proxy = fault_proxy(FaultPlan())
    store = new_store(tmp_path)
    apps = [synthetic_application(co_applicants=2, guarantors=1) for _ in range(4)]
    add_apps(store, apps)
    eng = engine(store, boto_remote(proxy.url))
    assert not eng.run_once().failed
    # remove a co-applicant (a conditioned Delete) and edit, then sync again; then a second
    # machine pulls everything through the index
    with store.uow() as uow:
        app, rev = uow.applications.get(apps[0].id)
        app.co_applicants.pop()
        uow.applications.save(app, expected_revision=rev)
        uow.commit()
    assert not eng.run_once().failed
    second = engine(new_store(tmp_path / "second"), boto_remote(proxy.url))
    assert second.run_once().pulled == 4

    policy = authenticated_role_policy(PolicySettings.from_options().resources())
    sent = _keys_sent(proxy.requests)
    kinds = {action for action, _, _ in sent}
    assert {"dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"} <= kinds
    for action, key, on_index in sent:
        assert leading_key_allowed(policy, IDENTITY, key, action=action, index=on_index), (
            action,
            key,
            on_index,
        )
        # and the same request would be denied to another account
        assert not leading_key_allowed(policy, OTHER_IDENTITY, key, action=action, index=on_index)


def test_pull_refuses_items_whose_partition_key_is_not_ours(moto, tmp_path):
    create_tables(moto)
    client = moto.client("dynamodb")
    # Another account writes items with OUR zoneinfo (IAM does not check the sort key).
    client.put_item(
        TableName="app_nyc",
        Item={
            "appid": {"S": f"{OTHER_IDENTITY}#01JA0000000000000000000000"},
            "zoneinfo": {"S": IDENTITY},
            "status": {"S": "draft"},
            "version": {"N": "1"},
        },
    )
    client.put_item(
        TableName="applicant_nyc",
        Item={
            "userId": {"S": f"{OTHER_IDENTITY}#01JA0000000000000000000001"},
            "zoneinfo": {"S": IDENTITY},
            "appid": {"S": f"{IDENTITY}#01JA0000000000000000000002"},
            "version": {"N": "1"},
        },
    )
    # a look-alike prefix without the '#' separator is not ours either
    client.put_item(
        TableName="app_nyc",
        Item={
            "appid": {"S": f"{IDENTITY}x#01JA0000000000000000000003"},
            "zoneinfo": {"S": IDENTITY},
            "version": {"N": "1"},
        },
    )
    store = new_store(tmp_path)
    report = engine(store, boto_remote(moto.url)).run_once()
    assert len(report.refused) == 3 and report.failed
    assert report.pulled == 0
    with sync_uow(store) as uow:
        assert uow.applications.all() == []
        assert uow.sync.meta("last_errors")  # reported, by table, without content
