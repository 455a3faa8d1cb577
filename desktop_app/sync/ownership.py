"""The one gate every item the engine reads passes (pull's listing, the fetch behind a merge,
the read-back after a timeout): an item is trusted only when its partition key is the identity
id or starts with it followed by ``#``.

IAM's ``dynamodb:LeadingKeys`` covers the partition key, not the ``zoneinfo`` sort key, so
another account can put an item with its own key and our ``zoneinfo`` (and even our ``appid``)
into our index. Such an item is refused — reported by table, never by content — so it is never
imported, merged, counted in a receipt, or planned for deletion."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

from desktop_app.sync.keys import is_owned_key
from desktop_app.sync.mapping import SPECS
from desktop_app.sync.transaction import ApplicationTransaction, Ident

log = logging.getLogger(__name__)


def owned(identity_id: str, table: str, item: dict[str, Any]) -> bool:
    """True when ``item`` of logical ``table`` belongs to ``identity_id``'s account."""
    pk = item.get(SPECS[table].partition_key)
    return is_owned_key(identity_id, pk) and (table != "app" or pk != identity_id)


class OwnedRemote:
    """A :class:`~desktop_app.sync.remote_store.RemoteStore` that drops foreign items from
    every read and remembers them (by table) for the run's report."""

    def __init__(self, remote: Any, identity_id: str) -> None:
        self.inner = remote
        self.identity_id = identity_id
        self._lock = threading.Lock()
        self._refused: dict[tuple[str, str], str] = {}

    def __getattr__(self, name: str) -> Any:  # round_trips, tables, client, …
        return getattr(self.inner, name)

    def transact_write(self, tx: ApplicationTransaction) -> None:
        self.inner.transact_write(tx)

    def get_items(self, idents: list[tuple[Ident, dict[str, str]]]) -> dict[Ident, dict[str, Any] | None]:
        found = self.inner.get_items(idents)
        return {
            ident: item if item is None or self._accept(ident[0], item) else None
            for ident, item in found.items()
        }

    def query_zone(self, table: str, identity_id: str) -> Iterator[dict[str, Any]]:
        for item in self.inner.query_zone(table, identity_id):
            if self._accept(table, item):
                yield item

    def list_zone(self, table: str, identity_id: str) -> Iterator[dict[str, Any]]:
        """The index's entries as projected (a remote without the method: whole items)."""
        lister = getattr(self.inner, "list_zone", None) or self.inner.query_zone
        for item in lister(table, identity_id):
            if self._accept(table, item):
                yield item

    def query_changes(self, identity_id: str, since: str) -> Iterator[dict[str, Any]]:
        for item in self.inner.query_changes(identity_id, since):
            if self._accept("app", item):
                yield item

    def take_refused(self) -> list[str]:
        """What was refused since the last call: one line per foreign item, by table."""
        with self._lock:
            out, self._refused = list(self._refused.values()), {}
        return out

    def _accept(self, table: str, item: dict[str, Any]) -> bool:
        if owned(self.identity_id, table, item):
            return True
        spec = SPECS[table]
        key = (table, str(item.get(spec.partition_key)))
        with self._lock:
            first = key not in self._refused
            self._refused[key] = (
                f"{spec.base_name}: an item listed under this account whose "
                f"{spec.partition_key} is not this account's; not used"
            )
        if first:
            log.warning("refused an item of %s not owned by this account", table)
        return False
