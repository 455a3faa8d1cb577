"""``desktop-app admin create-tables`` against moto over HTTP."""

from __future__ import annotations

import pytest

from desktop_app.admin.create_tables import TableTimeout, ensure_tables
from desktop_app.cli.main import main
from desktop_app.remote.tables import ALL_TABLES, CHANGES_INDEX, GSI_NAME, TableNames


def run(moto, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(
        ["admin", "create-tables", "--endpoint-url", moto.url, "--region", moto.region, *extra]
    )
    out, err = capsys.readouterr()
    return code, out, err


def test_creates_the_four_tables_as_designed(moto, capsys):
    code, out, err = run(moto, capsys)
    assert code == 0, err
    client = moto.client("dynamodb")
    for spec, name in zip(ALL_TABLES, TableNames().all(), strict=True):
        assert f"{name}: created" in out
        table = client.describe_table(TableName=name)["Table"]
        assert table["TableStatus"] == "ACTIVE"
        assert table["KeySchema"] == spec.key_schema
        assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
        assert table["DeletionProtectionEnabled"] is True
        assert table["SSEDescription"]["Status"] == "ENABLED"
        index, *changes = table["GlobalSecondaryIndexes"]
        assert index["IndexName"] == GSI_NAME
        assert index["KeySchema"] == [{"AttributeName": "zoneinfo", "KeyType": "HASH"}]
        assert index["Projection"] == {
            "ProjectionType": "INCLUDE",
            "NonKeyAttributes": list(spec.zone_projection),
        }
        backups = client.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        assert backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED"
        tags = client.list_tags_of_resource(ResourceArn=table["TableArn"])["Tags"]
        assert {"Key": "table-role", "Value": spec.logical} in tags
    assert "ACTIVE" in err  # progress on stderr


def test_second_run_reports_present_and_succeeds(moto, capsys):
    assert run(moto, capsys)[0] == 0
    code, out, _ = run(moto, capsys)
    assert code == 0
    assert sorted(out.split("\n")[:-1]) == sorted(f"{n}: present" for n in TableNames().all())


def test_prefix_and_suffix_name_the_tables(moto, capsys):
    code, _, _ = run(moto, capsys, "--table-prefix", "staging-", "--table-suffix=-b")
    assert code == 0
    names = moto.client("dynamodb").list_tables()["TableNames"]
    assert sorted(names) == sorted(TableNames.with_affixes("staging-", "-b").all())


def test_table_with_another_key_schema_is_refused_and_nothing_created(moto, capsys):
    moto.client("dynamodb").create_table(
        TableName="applicant_nyc",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    code, out, err = run(moto, capsys)
    assert code != 0
    assert "applicant_nyc: CONFLICT" in out
    assert "partition key is 'id' (S); expected 'userId' (S)" in out
    assert "has no sort key; expected 'zoneinfo' (S)" in out
    assert "'zoneinfo-index' is missing" in out
    assert "applicant_nyc" in err and "nothing was created" in err
    assert moto.client("dynamodb").list_tables()["TableNames"] == ["applicant_nyc"]


def test_key_of_another_type_is_a_conflict(moto, capsys):
    moto.client("dynamodb").create_table(
        TableName="app_nyc",
        KeySchema=[
            {"AttributeName": "appid", "KeyType": "HASH"},
            {"AttributeName": "zoneinfo", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "appid", "AttributeType": "N"},
            {"AttributeName": "zoneinfo", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
        GlobalSecondaryIndexes=[ALL_TABLES[0].gsi],
    )
    code, out, _ = run(moto, capsys)
    assert code == 1
    assert "app_nyc: CONFLICT - table partition key is 'appid' (N); expected 'appid' (S)" in out


def test_correct_table_missing_its_settings_gets_them(moto, capsys):
    spec = ALL_TABLES[1]
    kwargs = spec.create_table_kwargs()
    kwargs.pop("DeletionProtectionEnabled")
    kwargs.pop("Tags")
    moto.client("dynamodb").create_table(**kwargs)
    code, out, _ = run(moto, capsys)
    assert code == 0
    line = next(line for line in out.splitlines() if line.startswith("applicant_nyc:"))
    assert line.startswith("applicant_nyc: present (")
    assert "enabled point-in-time recovery" in line and "enabled deletion protection" in line
    table = moto.client("dynamodb").describe_table(TableName="applicant_nyc")["Table"]
    assert table["DeletionProtectionEnabled"] is True


def _creating_for(client, calls: int, name: str = "app_nyc") -> list[int]:
    """Make DescribeTable report ``name`` (and its index) as CREATING for ``calls`` calls once
    the table exists: moto makes tables ACTIVE at once, AWS takes a while."""
    seen = [0]

    def rewrite(parsed, **_kwargs):
        table = parsed.get("Table", {})
        if table.get("TableName") == name and seen[0] < calls:
            seen[0] += 1
            table["TableStatus"] = "CREATING"
            for index in table.get("GlobalSecondaryIndexes", []):
                index["IndexStatus"] = "CREATING"

    client.meta.events.register("after-call.dynamodb.DescribeTable", rewrite)
    return seen


def test_waits_until_tables_and_indexes_are_active_and_says_so(moto):
    client = moto.client("dynamodb")
    client.create_table(**ALL_TABLES[0].create_table_kwargs())  # exists, still "creating"
    seen = _creating_for(client, calls=3)
    messages: list[str] = []
    results = ensure_tables(client, progress=messages.append, poll_seconds=0)
    assert seen[0] == 3
    waiting = [m for m in messages if m.startswith("waiting for app_nyc: CREATING")]
    assert len(waiting) == 2 and "(indexes building)" in waiting[0]
    assert messages.index("app_nyc: ACTIVE") > messages.index(waiting[-1])
    assert [r.state for r in results] == ["present", "created", "created", "created"]


def test_table_that_never_becomes_active_is_an_error(moto):
    client = moto.client("dynamodb")
    client.create_table(**ALL_TABLES[0].create_table_kwargs())
    _creating_for(client, calls=10_000)
    with pytest.raises(TableTimeout, match="app_nyc is still CREATING"):
        ensure_tables(client, poll_seconds=0, timeout_seconds=0)


def test_an_app_table_without_the_changes_index_gets_it_with_update_table(moto, capsys):
    spec = ALL_TABLES[0]
    kwargs = spec.create_table_kwargs()
    kwargs["GlobalSecondaryIndexes"] = [spec.gsi]  # as created before the changes index
    kwargs["AttributeDefinitions"] = [
        d for d in kwargs["AttributeDefinitions"] if d["AttributeName"] != "last_updated"
    ]
    moto.client("dynamodb").create_table(**kwargs)
    code, out, _ = run(moto, capsys)
    assert code == 0
    assert f"{spec.base_name}: present (" in out and f"added index {CHANGES_INDEX}" in out
    table = moto.client("dynamodb").describe_table(TableName=spec.base_name)["Table"]
    indexes = {i["IndexName"]: i for i in table["GlobalSecondaryIndexes"]}
    assert indexes[CHANGES_INDEX]["KeySchema"] == spec.changes_index["KeySchema"]
    assert indexes[CHANGES_INDEX]["Projection"]["ProjectionType"] == "INCLUDE"
    # and a second run leaves it as it is
    code, out, _ = run(moto, capsys)
    assert code == 0 and "added index" not in out
