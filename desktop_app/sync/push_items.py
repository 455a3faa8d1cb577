"""The items one push writes: each item the remote holds, in part — only the owned attributes
that changed since the last sync (``changed_attributes.py``); the others, and all of an
application synced before those attributes were kept, whole; and a person item whose write
would change nothing, not at all (it keeps its version: ``people_list.py``)."""

from __future__ import annotations

from typing import Any

from desktop_app.domain.canonical import is_audit_head
from desktop_app.domain.models import Application
from desktop_app.storage.sync_records import Receipt, SyncState
from desktop_app.sync.changed_attributes import changed_names, decode_owned, partial_write
from desktop_app.sync.mapping import ItemTransform, RemoteItem, application_items
from desktop_app.sync.transaction import Ident


def items_to_write(
    app: Application,
    state: SyncState | None,
    receipts: list[Receipt],
    identity_id: str,
    transform: ItemTransform | None,
    audit_head: tuple[str, dict[str, Any]] | None = None,
) -> list[RemoteItem]:
    """Every item of ``app``, each whole or marked ``partial`` (what to set and remove).
    ``audit_head``: (attribute, value) of this machine's audit head, set on the app item."""
    items = application_items(app, identity_id, None)
    held = {(r.table_name, r.key): r.owned for r in receipts}
    base = base_items(state, identity_id) if held else {}
    clear = getattr(transform, "holds_clear", None)
    for item in items:
        raw = decode_owned(held.get(item.ident))
        before = base.get(item.ident)
        if raw is not None and clear is not None and clear(item.table, raw):
            raw = None  # protected values in clear (written elsewhere): sealed, whole
        if raw is None or before is None:
            if transform is not None:
                item.attributes = transform(item.table, item.attributes)
            continue
        current = item.attributes
        changed = changed_names(item.table, before, current)
        sent = current
        if changed and transform is not None:
            sent = transform(item.table, dict(current))
        write = partial_write(raw, before, current, sent, changed)
        item.attributes = write.attributes
        item.partial = (write.sets, write.removes)
    app_item = items[0].attributes
    for name in [n for n in app_item if is_audit_head(n)]:
        del app_item[name]  # only this machine's own head is ever written
    if audit_head is not None:
        app_item[audit_head[0]] = audit_head[1]
    return items


def base_items(state: SyncState | None, identity_id: str) -> dict[Ident, dict[str, Any]]:
    """The items of the application as last synced, in plaintext (none: no snapshot)."""
    if state is None or not state.snapshot or not state.remote_version:
        return {}
    try:
        base = Application.model_validate_json(state.snapshot)
    except ValueError:
        return {}
    return {i.ident: i.attributes for i in application_items(base, identity_id, None)}


def unchanged_people_apart(
    items: list[RemoteItem], receipts: list[Receipt]
) -> tuple[list[RemoteItem], list[Receipt]]:
    """(items to write, receipts of the person items left as they are): a person item the
    remote holds whose write would change nothing (no owned attribute set or removed, the
    content hash confirmed) is not written; the app item always is (it carries the version
    the push is conditioned on and the list naming each person at its version)."""
    confirmed = {(r.table_name, r.key): r for r in receipts}
    written: list[RemoteItem] = []
    kept: list[Receipt] = []
    for item in items:
        receipt = confirmed.get(item.ident)
        if (
            receipt is not None
            and item.table != "app"
            and item.partial is not None
            and not item.partial[0]
            and not item.partial[1]
            and receipt.content_hash == item.content_hash
        ):
            kept.append(receipt)
        else:
            written.append(item)
    return written, kept
