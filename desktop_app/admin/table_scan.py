"""Reading whole tables for the admin checks: a paged, parallel segmented Scan (the admin has
its own permissions; the app never scans), items as Python values, and the tables' own state
(point-in-time recovery, deletion protection, encryption, indexes)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from desktop_app.admin.source_backup import python_item
from desktop_app.admin.zone_projection import projection_of, zone_index
from desktop_app.remote.boto import BotoClient
from desktop_app.remote.tables import TableSpec


def scan_items(client: BotoClient, table: str, segments: int = 4) -> list[dict[str, Any]]:
    """Every item of ``table`` (consistent reads), as Python values."""
    from boto3.dynamodb.types import TypeDeserializer

    def segment(n: int) -> list[dict[str, Any]]:
        deserializer = TypeDeserializer()
        out: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {
            "TableName": table,
            "Segment": n,
            "TotalSegments": segments,
            "ConsistentRead": True,
        }
        while True:
            page = client.scan(**kwargs)
            out.extend(python_item(i, deserializer) for i in page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                return out
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    with ThreadPoolExecutor(max_workers=segments) as pool:
        return [item for part in pool.map(segment, range(segments)) for item in part]


def table_state(client: BotoClient, spec: TableSpec, name: str) -> dict[str, Any]:
    """The table's own state and what is wrong with it (``problems``: empty when all is well):
    point-in-time recovery on (with its earliest restorable time), deletion protection,
    server-side encryption, every expected index present and every index ACTIVE."""
    table = client.describe_table(TableName=name)["Table"]
    problems: list[str] = []
    state: dict[str, Any] = {"name": name, "status": table.get("TableStatus")}
    if table.get("TableStatus") != "ACTIVE":
        problems.append(f"table is {table.get('TableStatus')}")
    backups = client.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
    pitr = backups.get("PointInTimeRecoveryDescription", {})
    state["point_in_time_recovery"] = pitr.get("PointInTimeRecoveryStatus", "DISABLED")
    earliest = pitr.get("EarliestRestorableDateTime")
    state["earliest_restorable_time"] = earliest.isoformat() if earliest is not None else None
    if state["point_in_time_recovery"] != "ENABLED":
        problems.append("point-in-time recovery is off")
    state["deletion_protection"] = bool(table.get("DeletionProtectionEnabled"))
    if not state["deletion_protection"]:
        problems.append("deletion protection is off")
    sse = table.get("SSEDescription", {})
    state["encryption"] = sse.get("SSEType") or ("DEFAULT" if not sse else sse.get("Status"))
    if sse and sse.get("Status") not in ("ENABLED", "ENABLING", "UPDATING"):
        problems.append(f"server-side encryption is {sse.get('Status')}")
    indexes = {i["IndexName"]: i.get("IndexStatus") for i in table.get("GlobalSecondaryIndexes", [])}
    state["indexes"] = indexes
    zone = zone_index(table)  # informational: what a move of the projection would change
    state["zone_projection"] = None if zone is None else projection_of(zone)
    for expected in spec.index_names:
        if expected not in indexes:
            problems.append(f"index {expected} is missing")
    for index, status in sorted(indexes.items()):
        if status != "ACTIVE":
            problems.append(f"index {index} is {status}")
    state["problems"] = problems
    return state
