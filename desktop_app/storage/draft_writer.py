"""The autosave hot path: one draft-row UPDATE and one outbox INSERT in a single durable
transaction, on a dedicated driver connection with the store's pragmas. The general
repositories go through SQLAlchemy; this path skips its per-call machinery because an agent's
every keystroke pause lands here (benchmarks/autosave.py keeps it honest)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from pathlib import Path

from pydantic import TypeAdapter

from desktop_app.domain.models import Application
from desktop_app.domain.paths import json_path
from desktop_app.storage.codec import DocumentCodec
from desktop_app.storage.repository import (
    OUTBOX_SQL,
    SAVE_FIELD_ONLY_SQL,
    SAVE_FIELD_SQL,
    SUMMARY_PATHS,
    ConcurrentChange,
    NotFound,
    summary_columns,
)


#: ``updated_at`` as the model's own JSON writes it.
_DATETIME = TypeAdapter(datetime)


class DraftWriter:
    def __init__(self, path: Path, codec: DocumentCodec | None = None) -> None:
        self._path = path
        self._codec = codec or DocumentCodec()
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            conn = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False, timeout=30)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")
            self._conn = conn
        return self._conn

    def save_field(
        self, app: Application, path: str, value_json: str, updated_at: datetime, expected_revision: int
    ) -> int:
        """Patch one field of the stored document (``app`` already holds the new value and
        ``updated_at``; it supplies the list columns)."""
        path, value_json = self._codec.field_patch(app, path, value_json)
        ts = updated_at.isoformat(timespec="microseconds")
        updated_json = _DATETIME.dump_json(updated_at).decode("ascii")
        if path not in SUMMARY_PATHS:
            params = (json_path(path), value_json, updated_json, ts, app.id, expected_revision)
            return self._run(SAVE_FIELD_ONLY_SQL, params, app.id, ts)
        cols = summary_columns(app)
        params = (
            json_path(path), value_json, updated_json, ts,
            cols["status"], cols["current_step"],
            cols["applicant_name"], cols["building_address"], cols["unit"],
            cols["monthly_rent"], app.id, expected_revision,
        )
        return self._run(SAVE_FIELD_SQL, params, app.id, ts)

    def _run(self, sql: str, params: tuple, app_id: str, ts: str) -> int:
        with self._lock:
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute(sql, params).fetchone()
                if row is None:
                    exists = conn.execute("SELECT 1 FROM applications WHERE id=?", (app_id,)).fetchone()
                    raise (ConcurrentChange if exists else NotFound)(app_id)
                conn.execute(OUTBOX_SQL, (app_id, row[0], ts))
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return row[0]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
