"""A remote store that counts what passes through it (``services/metrics.py``): each
application's push latency, and the items and bytes sent and received. Everything else is
the wrapped store's. Sizes are of the items' JSON, an estimate of what travels (about 15 µs
of CPU per push here, against some 4 ms the engine spends per application)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

from desktop_app.services import metrics


def _size(value: Any) -> int:
    try:
        return len(json.dumps(value, default=str, separators=(",", ":")))
    except (TypeError, ValueError):
        return 0


def _sent_size(item: Any) -> int:
    """The item's canonical JSON length, already measured for its content hash (LeaseDesk's
    attributes; the bookkeeping adds a few dozen bytes)."""
    measured = getattr(item, "canonical_bytes", None)
    return measured if isinstance(measured, int) else _size(getattr(item, "attributes", None))


class MeteredRemote:
    def __init__(self, remote: Any) -> None:
        self._remote = remote

    def __getattr__(self, name: str) -> Any:
        return getattr(self._remote, name)

    def transact_write(self, tx: Any) -> None:
        started = time.perf_counter()
        try:
            self._remote.transact_write(tx)
        finally:
            metrics.observe(metrics.PUSH_LATENCY, time.perf_counter() - started)
        items = list(getattr(tx, "items", []))
        metrics.count(metrics.ITEMS_SENT, len(items))
        metrics.count(metrics.BYTES_SENT, sum(_sent_size(i) for i in items))

    def get_items(self, idents: list[Any]) -> dict[Any, dict[str, Any] | None]:
        found: dict[Any, dict[str, Any] | None] = self._remote.get_items(idents)
        self._received([item for item in found.values() if item is not None])
        return found

    def query_zone(self, table: str, identity_id: str) -> Iterator[dict[str, Any]]:
        for item in self._remote.query_zone(table, identity_id):
            self._received([item])
            yield item

    def list_zone(self, table: str, identity_id: str) -> Iterator[dict[str, Any]]:
        lister = getattr(self._remote, "list_zone", None) or self._remote.query_zone
        for item in lister(table, identity_id):
            self._received([item])
            yield item

    def query_changes(self, identity_id: str, since: str) -> Iterator[dict[str, Any]]:
        for item in self._remote.query_changes(identity_id, since):
            self._received([item])
            yield item

    @staticmethod
    def _received(items: list[dict[str, Any]]) -> None:
        if items:
            metrics.count(metrics.ITEMS_RECEIVED, len(items))
            metrics.count(metrics.BYTES_RECEIVED, sum(_size(i) for i in items))
