"""``desktop-app admin verify --restore-test``: backup verification (docs/admin.md). Each of the
four tables is restored from point-in-time recovery (its latest restorable time) to a scratch
table, both are read whole, their item counts and per-item hashes are compared, and the scratch
table is deleted again, also when the comparison fails.

A table in use moves on after the restore point: an item whose ``last_updated`` is after it may
differ (``changed_since``) without counting against the backup; any other difference does."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from desktop_app.admin.aws_clients import AwsTarget
from desktop_app.admin.table_scan import scan_items
from desktop_app.domain.canonical import canonical_json
from desktop_app.remote.boto import BotoClient
from desktop_app.remote.tables import ALL_TABLES


def _hashes(items: list[dict[str, Any]], pk: str) -> dict[str, str]:
    import hashlib

    return {
        str(i.get(pk)) + "\x00" + str(i.get("zoneinfo")): hashlib.sha256(
            canonical_json(i).encode("utf-8")
        ).hexdigest()
        for i in items
    }


def _wait_active(client: BotoClient, name: str, timeout: float, sleep: Callable[[float], None]) -> None:
    deadline = time.monotonic() + timeout
    while True:
        status = client.describe_table(TableName=name)["Table"]["TableStatus"]
        if status == "ACTIVE":
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"the scratch table {name} is still {status}")
        sleep(5)


def restore_test_table(
    client: BotoClient,
    name: str,
    pk: str,
    *,
    segments: int = 4,
    timeout: float = 3600,
    sleep: Callable[[float], None] = time.sleep,
) -> dict[str, Any]:
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    scratch = f"{name}-restore-test-{stamp}"
    backups = client.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
    pitr = backups.get("PointInTimeRecoveryDescription", {})
    latest = pitr.get("LatestRestorableDateTime")
    client.restore_table_to_point_in_time(
        SourceTableName=name, TargetTableName=scratch, UseLatestRestorableTime=True
    )
    try:
        _wait_active(client, scratch, timeout, sleep)
        restored = _hashes(scan_items(client, scratch, segments), pk)
        source_items = scan_items(client, name, segments)
    finally:
        try:
            client.update_table(TableName=scratch, DeletionProtectionEnabled=False)
        except Exception:  # noqa: BLE001 — not every table accepts it; the delete says why
            pass
        client.delete_table(TableName=scratch)
    cut = latest.isoformat() if latest is not None else None
    moved = {
        str(i.get(pk)) + "\x00" + str(i.get("zoneinfo"))
        for i in source_items
        if cut is not None and str(i.get("last_updated", "")) > cut
    }
    source = _hashes(source_items, pk)
    differing = [k for k in source.keys() | restored.keys() if source.get(k) != restored.get(k)]
    bad = [k for k in differing if k not in moved]
    return {
        "table": name,
        "scratch_table": scratch,
        "restore_point": cut,
        "source_items": len(source),
        "restored_items": len(restored),
        "matching": len(source) - len([k for k in differing if k in source]),
        "changed_since": len(differing) - len(bad),
        "mismatched": len(bad),
        "examples": [k.split("\x00")[0] for k in sorted(bad)[:5]],
        "ok": not bad,
    }


def restore_test(target: AwsTarget, *, segments: int = 4) -> list[dict[str, Any]]:
    client = target.client("dynamodb")
    return [
        restore_test_table(
            client, target.table_names.for_spec(spec), spec.partition_key, segments=segments
        )
        for spec in ALL_TABLES
    ]
