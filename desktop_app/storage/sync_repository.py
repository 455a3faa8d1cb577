"""The sync engine's local state: per-application sync state and receipts, the
needs-attention list, recorded conflicts and a few global facts. Same style as
``repository.py``: Core statements on the ORM's tables, over one unit of work's connection."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import ColumnDefault, Connection, delete, insert, select, update

from desktop_app.domain.models import Application
from desktop_app.storage.codec import DocumentCodec
from desktop_app.storage.crypto import Cipher, DecryptionError, is_sealed
from desktop_app.storage.orm import (
    ApplicationRow,
    SyncAttentionRow,
    SyncConflictRow,
    SyncMetaRow,
    SyncReceiptRow,
    SyncStateRow,
)
from desktop_app.storage.repository import now_iso
from desktop_app.storage.sync_records import (
    Attention,
    Conflict,
    LoadedForPush,
    Receipt,
    StateUpdate,
    SyncState,
    state_of,
)
from desktop_app.storage.unit_of_work import UnitOfWork

APPS = ApplicationRow.__table__
STATE = SyncStateRow.__table__
RECEIPTS = SyncReceiptRow.__table__
ATTENTION = SyncAttentionRow.__table__
CONFLICTS = SyncConflictRow.__table__
META = SyncMetaRow.__table__

_DELETE_ATTENTION = f"DELETE FROM {ATTENTION.name} WHERE application_id = ?"
_DELETE_RECEIPTS = f"DELETE FROM {RECEIPTS.name} WHERE application_id = ?"
_INSERT_RECEIPT = (
    f"INSERT INTO {RECEIPTS.name} (application_id, table_name, key, person_id, version, "
    "content_hash, confirmed_at, owned) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_STATE_COLUMNS = tuple(c.name for c in STATE.columns)


#: The ORM's defaults, for a new state row given only some columns.
_STATE_DEFAULTS: dict[str, Any] = {
    c.name: cast(ColumnDefault, c.default).arg
    for c in STATE.columns
    if isinstance(c.default, ColumnDefault) and not callable(c.default.arg)
}


def _upsert_state_sql(keys: tuple[str, ...]) -> str:
    """Insert a state row (defaults for columns not in ``keys``), or update only ``keys``."""
    columns = ", ".join(_STATE_COLUMNS)
    marks = ", ".join("?" for _ in _STATE_COLUMNS)
    sets = ", ".join(f"{k} = excluded.{k}" for k in keys if k != "application_id")
    return (
        f"INSERT INTO {STATE.name} ({columns}) VALUES ({marks}) "
        f"ON CONFLICT (application_id) DO UPDATE SET {sets}"
    )


class SyncRepository:
    """``codec``: the store's; with a cipher, the snapshot and conflict values (which hold PII)
    are sealed at rest like the applications themselves."""

    def __init__(self, conn: Connection, codec: DocumentCodec | None = None) -> None:
        self._conn = conn
        self._cipher: Cipher | None = getattr(codec, "cipher", None)

    def _seal(self, text: str | None, app_id: str) -> str | None:
        if text is None or self._cipher is None:
            return text
        return self._cipher.seal_text(text, f"sync:{app_id}")

    def _open(self, text: str | None, app_id: str) -> str | None:
        if text is None or not is_sealed(text):
            return text
        if self._cipher is None:
            raise ValueError("sync state is encrypted; open the store with its data key")
        try:
            return self._cipher.open_text(text, f"sync:{app_id}")
        except DecryptionError:
            # Sealed under a key no longer held: without a base every difference becomes a
            # conflict for the agent, never a silent overwrite.
            return None

    def _state(self, row: Any) -> SyncState:
        state = SyncState(*row)
        return replace(
            state,
            snapshot=self._open(state.snapshot, state.application_id),
            state=state_of(state.state),
        )

    # -- per-application state -------------------------------------------------------------
    def state(self, app_id: str) -> SyncState | None:
        row = self._conn.execute(select(STATE).where(STATE.c.application_id == app_id)).first()
        return None if row is None else self._state(row)

    def states(self) -> dict[str, SyncState]:
        """Every application's state, without snapshots (cheap: for listing and pull)."""
        cols = [c for c in STATE.c if c.name != "snapshot"]
        rows = self._conn.execute(select(*cols))
        return {
            r.application_id: SyncState(
                r.application_id,
                r.appid,
                r.remote_version,
                r.synced_revision,
                None,
                state_of(r.state),
                r.last_synced_at,
            )
            for r in rows
        }

    def put_state(self, change: StateUpdate) -> None:
        app_id = change.application_id
        values = change.values()
        if "snapshot" in values:
            values["snapshot"] = self._seal(values["snapshot"], app_id)
        done = self._conn.execute(
            update(STATE).where(STATE.c.application_id == app_id).values(**values)
        )
        if done.rowcount == 0:
            self._conn.execute(insert(STATE), {"application_id": app_id, **values})

    def forget(self, app_id: str) -> None:
        """Drop everything the engine keeps of an application (deleted here and there)."""
        for table in (STATE, RECEIPTS, ATTENTION, CONFLICTS):
            self._conn.execute(delete(table).where(table.c.application_id == app_id))

    def drop_tombstone(self, app_id: str) -> None:
        """Remove the row of an application deleted here (its deletion already pushed), so the
        remote's copy can be added under the same id. (Its outbox rows are the outbox
        repository's to drop, in the same unit of work.)"""
        self._conn.execute(delete(APPS).where(APPS.c.id == app_id, APPS.c.deleted_at.is_not(None)))

    def pending_revision(self, app_id: str) -> int | None:
        """The newest outbox revision of ``app_id`` (None: nothing waiting to be pushed)."""
        row = self._conn.exec_driver_sql(
            "SELECT max(revision) FROM outbox WHERE application_id = ?", (app_id,)
        ).first()
        return None if row is None else row[0]

    def tombstone_revision(self, app_id: str) -> int | None:
        """The revision of a deleted application (None when it is not deleted)."""
        row = self._conn.execute(
            select(APPS.c.revision).where(APPS.c.id == app_id, APPS.c.deleted_at.is_not(None))
        ).first()
        return None if row is None else row[0]

    def local_revision(self, app_id: str) -> int | None:
        row = self._conn.execute(select(APPS.c.revision).where(APPS.c.id == app_id)).first()
        return None if row is None else row[0]

    # -- in bulk, for the queue ------------------------------------------------------------------
    def load_many(self, ids: list[str], codec: DocumentCodec) -> dict[str, LoadedForPush]:
        """id -> (state, receipts, application or None, revision or None) in a few statements:
        what the queue needs to push ``ids``. A deleted application comes with its tombstone's
        revision and no application."""
        if not ids:
            return {}
        # Pre-built SQL on the driver (the queue calls this for every chunk it loads).
        marks = ", ".join("?" for _ in ids)
        run = self._conn.exec_driver_sql
        states = {
            r[0]: self._state(r)
            for r in run(
                f"SELECT {', '.join(_STATE_COLUMNS)} FROM {STATE.name} "
                f"WHERE application_id IN ({marks})",
                tuple(ids),
            )
        }
        receipts: dict[str, list[Receipt]] = {}
        rows = run(
            f"SELECT application_id, table_name, key, person_id, version, content_hash, "
            f"confirmed_at, owned FROM {RECEIPTS.name} WHERE application_id IN ({marks}) "
            "ORDER BY table_name, key",
            tuple(ids),
        )
        for r in rows:
            receipts.setdefault(r[0], []).append(
                Receipt(r[1], r[2], r[3], r[4], r[5], r[6], self._open(r[7], r[0]))
            )
        apps: dict[str, tuple[Application | None, int]] = {}
        rows = run(
            f"SELECT id, data, revision, deleted_at FROM {APPS.name} WHERE id IN ({marks})",
            tuple(ids),
        )
        for app_id, data, revision, deleted_at in rows:
            app = None if deleted_at is not None else codec.decode(app_id, data)
            apps[app_id] = (app, revision)
        return {i: (states.get(i), receipts.get(i, []), *apps.get(i, (None, None))) for i in ids}

    def confirm_many(
        self,
        acknowledged: list[tuple[str, int]],
        receipts: dict[str, list[Receipt]],
        states: list[StateUpdate],
    ) -> None:
        """Record confirmations in bulk (their outbox rows are acknowledged by the outbox
        repository in the same unit of work): attention cleared, receipts replaced (for the ids in ``receipts``) and states upserted. Pre-built
        SQL run with the driver's executemany: this runs for every batch the engine confirms,
        and SQLAlchemy's per-row parameter processing cost more than the writes."""
        run = self._conn.exec_driver_sql
        if acknowledged:
            run(_DELETE_ATTENTION, [(a,) for a, _ in acknowledged])
        if receipts:
            run(_DELETE_RECEIPTS, [(a,) for a in receipts])
            rows = [
                (
                    a,
                    r.table_name,
                    r.key,
                    r.person_id,
                    r.version,
                    r.content_hash,
                    r.confirmed_at,
                    self._seal(r.owned, a),
                )
                for a, rs in receipts.items()
                for r in rs
            ]
            if rows:
                run(_INSERT_RECEIPT, rows)
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for change in states:
            values = {"application_id": change.application_id, **change.values()}
            groups.setdefault(tuple(sorted(values)), []).append(values)
        for keys, group in groups.items():
            state_rows: list[tuple[Any, ...]] = []
            for values in group:
                if values.get("snapshot") is not None:
                    values = {
                        **values,
                        "snapshot": self._seal(values["snapshot"], values["application_id"]),
                    }
                state_rows.append(
                    tuple(values.get(c, _STATE_DEFAULTS.get(c)) for c in _STATE_COLUMNS)
                )
            run(_upsert_state_sql(keys), state_rows)

    # -- receipts -----------------------------------------------------------------------------
    def receipts(self, app_id: str) -> list[Receipt]:
        rows = self._conn.execute(
            select(
                RECEIPTS.c.table_name,
                RECEIPTS.c.key,
                RECEIPTS.c.person_id,
                RECEIPTS.c.version,
                RECEIPTS.c.content_hash,
                RECEIPTS.c.confirmed_at,
                RECEIPTS.c.owned,
            )
            .where(RECEIPTS.c.application_id == app_id)
            .order_by(RECEIPTS.c.table_name, RECEIPTS.c.key)
        )
        return [Receipt(r[0], r[1], r[2], r[3], r[4], r[5], self._open(r[6], app_id)) for r in rows]

    def receipt_hashes(self) -> dict[str, dict[tuple[str, str], str]]:
        """Every application's confirmed content hashes: id -> {(table, key): hash}."""
        out: dict[str, dict[tuple[str, str], str]] = {}
        rows = self._conn.exec_driver_sql(
            f"SELECT application_id, table_name, key, content_hash FROM {RECEIPTS.name}"
        )
        for app_id, table, key, digest in rows:
            out.setdefault(app_id, {})[(table, key)] = digest
        return out

    def replace_receipts(self, app_id: str, receipts: list[Receipt]) -> None:
        self._conn.execute(delete(RECEIPTS).where(RECEIPTS.c.application_id == app_id))
        if receipts:
            self._conn.execute(
                insert(RECEIPTS),
                [
                    {"application_id": app_id, **r.__dict__, "owned": self._seal(r.owned, app_id)}
                    for r in receipts
                ],
            )

    # -- needs attention ----------------------------------------------------------------------
    def set_attention(self, app_id: str, revision: int, reason: str, step: str, field: str) -> None:
        self.clear_attention(app_id)
        self._conn.execute(
            insert(ATTENTION),
            {
                "application_id": app_id,
                "revision": revision,
                "reason": reason,
                "step": step,
                "field": field,
                "created_at": now_iso(),
            },
        )

    def clear_attention(self, app_id: str) -> None:
        self._conn.execute(delete(ATTENTION).where(ATTENTION.c.application_id == app_id))

    def attention(self) -> list[Attention]:
        rows = self._conn.execute(select(ATTENTION).order_by(ATTENTION.c.created_at))
        return [Attention(*r) for r in rows]

    def attention_for(self, app_id: str) -> Attention | None:
        row = self._conn.execute(
            select(ATTENTION).where(ATTENTION.c.application_id == app_id)
        ).first()
        return None if row is None else Attention(*row)

    # -- conflicts ----------------------------------------------------------------------------
    def add_conflicts(
        self, app_id: str, remote_version: int, fields: list[tuple[str, Any, Any, Any]]
    ) -> None:
        """Replace the application's open conflicts with ``fields``: (path, base, local, remote)."""
        self.clear_conflicts(app_id)
        ts = now_iso()
        if fields:
            self._conn.execute(
                insert(CONFLICTS),
                [
                    {
                        "application_id": app_id,
                        "path": path,
                        "base": self._seal(json.dumps(base), app_id),
                        "local": self._seal(json.dumps(local), app_id),
                        "remote": self._seal(json.dumps(remote), app_id),
                        "remote_version": remote_version,
                        "detected_at": ts,
                    }
                    for path, base, local, remote in fields
                ],
            )

    def conflicts(self, app_id: str | None = None) -> list[Conflict]:
        stmt = select(CONFLICTS).order_by(CONFLICTS.c.id)
        if app_id is not None:
            stmt = stmt.where(CONFLICTS.c.application_id == app_id)
        return [
            Conflict(
                r.id,
                r.application_id,
                r.path,
                self._value(r.base, r.application_id),
                self._value(r.local, r.application_id),
                self._value(r.remote, r.application_id),
                r.remote_version,
                r.detected_at,
            )
            for r in self._conn.execute(stmt)
        ]

    def _value(self, text: str, app_id: str) -> Any:
        opened = self._open(text, app_id)
        return None if opened is None else json.loads(opened)

    def remove_conflicts(self, ids: list[int]) -> None:
        if ids:
            self._conn.execute(delete(CONFLICTS).where(CONFLICTS.c.id.in_(ids)))

    def clear_conflicts(self, app_id: str) -> None:
        self._conn.execute(delete(CONFLICTS).where(CONFLICTS.c.application_id == app_id))

    def conflicted_ids(self) -> set[str]:
        return set(self._conn.execute(select(CONFLICTS.c.application_id).distinct()).scalars())

    # -- global facts ---------------------------------------------------------------------------
    def meta(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute(select(META.c.value).where(META.c.key == key)).first()
        return default if row is None else json.loads(row[0])

    def set_meta(self, key: str, value: Any) -> None:
        text = json.dumps(value)
        done = self._conn.execute(update(META).where(META.c.key == key).values(value=text))
        if done.rowcount == 0:
            self._conn.execute(insert(META), {"key": key, "value": text})


class SyncUnitOfWork(UnitOfWork):
    """A unit of work that also carries the sync repository (same connection, same commit)."""

    sync: SyncRepository

    def __enter__(self) -> SyncUnitOfWork:  # noqa: PYI034 — the base class annotates it so
        super().__enter__()
        assert self._conn is not None
        self.sync = SyncRepository(self._conn, self.codec)
        return self


def sync_uow(store: Any) -> SyncUnitOfWork:
    return SyncUnitOfWork(store.engine, getattr(store, "codec", None))
