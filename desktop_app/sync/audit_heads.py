"""The audit trail's head on the app item (docs/records.md, "Audit trail"; docs/formats.md).

Each push of an application sets ``audit_head_<machine id>`` on its app item to this machine's
chain head, ``{"hash", "length", "at"}``. One attribute per machine: two machines of one agent
push the same item, and neither ever overwrites or removes the other's head. The attributes are
outside :data:`~desktop_app.domain.canonical.LEASEDESK_ATTRIBUTES`, so they are never hashed
(a head is not a change to merge) and never removed by a push; pull keeps them with the other
attributes LeaseDesk does not write.

The machine id is random (16 hex digits), made once per store — one store per account on one
computer — and kept in its ``sync_meta``: stable, and it says nothing of the computer or the
person."""

from __future__ import annotations

import secrets
from typing import Any

from desktop_app.domain.canonical import AUDIT_HEAD_PREFIX
from desktop_app.storage.orm_audit import AuditEntryRow
from desktop_app.storage.sync_repository import sync_uow

MACHINE_KEY = "audit_machine_id"
_LAST = (
    f"SELECT seq, hash FROM {AuditEntryRow.__tablename__} WHERE application_id = ? "
    "ORDER BY seq DESC LIMIT 1"
)


def machine_id(store: Any) -> str:
    """This store's machine id (made and kept on first use)."""
    with sync_uow(store) as uow:
        found = uow.sync.meta(MACHINE_KEY)
        if isinstance(found, str) and found:
            return found
        made = secrets.token_hex(8)
        uow.sync.set_meta(MACHINE_KEY, made)
        uow.commit()
    return made


def head_attribute(machine: str) -> str:
    return f"{AUDIT_HEAD_PREFIX}{machine}"


def local_head(store: Any, app_id: str, at: str) -> dict[str, Any] | None:
    """The head of ``app_id``'s trail as pushed (``at``: the push's time); None when empty."""
    with store.engine.connect() as conn:  # plain SQL: this runs once per application pushed
        last = conn.exec_driver_sql(_LAST, (app_id,)).first()
    if last is None:
        return None
    return {"hash": last[1], "length": last[0], "at": at}


def read_head(app_item: dict[str, Any] | None, machine: str) -> tuple[int, str] | None:
    """(length, hash) of ``machine``'s head on an app item as read; None when absent or not
    in that shape (another system may write anything there)."""
    value = (app_item or {}).get(head_attribute(machine))
    if not isinstance(value, dict):
        return None
    try:
        length, digest = int(value["length"]), value["hash"]
    except (KeyError, TypeError, ValueError):
        return None
    if not isinstance(digest, str) or length < 0:
        return None
    return length, digest
