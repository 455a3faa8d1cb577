"""A draft deleted on one machine: removed on the agent's other machine when that machine has
nothing unsynced of it; otherwise a conflict the agent resolves ("deleted there, edited here"):
keep mine re-creates it on the remote, accept the deletion removes it here."""

from __future__ import annotations

import pytest

from desktop_app.services.errors import ApplicationNotFound
from desktop_app.sync import outcome as oc
from desktop_app.sync.deletion import WHOLE_APPLICATION
from tests.fixtures.sync_setup import (
    device,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    local_docs,
    new_store,
    remote_docs,
    synthetic_application,
)


def _on_both(tmp_path, moto, **shape):
    create_tables(moto)
    store_a, edit_a, sync_a = device(tmp_path / "a", moto.url)
    store_b, edit_b, sync_b = device(tmp_path / "b", moto.url)
    app = synthetic_application(**shape)
    add_apps(store_a, [app])
    assert not sync_a.sync_once().failed
    assert sync_b.sync_once().pulled == 1
    return app, (store_a, edit_a, sync_a), (store_b, edit_b, sync_b)


def test_a_deletion_reaches_the_other_machine(moto, tmp_path):
    app, (_, edit_a, sync_a), (store_b, edit_b, sync_b) = _on_both(
        tmp_path, moto, co_applicants=1, guarantors=1
    )
    keep = synthetic_application()
    add_apps(store_b, [keep])
    edit_a.delete_draft(app.id)
    assert [o.result for o in sync_a.sync_once().outcomes] == [oc.DELETED]
    assert app.id not in remote_docs(moto)

    report = sync_b.sync_once()
    with pytest.raises(ApplicationNotFound):
        edit_b.load(app.id)
    assert not report.failed, report.errors
    assert report.deleted_on_pull == 1
    # Nothing of it is left to push, and later runs stay clean.
    assert sync_b.status().pending == 0 and sync_b.status().needs_attention == 0
    again = sync_b.sync_once()
    assert not again.failed and again.outcomes == [] and again.errors == []
    assert set(local_docs(store_b)) == {keep.id} == set(remote_docs(moto))


def test_deleted_there_edited_here_is_a_conflict_and_keep_mine_recreates_it(moto, tmp_path):
    app, (store_a, edit_a, sync_a), (store_b, edit_b, sync_b) = _on_both(
        tmp_path, moto, co_applicants=1
    )
    edit_a.delete_draft(app.id)
    sync_a.sync_once()
    edit_b.save_field(app.id, "application_info.unit", "7F")

    report = sync_b.sync_once()
    assert [o.result for o in report.outcomes] == [oc.CONFLICT]
    assert [c.path for c in sync_b.conflicts(app.id)] == [WHOLE_APPLICATION]
    assert edit_b.load(app.id).application_info.unit == "7F"  # nothing lost meanwhile
    assert sync_b.sync_once().outcomes == []  # waits for the agent, no error every run

    assert sync_b.resolve(app.id, {WHOLE_APPLICATION: "local"}) == 0
    assert [o.result for o in sync_b.sync_once().outcomes] == [oc.SYNCED]
    assert remote_docs(moto)[app.id]["application_info"]["unit"] == "7F"
    assert len(remote_docs(moto)[app.id]["co_applicants"]) == 1
    # The machine that deleted it gets it back, and both agree with the remote.
    assert sync_a.sync_once().pulled == 1
    assert local_docs(store_a) == local_docs(store_b) == remote_docs(moto)


def test_accepting_the_deletion_removes_it_here(moto, tmp_path):
    app, (_, edit_a, sync_a), (store_b, edit_b, sync_b) = _on_both(tmp_path, moto)
    edit_a.delete_draft(app.id)
    sync_a.sync_once()
    edit_b.save_field(app.id, "application_info.unit", "7F")
    assert [o.result for o in sync_b.sync_once().outcomes] == [oc.CONFLICT]

    assert sync_b.resolve(app.id, {WHOLE_APPLICATION: "remote"}) == 0
    edit_b.forget(app.id)
    with pytest.raises(ApplicationNotFound):
        edit_b.load(app.id)
    report = sync_b.sync_once()
    assert not report.failed and report.outcomes == []
    assert local_docs(store_b) == {} == remote_docs(moto)
    status = sync_b.status()
    assert (status.pending, status.conflicts) == (0, 0)


def test_edited_here_while_deleted_there_found_by_pull_first(moto, tmp_path):
    """The edit is made after this machine's push ran: pull meets the deletion first."""
    app, (_, edit_a, sync_a), (_, edit_b, sync_b) = _on_both(tmp_path, moto)
    edit_a.delete_draft(app.id)
    sync_a.sync_once()
    eng_b = sync_b.engine()
    assert eng_b is not None
    edit_b.save_field(app.id, "application_info.unit", "9B")
    report = oc.SyncReport()
    eng_b.pull(report)
    assert report.deleted_on_pull == 0
    assert [c.path for c in sync_b.conflicts(app.id)] == [WHOLE_APPLICATION]
    assert edit_b.load(app.id).application_info.unit == "9B"


def test_consistent_reads_of_many_keys_go_in_batches_dynamodb_accepts(moto, tmp_path):
    """Checking hundreds of vanished applications at once (BatchGetItem takes 100 keys)."""
    from tests.fixtures.sync_setup import IDENTITY

    create_tables(moto)
    store = new_store(tmp_path)
    present = synthetic_application()
    add_apps(store, [present])
    remote = boto_remote(moto.url)
    assert not engine(store, remote).run_once().failed
    appids = [f"{IDENTITY}#01JC{n:022d}" for n in range(250)] + [f"{IDENTITY}#{present.id}"]
    found = remote.get_items([(("app", a), {"appid": a, "zoneinfo": IDENTITY}) for a in appids])
    assert len(found) == 251
    assert [a for (_, a), item in found.items() if item is not None] == [appids[-1]]
