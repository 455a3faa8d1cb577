"""What ``zoneinfo-index`` projects on an existing table, and what its projection costs.

DynamoDB cannot change an index's projection in place: a table created when the index
projected ALL keeps it until the index is replaced (docs/admin.md, "Moving zoneinfo-index to
its projection"). ``admin create-tables`` reports the projection it finds and what the change
would save; ``admin verify`` reports it too. Neither deletes an index other readers use."""

from __future__ import annotations

import math
from typing import Any

from desktop_app.remote.tables import GSI_NAME, TableSpec

KB = 1024


def zone_index(table: dict[str, Any]) -> dict[str, Any] | None:
    """``zoneinfo-index`` as DescribeTable shows it (None: the table has none)."""
    for index in table.get("GlobalSecondaryIndexes", []):
        if index.get("IndexName") == GSI_NAME:
            found: dict[str, Any] = index
            return found
    return None


def projection_of(index: dict[str, Any]) -> str:
    """``ALL``, ``KEYS_ONLY`` or ``INCLUDE (a, b, …)``."""
    projection = index.get("Projection", {})
    kind = str(projection.get("ProjectionType", "?"))
    if kind == "INCLUDE":
        return f"INCLUDE ({', '.join(projection.get('NonKeyAttributes', []))})"
    return kind


def missing_attributes(spec: TableSpec, index: dict[str, Any]) -> list[str]:
    """The attributes a reconciliation compares that the index does not project."""
    projection = index.get("Projection", {})
    if projection.get("ProjectionType") == "ALL":
        return []
    have = set(projection.get("NonKeyAttributes", []))
    return [a for a in spec.zone_projection if a not in have]


def projection_remark(spec: TableSpec, table: dict[str, Any]) -> str | None:
    """A note on an existing table's ``zoneinfo-index`` when its projection is not the one
    ``create-tables`` makes now (None: it is, or there is no such index)."""
    index = zone_index(table)
    if index is None:
        return None
    kind = index.get("Projection", {}).get("ProjectionType")
    if kind == "ALL":
        count = int(table.get("ItemCount", 0) or 0)
        size = int(table.get("TableSizeBytes", 0) or 0)
        index_bytes = int(index.get("IndexSizeBytes", 0) or 0)
        if count and size:  # (DynamoDB refreshes these about every six hours)
            average = size / count
            per_write = max(1, math.ceil(average / KB))
            saving = (
                f"items average {average / KB:.1f} KB, so each write of one is written again "
                f"into the index at about {per_write} write unit(s), against 1 with the "
                f"projection; the index holds {index_bytes / 1e6:.1f} MB"
            )
        else:
            saving = "each write of an item is written again whole into the index"
        return (
            f"{GSI_NAME} projects ALL ({saving}); new tables project "
            f"INCLUDE ({', '.join(spec.zone_projection)}). DynamoDB cannot change a "
            "projection in place: see docs/admin.md, 'Moving zoneinfo-index to its projection'"
        )
    missing = missing_attributes(spec, index)
    if missing:
        return (
            f"{GSI_NAME} projects {projection_of(index)}, without {', '.join(missing)}: a "
            "reconciliation reads every item of the account by key; see docs/admin.md, "
            "'Moving zoneinfo-index to its projection'"
        )
    return None
