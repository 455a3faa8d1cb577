"""``admin create-tables``: the four tables of docs/architecture.md, "Remote schema and key rules", created or checked, idempotently.

A table that exists with the right keys is reported present (point-in-time recovery, deletion
protection, tags and the app table's changes index are added if missing, the index with
``UpdateTable``; a ``zoneinfo-index`` projecting more than new tables' is reported with what
the change would save, and left as it is); one with other keys is a conflict named field
by field, and then nothing at all is created or changed."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop_app.admin.zone_projection import projection_remark
from desktop_app.remote.boto import BotoClient
from desktop_app.remote.tables import ALL_TABLES, CHANGES_INDEX, GSI_NAME, TableNames, TableSpec

CREATED, PRESENT, CONFLICT = "created", "present", "conflict"


@dataclass
class TableResult:
    name: str
    state: str
    differences: list[str] = field(default_factory=list)  # a conflict's key-schema differences
    changes: list[str] = field(default_factory=list)  # settings this run switched on
    remarks: list[str] = field(default_factory=list)  # settings that differ, left alone

    def describe(self) -> str:
        if self.state == CONFLICT:
            return f"{self.name}: CONFLICT - " + "; ".join(self.differences)
        text = f"{self.name}: {self.state}"
        if self.changes:
            text += " (" + ", ".join(self.changes) + ")"
        for remark in self.remarks:
            text += f"\n  note: {remark}"
        return text


class TableTimeout(RuntimeError):
    pass


def _keys(
    key_schema: list[dict[str, str]], definitions: list[dict[str, str]]
) -> dict[str, tuple[str, str]]:
    types = {d["AttributeName"]: d["AttributeType"] for d in definitions}
    return {
        k["KeyType"]: (k["AttributeName"], types.get(k["AttributeName"], "?")) for k in key_schema
    }


def _key_differences(
    what: str, expected: dict[str, tuple[str, str]], actual: dict[str, tuple[str, str]]
) -> list[str]:
    out: list[str] = []
    for key_type, label in (("HASH", "partition key"), ("RANGE", "sort key")):
        want, have = expected.get(key_type), actual.get(key_type)
        if want == have:
            continue
        if have is None:
            assert want is not None  # they differ
            out.append(f"{what} has no {label}; expected {want[0]!r} ({want[1]})")
        elif want is None:
            out.append(f"{what} has {label} {have[0]!r} ({have[1]}); expected none")
        else:
            out.append(
                f"{what} {label} is {have[0]!r} ({have[1]}); expected {want[0]!r} ({want[1]})"
            )
    return out


def schema_differences(spec: TableSpec, table: dict[str, Any]) -> list[str]:
    """What differs between an existing table's keys or index and the spec (empty: none)."""
    definitions = table.get("AttributeDefinitions", [])
    expected = _keys(spec.key_schema, spec.attribute_definitions)
    out = _key_differences("table", expected, _keys(table.get("KeySchema", []), definitions))
    indexes = {i["IndexName"]: i for i in table.get("GlobalSecondaryIndexes", [])}
    index = indexes.get(GSI_NAME)
    if index is None:
        out.append(f"global secondary index {GSI_NAME!r} is missing")
        return out
    want_gsi = _keys(spec.gsi["KeySchema"], [{"AttributeName": "zoneinfo", "AttributeType": "S"}])
    out += _key_differences(f"index {GSI_NAME!r}", want_gsi, _keys(index["KeySchema"], definitions))
    # (Its projection is reported, never a conflict: ``zone_projection.projection_remark``.)
    changes, have = spec.changes_index, indexes.get(CHANGES_INDEX)
    if changes is not None and have is not None:  # (a missing one is added, not a conflict)
        want = _keys(changes["KeySchema"], spec.attribute_definitions)
        out += _key_differences(
            f"index {CHANGES_INDEX!r}", want, _keys(have["KeySchema"], definitions)
        )
        kept = set(have.get("Projection", {}).get("NonKeyAttributes", []))
        if have.get("Projection", {}).get("ProjectionType") != "ALL" and not set(
            changes["Projection"]["NonKeyAttributes"]
        ) <= kept:
            out.append(f"index {CHANGES_INDEX!r} does not project version and appid")
    return out


