"""Per-application sync states are typed on the way out of the store and stored as the same
strings as before; a state another version wrote is read, not a failure of every read."""

from __future__ import annotations

import json

from sqlalchemy import text

from desktop_app.services.status import StatusService
from desktop_app.storage.sync_records import AppSyncState, StateUpdate
from desktop_app.storage.sync_repository import sync_uow
from tests.fixtures.sync_setup import add_apps, new_store, synthetic_application


def test_states_are_stored_as_their_strings_and_read_back_typed(tmp_path):
    store = new_store(tmp_path)
    app = synthetic_application()
    add_apps(store, [app])
    with sync_uow(store) as uow:
        uow.sync.put_state(StateUpdate(app.id, appid=f"zone#{app.id}", state=AppSyncState.CONFLICT))
        uow.commit()
    with store.engine.connect() as conn:
        raw = conn.execute(
            text("SELECT state FROM sync_state WHERE application_id = :a"), {"a": app.id}
        ).scalar_one()
    assert raw == "conflict" and type(raw) is str
    with sync_uow(store) as uow:
        assert uow.sync.state(app.id).state is AppSyncState.CONFLICT
        assert uow.sync.states()[app.id].state is AppSyncState.CONFLICT
    receipt = StatusService(store).receipt(app.id)
    assert json.loads(json.dumps(receipt))["state"] == "conflict"
    store.close()


def test_a_state_written_by_another_version_does_not_break_the_status(tmp_path):
    store = new_store(tmp_path)
    app = synthetic_application()
    add_apps(store, [app])
    with sync_uow(store) as uow:
        uow.sync.put_state(StateUpdate(app.id, appid=f"zone#{app.id}", state=AppSyncState.SYNCED))
        uow.commit()
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE sync_state SET state = 'archived'"))
    status = StatusService(store)
    assert status.sync_status().synced == 0  # not "synced": not counted as synced
    assert status.receipt(app.id)["state"] == "archived"
    assert status.application_states()[app.id] is AppSyncState.PENDING  # still in the outbox
    store.close()
