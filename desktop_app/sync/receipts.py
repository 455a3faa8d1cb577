"""Sync receipts: per application and table, the version and content hash the server confirmed
and when — what the agent (and support) can point at to say "this reached the tables"."""

from __future__ import annotations

from typing import Any

from desktop_app.domain.canonical import item_content_hash
from desktop_app.storage.sync_records import Receipt
from desktop_app.sync.changed_attributes import encode_owned
from desktop_app.sync.keys import person_id_of
from desktop_app.sync.mapping import SPECS
from desktop_app.sync.transaction import ApplicationTransaction


def receipts_for_transaction(tx: ApplicationTransaction, confirmed_at: str) -> list[Receipt]:
    """The written items' receipts, and the unchanged people's as they were."""
    return [
        Receipt(
            table_name=item.table,
            key=item.partition_key,
            person_id=item.person_id,
            version=tx.target_version,
            content_hash=item.content_hash,
            confirmed_at=confirmed_at,
            owned=encode_owned(item.table, tx.full_item(item)),
        )
        for item in tx.items
    ] + list(tx.kept)


def receipts_for_items(
    items: list[tuple[str, dict[str, Any]]], confirmed_at: str, identity_id: str
) -> list[Receipt]:
    """Receipts for items read from the remote ((table logical, item) pairs)."""
    out = []
    for table, item in items:
        pk = item[SPECS[table].partition_key]
        person_id = None if table == "app" else person_id_of(identity_id, pk)
        out.append(
            Receipt(
                table_name=table,
                key=pk,
                person_id=person_id,
                version=int(item.get("version", 0)),
                # Recomputed, not the stored attribute: what LeaseDesk's attributes hash to
                # now (another system may have changed them and left the hash as it was).
                content_hash=item_content_hash(table, item),
                confirmed_at=confirmed_at,
                owned=encode_owned(table, item),
            )
        )
    return out


def receipt_summary(receipts: list[Receipt]) -> dict[str, Any]:
    """JSON-ready per-table view: table -> [{version, confirmed_at}] (keys left out: they are
    account ids, not for display)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for r in receipts:
        out.setdefault(SPECS[r.table_name].base_name, []).append(
            {"version": r.version, "confirmed_at": r.confirmed_at}
        )
    return out
