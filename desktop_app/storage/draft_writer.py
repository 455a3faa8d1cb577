"""The autosave hot path: one UPDATE statement patches the field inside the stored JSON (SQLite's
``json_set``: no re-serialising the document), bumps the revision and, through the outbox
trigger of migration 0003, queues the push, all in one durable autocommit transaction on a
dedicated driver connection with the store's pragmas (and key, when the file is encrypted). The general repositories go through
SQLAlchemy; this path skips its per-call machinery because an agent's every keystroke pause
lands here (benchmarks/autosave.py keeps it honest)."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

from pydantic import TypeAdapter

from desktop_app.domain.models import Application
from desktop_app.domain.paths import json_path
from desktop_app.storage import sqlcipher
from desktop_app.storage.codec import DocumentCodec
from desktop_app.storage.db import apply_pragmas
from desktop_app.storage.repository import (
    APPS,
    SUMMARY_COLUMN_OF_PATH,
    SUMMARY_OF,
    ConcurrentChange,
    NotFound,
)

#: ``updated_at`` as the model's own JSON writes it.
_DATETIME = TypeAdapter(datetime)


def _patch_sql(column: str | None) -> str:
    """The patch for a field; a field the list shows also sets its list column."""
    also = f", {column}=?" if column else ""
    return (
        f"UPDATE {APPS.name} SET data=json_set(data, ?, json(?), '$.updated_at', json(?)), "
        f"revision=revision+1, updated_at=?{also} "
        "WHERE id=? AND deleted_at IS NULL AND revision=? RETURNING revision"
    )


_PATCH_SQL = _patch_sql(None)
_LISTED_PATCH_SQL = {path: _patch_sql(column) for path, column in SUMMARY_COLUMN_OF_PATH.items()}


class DraftWriter:
    def __init__(self, path: Path, codec: DocumentCodec | None = None, key: bytes | None = None) -> None:
        self._path = path
        self._codec = codec or DocumentCodec()
        self._key = key  # the store file's SQLCipher key, if it is encrypted
        self._conn: sqlcipher.Connection | None = None
        self._lock = threading.Lock()

    def _connection(self) -> sqlcipher.Connection:
        if self._conn is None:
            conn = sqlcipher.connect(
                self._path, None, isolation_level=None, check_same_thread=False, timeout=30
            )
            apply_pragmas(conn, self._key)
            self._conn = conn
        return self._conn

    def save_field(
        self, app: Application, path: str, value_json: str, updated_at: datetime, expected_revision: int
    ) -> int:
        """Patch one field of the stored document (``app`` already holds the new value and
        ``updated_at``; it supplies the list column the field feeds, if any)."""
        listed = SUMMARY_COLUMN_OF_PATH.get(path)
        sql = _PATCH_SQL if listed is None else _LISTED_PATCH_SQL[path]
        stored_path, value_json = self._codec.field_patch(app, path, value_json)
        params: tuple[str | int, ...] = (
            json_path(stored_path),
            value_json,
            _DATETIME.dump_json(updated_at).decode("ascii"),
            updated_at.isoformat(timespec="microseconds"),
        )
        if listed is None:
            params += (app.id, expected_revision)
        else:
            params += (SUMMARY_OF[listed](app), app.id, expected_revision)
        with self._lock:
            conn = self._connection()
            # One statement, outside any explicit transaction: SQLite commits it (durably, with
            # synchronous=FULL) when it completes, which fetchall() waits for.
            rows = conn.execute(sql, params).fetchall()
            if not rows:
                exists = conn.execute(
                    f"SELECT 1 FROM {APPS.name} WHERE id=?", (app.id,)
                ).fetchone()
                raise (ConcurrentChange if exists else NotFound)(app.id)
        revision: int = rows[0][0]
        return revision

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
