"""An application a pull brings to this machine starts its trail here with "created: pulled
from the server" (moto over HTTP, two machines of one agent)."""

from desktop_app.services.audit import AuditTrail
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.sync_service import SyncService
from tests.fixtures.sync_setup import (
    boto_remote,
    create_tables,
    engine,
    new_store,
    synthetic_application,
)


def sync_service(store, url):
    eng = engine(store, boto_remote(url))
    edit = AutosaveService(store)
    return edit, SyncService(store, lambda: eng, autosave=edit)


def test_a_first_pull_starts_the_trail_and_a_later_pull_does_not_restart_it(tmp_path, moto):
    create_tables(moto)
    a_store, b_store = new_store(tmp_path / "a"), new_store(tmp_path / "b", full_pulls=True)
    a_edit, a_sync = sync_service(a_store, moto.url)
    _b_edit, b_sync = sync_service(b_store, moto.url)
    apps = [a_edit.create_draft(synthetic_application()) for _ in range(3)]
    a_sync.sync_once()

    assert b_sync.sync_once().pulled == 3
    trail = AuditTrail(b_store)
    for app in apps:
        entries = trail.entries(app.id)
        assert [(e.seq, e.action, e.detail) for e in entries] == [
            (1, "created", {"source": "pull"})
        ]
        assert entries[0].describe() == "created: pulled from the server"
        assert trail.verify(app.id).ok

    a_edit.save_field(apps[0].id, "application_info.unit", "12B")
    a_sync.sync_once()
    assert b_sync.sync_once().pulled == 1  # brought again, not new: no second start
    assert [e.action for e in trail.entries(apps[0].id)] == ["created"]
