"""The audit trail's head on the app item (docs/records.md, "Audit trail"; docs/formats.md).

Each push of an application sets ``audit_head_<machine id>`` on its app item to this machine's
chain head, ``{"hash", "length", "at"}``. One attribute per machine: two machines of one agent
push the same item, and neither ever overwrites or removes the other's head. The attributes are
outside :data:`~desktop_app.domain.canonical.LEASEDESK_ATTRIBUTES`, so they are never hashed
(a head is not a change to merge) and never removed by a push; pull keeps them with the other
attributes LeaseDesk does not write.

The machine id is random (16 hex digits), made once per store — one store per account on one
computer — and kept in its ``sync_meta``: stable, and it says nothing of the computer or the
person.

A push never moves this machine's head backwards: the app item's ``Update`` is also
conditioned on the head there being absent, not a map with a numeric ``length`` (another
system wrote something else: no head to keep), or no longer than the one sent
(``owned_update.py``). When that refuses a push, :func:`refuse_if_behind` turns it into
"needs attention" with the reason, instead of a retry."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from desktop_app.domain.canonical import AUDIT_HEAD_PREFIX, is_audit_head
from desktop_app.i18n import _
from desktop_app.storage.orm_audit import AuditEntryRow
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync.errors import Permanent
from desktop_app.sync.transaction import ApplicationTransaction

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


def pushed_length(app_item: dict[str, Any] | None, name: str) -> int | None:
    """The ``length`` of the head ``name`` on an app item as read, when it is one the push's
    condition compares (a map with a numeric length); None otherwise."""
    value = (app_item or {}).get(name)
    length = value.get("length") if isinstance(value, dict) else None
    if isinstance(length, (int, Decimal)) and not isinstance(length, bool):
        return int(length)
    return None


def refuse_if_behind(remote: Any, tx: ApplicationTransaction) -> None:
    """After a refused condition that left the application as it was: raise ``Permanent`` when
    the server holds a longer head of this machine than ``tx`` sends (the trail here was cut),
    so the application needs the agent instead of being sent again and again."""
    app = next((i for i in tx.items if i.table == "app"), None)
    name = next((k for k in app.attributes if is_audit_head(k)), None) if app else None
    if app is None or name is None:
        return
    ours = int(app.attributes[name]["length"])
    theirs = pushed_length(remote.get_items([(app.ident, app.key)]).get(app.ident), name)
    if theirs is not None and theirs > ours:
        raise Permanent(
            _(
                "This computer's audit trail is shorter than the one it sent before "
                "({ours} of {theirs} entries): it was cut. Restore this computer's LeaseDesk "
                "data from a backup made before the cut, or ask the back office to review the "
                "application and clear this computer's audit head on it; then sync again. "
                "Until then the application is not sent."
            ).format(ours=ours, theirs=theirs)
        )
