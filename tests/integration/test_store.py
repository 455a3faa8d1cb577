"""The local store on a real SQLite file: schema, durability settings, migrations, outbox."""

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from desktop_app.domain.models import Application
from desktop_app.storage.db import create_sqlite_engine, head_revision
from desktop_app.storage.orm import Base
from desktop_app.storage.store import open_store


def test_schema_after_upgrade_head_equals_the_orm_metadata(tmp_path):
    store = open_store(tmp_path / "db.sqlite3")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    store.close()
    assert diff == []


def test_database_uses_wal_and_full_sync(tmp_path):
    store = open_store(tmp_path / "db.sqlite3")
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    store.close()


def test_an_outdated_database_is_backed_up_then_migrated(tmp_path):
    path = tmp_path / "db.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE leftover (x INTEGER)")
    raw.execute("INSERT INTO leftover VALUES (42)")
    raw.commit()
    raw.close()
    store = open_store(path)
    assert store.backup_path is not None and store.backup_path.exists()
    assert sqlite3.connect(store.backup_path).execute("SELECT x FROM leftover").fetchone() == (42,)
    store.close()
    again = open_store(path)
    assert again.backup_path is None  # already at head: no second copy
    again.close()


def test_every_change_writes_an_outbox_row_in_the_same_transaction(tmp_path):
    store = open_store(tmp_path / "db.sqlite3")
    app = Application()
    with store.uow() as uow:
        uow.applications.add(app)
        uow.commit()
    with store.uow() as uow:
        app.application_info.unit = "4B"
        uow.applications.save(app)
        # not committed: rolled back on exit, outbox included
    with store.uow() as uow:
        assert uow.outbox.pending() == {app.id: 1}
        uow.applications.save(app)
        uow.commit()
    with store.uow() as uow:
        assert uow.outbox.pending() == {app.id: 2}
        uow.outbox.acknowledge(app.id, 2)
        uow.commit()
    with store.uow() as uow:
        assert uow.outbox.pending() == {}
        assert uow.applications.get(app.id)[0].application_info.unit == "4B"
    store.close()


def test_every_kind_of_write_queues_its_revision_through_the_outbox_triggers(tmp_path):
    from desktop_app.services.autosave import AutosaveService

    store = open_store(tmp_path / "db.sqlite3")
    raw = sqlite3.connect(store.path)
    triggers = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"outbox_on_insert", "outbox_on_revision"} <= triggers

    def queued(app_id):
        return raw.execute(
            "SELECT revision FROM outbox WHERE application_id=? ORDER BY revision", (app_id,)
        ).fetchall()

    svc = AutosaveService(store)
    app = svc.create_draft()  # insert
    assert queued(app.id) == [(1,)]
    svc.save_field(app.id, "application_info.unit", "4B")  # the one-statement patch
    svc.save_field(app.id, "primary_applicant.email", "zoe@example.test")  # an unlisted field
    full = svc.load(app.id)
    full.application_info.unit = "5C"
    svc.save(full)  # a whole save
    svc.delete_draft(app.id)  # deletion moves the revision on too
    assert queued(app.id) == [(1,), (2,), (3,), (4,), (5,)]
    # the patch left no transaction open: another connection can write at once
    raw.execute("BEGIN IMMEDIATE")
    raw.execute("ROLLBACK")
    with store.uow() as uow:
        assert uow.outbox.pending() == {app.id: 5}
    raw.close()
    store.close()


def test_head_revision_is_the_one_recorded(tmp_path):
    store = open_store(tmp_path / "db.sqlite3")
    engine = create_sqlite_engine(tmp_path / "db.sqlite3")
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()
    engine.dispose()
    store.close()
