"""What a listing of ``zoneinfo-index`` says, and which items a full reconciliation reads.

Tables created by ``admin create-tables`` project only the keys and
``remote.tables.ZONE_PROJECTION`` (version, content hash, time, appid) into the index: an entry
says which items exist and whether they are the ones this machine confirmed, not what they
hold. Tables created before that project ALL: their entries are the whole items, and are used
as they are (no second read).

An entry is taken to be whole when it holds any attribute beyond the keys and that
projection; an item holding nothing else (another system's, near-empty) is read by key like a
projected entry, which costs one read and changes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from desktop_app.remote.tables import ZONE_PROJECTION
from desktop_app.sync.mapping import SPECS

Ident = tuple[str, str]


def is_whole(table: str, entry: dict[str, Any]) -> bool:
    """True when ``entry`` (listed from ``table``'s ``zoneinfo-index``) is the whole item."""
    spec = SPECS[table]
    projected = {spec.partition_key, spec.sort_key, "zoneinfo", *ZONE_PROJECTION}
    return any(name not in projected for name in entry)


def _version(entry: dict[str, Any]) -> int | None:
    try:
        return int(entry["version"])
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None


def needs_read(
    app_entry: dict[str, Any],
    people: Iterable[tuple[str, dict[str, Any]]],
    remote_version: int | None,
    confirmed: dict[Ident, str],
) -> bool:
    """Whether an application listed by projected entries must be read whole: it is new here
    (no confirmed version), its version is not the one confirmed, or the set of its items or
    one item's stored content hash differs from what the receipts hold (another system wrote
    it, or a person was added or removed). An application whose version is below the one
    confirmed here is not read (ours is newer; the push goes over it)."""
    version = _version(app_entry)
    if remote_version is None or version is None or not confirmed:
        return True
    if version < remote_version:
        return False
    if version != remote_version:
        return True
    listed: dict[Ident, Any] = {
        ("app", str(app_entry.get("appid", ""))): app_entry.get("content_hash")
    }
    for table, entry in people:
        key = str(entry.get(SPECS[table].partition_key, ""))
        listed[(table, key)] = entry.get("content_hash")
    if set(listed) != set(confirmed):
        return True
    return any(listed[ident] != confirmed[ident] for ident in listed)
