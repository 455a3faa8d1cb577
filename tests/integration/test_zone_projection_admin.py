"""``admin create-tables`` on tables whose ``zoneinfo-index`` was created projecting ALL (or
too little): present, not a conflict; the projection found and what the change would save
are reported; the index is left as it is (other readers use it). On moto over HTTP."""

from __future__ import annotations

from boto3.dynamodb.types import TypeSerializer

from desktop_app.admin.zone_projection import projection_remark
from desktop_app.cli.main import main
from desktop_app.remote.tables import ALL_TABLES, GSI_NAME, TableNames


def run(moto, capsys) -> tuple[int, str]:
    code = main(["admin", "create-tables", "--endpoint-url", moto.url, "--region", moto.region])
    out, err = capsys.readouterr()
    return code, out + err


def _create(moto, projection: dict) -> None:
    client = moto.client("dynamodb")
    for spec in ALL_TABLES:
        kwargs = spec.create_table_kwargs()
        kwargs["GlobalSecondaryIndexes"] = [
            {**i, "Projection": projection} if i["IndexName"] == GSI_NAME else i
            for i in kwargs["GlobalSecondaryIndexes"]
        ]
        client.create_table(**kwargs)


def _projections(moto) -> dict[str, dict]:
    client = moto.client("dynamodb")
    out = {}
    for name in TableNames().all():
        table = client.describe_table(TableName=name)["Table"]
        (zone,) = [i for i in table["GlobalSecondaryIndexes"] if i["IndexName"] == GSI_NAME]
        out[name] = zone["Projection"]
    return out


def test_tables_whose_index_projects_all_are_present_and_told_what_the_change_saves(moto, capsys):
    _create(moto, {"ProjectionType": "ALL"})
    ser = TypeSerializer()
    big = {"appid": "a" * 20, "zoneinfo": "z", "blob": "x" * 9000}
    moto.client("dynamodb").put_item(
        TableName="app_nyc", Item={k: ser.serialize(v) for k, v in big.items()}
    )
    code, out = run(moto, capsys)
    assert code == 0, out
    assert "CONFLICT" not in out
    for name in TableNames().all():
        assert f"{name}: present" in out
    assert out.count(f"{GSI_NAME} projects ALL") == 4
    assert "each write of an item is written again whole into the index" in out
    assert "Moving zoneinfo-index to its projection" in out
    # Left as it was: the change is the administrator's (docs/admin.md).
    assert {p["ProjectionType"] for p in _projections(moto).values()} == {"ALL"}


def test_an_index_projecting_too_little_is_named_with_what_it_lacks(moto, capsys):
    _create(moto, {"ProjectionType": "KEYS_ONLY"})
    code, out = run(moto, capsys)
    assert code == 0, out
    assert out.count(f"{GSI_NAME} projects KEYS_ONLY, without version, content_hash") == 4
    assert {p["ProjectionType"] for p in _projections(moto).values()} == {"KEYS_ONLY"}


def test_the_saving_is_priced_from_the_tables_average_item():
    spec = ALL_TABLES[0]
    described = {
        "ItemCount": 1000,
        "TableSizeBytes": 1000 * 82 * 1024,
        "GlobalSecondaryIndexes": [
            {
                "IndexName": GSI_NAME,
                "Projection": {"ProjectionType": "ALL"},
                "IndexSizeBytes": 84_000_000,
            }
        ],
    }
    note = projection_remark(spec, described)
    assert note is not None
    assert "items average 82.0 KB" in note and "about 82 write unit(s), against 1" in note
    assert "the index holds 84.0 MB" in note
    included = {"GlobalSecondaryIndexes": [{"IndexName": GSI_NAME, **spec.gsi}]}
    assert projection_remark(spec, included) is None


def test_tables_made_now_draw_no_note(moto, capsys):
    assert run(moto, capsys)[0] == 0
    code, out = run(moto, capsys)
    assert code == 0 and "note:" not in out
