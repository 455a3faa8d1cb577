"""One application's push (docs/architecture.md, "Sync rules"): the app item and every item
that changed, at the application's target version, plus deletes of people removed since the
last sync, each conditioned on ``attribute_not_exists`` or the version this machine last
confirmed, with a ``ClientRequestToken`` derived from the appid, the target version and the
content. A person item that did not change is not written: it keeps its version, and the app
item's list of people names it at that version (``people_list.py``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from desktop_app.domain.canonical import PEOPLE
from desktop_app.storage.sync_records import Receipt
from desktop_app.sync.errors import Permanent
from desktop_app.sync.item_size import (
    ITEM_LIMIT,
    WRITE_ATTRIBUTES_ALLOWANCE,
    domain_path,
    item_size,
    largest_leaf,
    surely_under_limit,
)
from desktop_app.sync.mapping import SPECS, RemoteItem
from desktop_app.i18n import _

#: (table logical name, partition key value)
Ident = tuple[str, str]


@dataclass(frozen=True)
class PlannedDelete:
    table: str
    key: dict[str, str]
    expected_version: int

    @property
    def ident(self) -> Ident:
        return (self.table, self.key[SPECS[self.table].partition_key])


@dataclass
class ApplicationTransaction:
    appid: str
    target_version: int
    items: list[RemoteItem]
    #: ident -> version the remote held at our last sync; absent = the item must not exist yet.
    expected: dict[Ident, int]
    deletes: list[PlannedDelete]
    created_at: str
    last_updated: str
    #: Person items the remote holds unchanged: not written; their receipts (and versions) stay.
    kept: list[Receipt] = field(default_factory=list)
    token: str = field(init=False)

    def __post_init__(self) -> None:
        digest = hashlib.sha256()
        # last_updated is part of the payload, so a new attempt (new time) gets a new token:
        # AWS refuses a reused token with a different payload.
        parts = (self.appid, str(self.target_version), self.content_digest(), self.last_updated)
        for part in parts:
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        # At most 36 characters; AWS honours it for 10 minutes.
        self.token = digest.hexdigest()[:32]

    def content_digest(self) -> str:
        parts = [f"{i.table}:{i.partition_key}:{i.content_hash}" for i in self.items]
        parts += [f"-{d.table}:{d.ident[1]}" for d in self.deletes]
        parts += [f"={r.table_name}:{r.key}:{r.version}" for r in self.kept]
        return hashlib.sha256("\n".join(sorted(parts)).encode("utf-8")).hexdigest()

    def full_item(self, item: RemoteItem) -> dict[str, Any]:
        """The item's owned attributes as written: content, bookkeeping, and each entry of the
        app item's people list at its own version: the target version for an item written now,
        the version it keeps for one not written (``kept``)."""
        attributes = item.attributes
        if PEOPLE in attributes:
            kept = self.kept_versions
            attributes = {
                **attributes,
                PEOPLE: [
                    {**p, "version": kept.get((p["table"], p["key"]), self.target_version)}
                    for p in attributes[PEOPLE]
                ],
            }
        return {
            **attributes,
            "version": self.target_version,
            "created_at": self.created_at,
            "last_updated": self.last_updated,
            "content_hash": item.content_hash,
        }

    @property
    def kept_versions(self) -> dict[Ident, int]:
        return {(r.table_name, r.key): r.version for r in self.kept}

    @property
    def write_count(self) -> int:
        return len(self.items) + len(self.deletes)

    def check_sizes(self) -> None:
        """Refuse before sending: an item over the limit names the field that made it so."""
        for item in self.items:
            if surely_under_limit(item.canonical_bytes, WRITE_ATTRIBUTES_ALLOWANCE):
                continue
            size = item_size(self.full_item(item))
            if size > ITEM_LIMIT:
                leaf, leaf_size = largest_leaf(item.attributes)
                path = domain_path(item.table, item.source, leaf)
                raise Permanent(
                    _(
                        "The {table} item is {size} bytes, over DynamoDB's 400 KB item limit; "
                        "'{path}' alone is {leaf} bytes. Shorten it (or attach it as a "
                        "document) and sync again."
                    ).format(
                        table=SPECS[item.table].base_name,
                        size=f"{size:,}",
                        path=path,
                        leaf=f"{leaf_size:,}",
                    ),
                    field=path,
                )


def plan_transaction(
    appid: str,
    base_version: int,
    items: list[RemoteItem],
    known: dict[Ident, int],
    created_at: str,
    now: str,
    kept: list[Receipt] | None = None,
) -> ApplicationTransaction:
    """The push of ``items`` over what the remote held at our last sync (``known``: ident ->
    version confirmed). People known remotely but no longer in the application are deleted;
    those in ``kept`` (unchanged, not written) stay as they are."""
    kept = kept or []
    present = {i.ident for i in items} | {(r.table_name, r.key) for r in kept}
    zone = items[0].attributes["zoneinfo"]
    deletes = [
        PlannedDelete(table, {SPECS[table].partition_key: pk, "zoneinfo": zone}, v)
        for (table, pk), v in sorted(known.items())
        if (table, pk) not in present
    ]
    expected = {i.ident: known[i.ident] for i in items if i.ident in known}
    return ApplicationTransaction(
        appid=appid,
        target_version=base_version + 1,
        items=items,
        expected=expected,
        deletes=deletes,
        created_at=created_at,
        last_updated=now,
        kept=kept,
    )