def _add_changes_index(
    client: BotoClient,
    spec: TableSpec,
    table: dict[str, Any] | None,
    result: TableResult,
    progress: Callable[[str], None],
) -> None:
    """Add the changes index to an existing table that lacks it (``UpdateTable``; DynamoDB
    backfills it while the table stays in use)."""
    changes = spec.changes_index
    if changes is None or table is None or result.state != PRESENT:
        return
    if any(i["IndexName"] == CHANGES_INDEX for i in table.get("GlobalSecondaryIndexes", [])):
        return
    progress(f"{result.name}: adding index {CHANGES_INDEX}")
    create: dict[str, Any] = dict(changes)
    billing = table.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED")
    if billing != "PAY_PER_REQUEST":
        create["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
    client.update_table(
        TableName=result.name,
        AttributeDefinitions=spec.attribute_definitions,
        GlobalSecondaryIndexUpdates=[{"Create": create}],
    )
    result.changes.append(f"added index {CHANGES_INDEX}")


def ensure_tables(
    client: BotoClient,
    prefix: str = "",
    suffix: str = "",
    progress: Callable[[str], None] = lambda _msg: None,
    poll_seconds: float = 2.0,
    timeout_seconds: float = 900.0,
) -> list[TableResult]:
    """Create what is missing, check what exists, wait until all four are ACTIVE."""
    names = TableNames.with_affixes(prefix, suffix)
    existing: dict[str, dict[str, Any] | None] = {}
    results: list[TableResult] = []
    for spec in ALL_TABLES:
        name = names.for_spec(spec)
        table = existing[name] = _describe(client, name)
        if table is not None:
            differences = schema_differences(spec, table)
            result = TableResult(name, CONFLICT if differences else PRESENT, differences)
            remark = projection_remark(spec, table)
            if remark is not None:
                result.remarks.append(remark)
            results.append(result)
        else:
            results.append(TableResult(name, CREATED))
    if any(r.state == CONFLICT for r in results):
        return results  # refuse before touching anything

    for spec, result in zip(ALL_TABLES, results, strict=True):
        if result.state == CREATED:
            progress(f"creating {result.name}")
            client.create_table(**spec.create_table_kwargs(prefix, suffix))
    for spec, result in zip(ALL_TABLES, results, strict=True):
        _add_changes_index(client, spec, existing[result.name], result, progress)
    for result in results:
        _wait_active(client, result.name, progress, poll_seconds, timeout_seconds)
    for spec, result in zip(ALL_TABLES, results, strict=True):
        _ensure_settings(client, spec, result, progress)
    return results


def _describe(client: BotoClient, name: str) -> dict[str, Any] | None:
    try:
        table: dict[str, Any] = client.describe_table(TableName=name)["Table"]
        return table
    except client.exceptions.ResourceNotFoundException:
        return None


def _wait_active(
    client: BotoClient,
    name: str,
    progress: Callable[[str], None],
    poll_seconds: float,
    timeout_seconds: float,
) -> None:
    started = time.monotonic()
    while True:
        table = client.describe_table(TableName=name)["Table"]
        pending = [
            i["IndexName"]
            for i in table.get("GlobalSecondaryIndexes", [])
            if i.get("IndexStatus") != "ACTIVE"
        ]
        if table["TableStatus"] == "ACTIVE" and not pending:
            progress(f"{name}: ACTIVE")
            return
        waited = time.monotonic() - started
        if waited > timeout_seconds:
            raise TableTimeout(f"{name} is still {table['TableStatus']} after {waited:.0f} s")
        progress(
            f"waiting for {name}: {table['TableStatus']}{' (indexes building)' if pending else ''}, {waited:.0f} s"
        )
        time.sleep(poll_seconds)


def _ensure_settings(
    client: BotoClient, spec: TableSpec, result: TableResult, progress: Callable[[str], None]
) -> None:
    table = client.describe_table(TableName=result.name)["Table"]
    backups = client.describe_continuous_backups(TableName=result.name)[
        "ContinuousBackupsDescription"
    ]
    pitr = backups.get("PointInTimeRecoveryDescription", {}).get("PointInTimeRecoveryStatus")
    if pitr != "ENABLED":
        progress(f"{result.name}: enabling point-in-time recovery")
        client.update_continuous_backups(
            TableName=result.name,
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        )
        if result.state == PRESENT:
            result.changes.append("enabled point-in-time recovery")
    if not table.get("DeletionProtectionEnabled"):
        client.update_table(TableName=result.name, DeletionProtectionEnabled=True)
        result.changes.append("enabled deletion protection")
    wanted = {t["Key"]: t["Value"] for t in spec.create_table_kwargs()["Tags"]}
    tags = client.list_tags_of_resource(ResourceArn=table["TableArn"]).get("Tags", [])
    missing = {k: v for k, v in wanted.items() if {"Key": k, "Value": v} not in tags}
    if missing:
        client.tag_resource(
            ResourceArn=table["TableArn"], Tags=[{"Key": k, "Value": v} for k, v in missing.items()]
        )
        result.changes.append("tagged " + ", ".join(sorted(missing)))
    billing = table.get("BillingModeSummary", {}).get("BillingMode", "PROVISIONED")
    if billing != "PAY_PER_REQUEST":
        result.remarks.append(f"billing mode is {billing}, not on-demand; left as it is")
    if table.get("SSEDescription", {}).get("Status") not in ("ENABLED", "ENABLING"):
        result.remarks.append("encrypted with an AWS owned key, not KMS; left as it is")
