"""The sync engine's sealed columns under rotation and encrypt-in-place (registered in
``protection.RESEALERS``): each application's last-synced snapshot and the base/local/remote
values of its open conflicts hold PII, and are sealed like the applications themselves, with
``sync:<application id>`` as associated data (see ``sync_repository.py``)."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from desktop_app.storage.codec import DocumentCodec
from desktop_app.storage.crypto import is_sealed
from desktop_app.storage.orm import SyncConflictRow, SyncStateRow

STATE = SyncStateRow.__table__
CONFLICTS = SyncConflictRow.__table__


def _aad(app_id: str) -> str:
    return f"sync:{app_id}"


def _resealed(
    text: str | None, app_id: str, old: DocumentCodec, new: DocumentCodec, only_clear: bool
) -> str | None:
    """The value sealed under ``new``; None when it needs no rewrite."""
    if text is None or new.cipher is None:
        return None
    if is_sealed(text):
        if only_clear:
            return None
        if old.cipher is None:
            raise ValueError("sync state is encrypted; open the store with its data key")
        text = old.cipher.open_text(text, _aad(app_id))
    return new.cipher.seal_text(text, _aad(app_id))


def reseal_sync_state(
    conn: Connection, old: DocumentCodec, new: DocumentCodec, only_clear: bool
) -> int:
    """Re-seal snapshots and conflict values with ``new``'s cipher (``only_clear``: seal just
    what is still in clear, for databases written before sealing). Returns rows rewritten."""
    count = 0
    rows = conn.execute(select(STATE.c.application_id, STATE.c.snapshot)).all()
    for row in rows:
        sealed = _resealed(row.snapshot, row.application_id, old, new, only_clear)
        if sealed is not None:
            conn.execute(
                update(STATE)
                .where(STATE.c.application_id == row.application_id)
                .values(snapshot=sealed)
            )
            count += 1
    cols = (
        CONFLICTS.c.id,
        CONFLICTS.c.application_id,
        CONFLICTS.c.base,
        CONFLICTS.c.local,
        CONFLICTS.c.remote,
    )
    for row in conn.execute(select(*cols)).all():
        values: dict[str, str] = {}
        for name in ("base", "local", "remote"):
            sealed = _resealed(getattr(row, name), row.application_id, old, new, only_clear)
            if sealed is not None:
                values[name] = sealed
        if values:
            conn.execute(update(CONFLICTS).where(CONFLICTS.c.id == row.id).values(**values))
            count += 1
    return count
