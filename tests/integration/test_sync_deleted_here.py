"""A draft deleted on this machine after the other machine changed it: the deletion is not
pushed over the other machine's change; it is a conflict the agent resolves — keep the deletion
(removed from the remote, over the versions it now holds) or restore the other machine's copy."""

from __future__ import annotations

import pytest

from desktop_app.services.errors import ApplicationNotFound
from desktop_app.sync import outcome as oc
from desktop_app.sync.deletion import DELETED_HERE
from tests.fixtures.sync_setup import (
    device,
    add_apps,
    create_tables,
    local_docs,
    remote_docs,
    synthetic_application,
)


@pytest.fixture
def deleted_here(moto, tmp_path):
    """On both machines; B adds a co-applicant and a unit and syncs; A, which has not pulled
    since, deletes the draft and syncs."""
    create_tables(moto)
    store_a, edit_a, sync_a = device(tmp_path / "a", moto.url)
    store_b, edit_b, sync_b = device(tmp_path / "b", moto.url)
    app = synthetic_application(co_applicants=1)
    add_apps(store_a, [app])
    assert not sync_a.sync_once().failed
    assert sync_b.sync_once().pulled == 1
    edit_b.save_field(app.id, "application_info.unit", "9C")
    assert not sync_b.sync_once().failed
    edit_a.delete_draft(app.id)
    report = sync_a.sync_once()
    return app, report, (store_a, edit_a, sync_a), (store_b, edit_b, sync_b)


def test_deleted_here_changed_there_is_a_conflict_not_a_dead_end(deleted_here, moto):
    app, report, (_, _, sync_a), _ = deleted_here
    assert [(o.result, o.field) for o in report.outcomes] == [(oc.CONFLICT, DELETED_HERE)]
    assert [c.path for c in sync_a.conflicts(app.id)] == [DELETED_HERE]
    assert app.id in remote_docs(moto)  # the other machine's change is not deleted silently
    # It waits for the agent: no error, no needs attention, on every later run.
    again = sync_a.sync_once()
    assert again.outcomes == [] and not again.errors
    assert sync_a.status().needs_attention == 0


def test_keep_the_deletion_removes_it_there_over_the_other_machines_change(deleted_here, moto):
    app, _, (store_a, _, sync_a), (store_b, edit_b, sync_b) = deleted_here
    assert sync_a.resolve(app.id, {DELETED_HERE: "local"}) == 0
    report = sync_a.sync_once()
    assert [o.result for o in report.outcomes] == [oc.DELETED], report.errors
    assert app.id not in remote_docs(moto)
    assert app.id not in local_docs(store_a)
    # Every item of it is gone, the co-applicant the other machine kept included.
    for table in ("applicant_nyc", "Co-Applicants", "Guarantors_nyc", "app_nyc"):
        items = moto.client("dynamodb").scan(TableName=table)["Items"]
        assert not [i for i in items if app.id in i.get("appid", {}).get("S", "")], table
    sync_b.sync_once()
    with pytest.raises(ApplicationNotFound):
        edit_b.load(app.id)


def test_restore_brings_back_the_other_machines_copy(deleted_here, moto):
    app, _, (store_a, edit_a, sync_a), _ = deleted_here
    assert sync_a.resolve(app.id, {DELETED_HERE: "remote"}) == 0
    report = sync_a.sync_once()
    assert not report.failed, report.errors
    restored = edit_a.load(app.id)
    assert restored.application_info.unit == "9C"
    assert len(restored.co_applicants) == 1
    assert sync_a.status().pending == 0 and sync_a.status().conflicts == 0
    assert app.id in remote_docs(moto)
