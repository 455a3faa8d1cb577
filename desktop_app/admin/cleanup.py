"""``desktop-app admin cleanup``: remove document objects no item references any more
(docs/admin.md, "admin cleanup"). A dry run unless ``apply``.

Only objects whose key has LeaseDesk's own shape, ``<identity id>/<appid>/<document id>``
(``sync/remote_documents.py``: the appid under that identity, the document id a ULID), are
candidates; any other key (the web application's uploads) is never touched. A candidate is
removed when no app item names it (``s3_references``, a document's ``s3_key``, or anywhere
else in the item) and it is older than the grace period, at least the refresh-token lifetime:
an agent offline that long may hold an upload whose item is not pushed yet. The bucket is
versioned: a removal adds a delete marker, and the template's lifecycle rule expires the
noncurrent version. Orphaned person items are only reported (``admin verify`` lists them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop_app.admin.aws_clients import AwsTarget
from desktop_app.admin.table_scan import scan_items
from desktop_app.remote.boto import BotoClient

_ULID = r"[0-7][0-9A-HJKMNP-TV-Z]{25}"
_IDENTITY = r"[a-z]{2}(?:-[a-z]+)+-\d+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
#: LeaseDesk's own key shape: the appid is under the same identity (``<id>#<ULID>``).
LEASEDESK_KEY = re.compile(rf"^(?P<id>{_IDENTITY})/(?P=id)#{_ULID}/{_ULID}$")


@dataclass
class CleanupReport:
    apply: bool
    grace_days: int
    objects: int = 0
    other_shapes: int = 0
    referenced: int = 0
    too_recent: int = 0
    removable: list[tuple[str, int]] = field(default_factory=list)  # (key, size)
    removed: list[str] = field(default_factory=list)
    orphaned_people: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "apply": self.apply,
            "grace_days": self.grace_days,
            "objects": self.objects,
            "other_shapes_kept": self.other_shapes,
            "referenced": self.referenced,
            "within_grace_period": self.too_recent,
            "unreferenced": [{"key": k, "size": s} for k, s in self.removable],
            "removed": self.removed,
            "removed_bytes": sum(s for k, s in self.removable if k in set(self.removed)),
            "orphaned_person_items": self.orphaned_people,
        }

    def text(self) -> str:
        verb = "removed" if self.apply else "would remove"
        lines = [f"{verb}: {key} ({size} bytes)" for key, size in self.removable]
        total = sum(size for _k, size in self.removable)
        lines.append(
            f"{self.objects} objects: {self.referenced} referenced, {self.too_recent} within the "
            f"{self.grace_days}-day grace period, {self.other_shapes} of other shapes (kept)"
        )
        if self.apply:
            lines.append(f"Removed {len(self.removed)} objects, {total} bytes.")
        else:
            lines.append(
                f"Would remove {len(self.removable)} objects, {total} bytes (dry run: "
                "--apply to remove them)."
            )
        if self.orphaned_people:
            lines.append(
                f"{self.orphaned_people} person items have no application item (not removed; "
                "see `admin verify`)."
            )
        return "\n".join(lines)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, set, tuple)):
        for v in value:
            yield from _strings(v)


def referenced_keys(app_items: list[dict[str, Any]]) -> set[str]:
    """Every string in the app items that has LeaseDesk's key shape."""
    return {s for item in app_items for s in _strings(item) if LEASEDESK_KEY.match(s)}


def _objects(s3: BotoClient, bucket: str) -> Iterator[dict[str, Any]]:
    kwargs: dict[str, Any] = {"Bucket": bucket}
    while True:
        page = s3.list_objects_v2(**kwargs)
        yield from page.get("Contents", [])
        if not page.get("IsTruncated"):
            return
        kwargs["ContinuationToken"] = page["NextContinuationToken"]


def cleanup(
    target: AwsTarget,
    bucket: str,
    *,
    grace_days: int,
    apply: bool = False,
    now: datetime | None = None,
    segments: int = 4,
) -> CleanupReport:
    """Raises ValueError for a grace period under one day (the caller enforces the
    refresh-token lifetime as the floor)."""
    if grace_days < 1:
        raise ValueError("the grace period must be at least one day")
    dynamodb = target.client("dynamodb")
    s3 = target.client("s3")
    names = target.table_names
    apps = scan_items(dynamodb, names.app, segments)
    referenced = referenced_keys(apps)
    appids = {a.get("appid") for a in apps}
    report = CleanupReport(apply=apply, grace_days=grace_days)
    for table in (names.applicant, names.coapplicant, names.guarantor):
        report.orphaned_people += sum(
            1 for p in scan_items(dynamodb, table, segments) if p.get("appid") not in appids
        )
    cutoff = (now or datetime.now(UTC)) - timedelta(days=grace_days)
    for obj in _objects(s3, bucket):
        report.objects += 1
        key = obj["Key"]
        if not LEASEDESK_KEY.match(key):
            report.other_shapes += 1
        elif key in referenced:
            report.referenced += 1
        elif obj["LastModified"] > cutoff:
            report.too_recent += 1
        else:
            report.removable.append((key, int(obj.get("Size", 0))))
    if apply:
        for key, _size in report.removable:
            s3.delete_object(Bucket=bucket, Key=key)
            report.removed.append(key)
    return report
