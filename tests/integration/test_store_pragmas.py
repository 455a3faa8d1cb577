"""Both ways into a store's file — the engine's connections and the draft writer's — run with
the store's pragmas."""

from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.store import open_store

EXPECTED = {
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "secure_delete": 1,
    "busy_timeout": 30000,
}


def _read(conn_execute):
    return {name: conn_execute(f"PRAGMA {name}") for name in EXPECTED}


def test_engine_and_draft_writer_connections_share_the_pragmas(tmp_path):
    with open_store(tmp_path / "db.sqlite3") as store:
        svc = AutosaveService(store)
        app = svc.create_draft()
        svc.save_field(app.id, "primary_applicant.first_name", "Synthetic")  # opens the writer
        with store.engine.connect() as conn:
            engine_side = _read(lambda sql: conn.exec_driver_sql(sql).scalar())
        writer = store.drafts._connection()
        writer_side = _read(lambda sql: writer.execute(sql).fetchone()[0])
    assert engine_side == EXPECTED
    assert writer_side == EXPECTED
