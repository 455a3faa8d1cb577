"""The engine's decisions against an in-memory remote (``tests/fixtures/fake_remote.py``) and
real SQLite stores: read-back verdicts, merge rounds, engine-side retries of cancellations,
condition races, deletions on either side, the ownership gate, and needs attention. The same
scenarios run against moto over HTTP in ``tests/integration/test_sync_*.py``; these run in
seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.sync_records import AppSyncState
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync.deletion import DELETED_HERE
from desktop_app.sync.engine import FAILED_RUNS_FOR_ATTENTION, SyncEngine
from desktop_app.sync.errors import ConditionFailed, Offline, Transient
from desktop_app.sync.keys import appid_for
from desktop_app.sync.mapping import application_items
from desktop_app.sync.outcome import Result, SyncReport
from desktop_app.sync.pusher import Verdict
from desktop_app.sync.transaction import plan_transaction
from desktop_app.wizard.steps import step_for_field
from tests.fixtures.fake_remote import FakeRemote
from tests.fixtures.sync_setup import (
    IDENTITY,
    OTHER_IDENTITY,
    add_apps,
    new_store,
    synthetic_application,
)


class Machine:
    """One computer: its own SQLite store and engine, on the shared fake remote."""

    def __init__(self, path: Path, remote: FakeRemote, **kw) -> None:
        path.mkdir()
        self.store = new_store(path)
        self.edit = AutosaveService(self.store)
        self.sleeps: list[float] = []
        kw.setdefault("sleep", self.sleeps.append)
        kw.setdefault("on_changed", self.edit.forget)  # the store changed under its cache
        self.engine = SyncEngine(self.store, remote, IDENTITY, concurrency=1, **kw)

    def run(self, **kw) -> SyncReport:
        return self.engine.run_once(**kw)

    def results(self, **kw) -> list[Result]:
        return [o.result for o in self.run(**kw).outcomes]

    def state(self, app_id: str):
        with sync_uow(self.store) as uow:
            return uow.sync.state(app_id)

    def pending(self) -> dict[str, int]:
        with sync_uow(self.store) as uow:
            return uow.outbox.pending()

    def attention(self):
        with sync_uow(self.store) as uow:
            return uow.sync.attention()


@pytest.fixture
def remote() -> FakeRemote:
    return FakeRemote()


@pytest.fixture
def machines(tmp_path, remote):
    made: list[Machine] = []

    def make(name: str, **kw) -> Machine:
        m = Machine(tmp_path / name, remote, **kw)
        made.append(m)
        return m

    yield make
    for m in made:
        m.store.close()


def _synced(machines, remote, **shape):
    """A synced on A and pulled by B."""
    a, b = machines("a"), machines("b")
    app = synthetic_application(**shape)
    add_apps(a.store, [app])
    assert a.results() == [Result.SYNCED]
    assert b.run().pulled == 1
    return app, a, b


def _bump(remote: FakeRemote, appid: str) -> None:
    """Another writer: every item of ``appid`` one version on (content unchanged)."""
    for table, item in remote.items_of(appid):
        remote.put_item(table, {**item, "version": int(item["version"]) + 1})


# -- read-back verdicts ------------------------------------------------------------------------
def _planned(remote: FakeRemote, app, base_version: int = 0, known=None):
    return plan_transaction(
        appid_for(IDENTITY, app.id),
        base_version,
        application_items(app, IDENTITY),
        known or {},
        created_at=app.created_at.isoformat(),
        now="2026-01-01T00:00:00+00:00",
    )


def test_read_back_tells_ours_unapplied_and_moved_apart(machines, remote):
    a = machines("a")
    app = synthetic_application(co_applicants=1)
    tx = _planned(remote, app)
    assert a.engine.pusher.read_back(tx) is Verdict.UNAPPLIED  # nothing there yet
    remote.transact_write(tx)
    assert a.engine.pusher.read_back(tx) is Verdict.OURS
    # Another writer's version of the same items: neither ours nor as we left it.
    other = _planned(remote, app)
    remote.items[other.items[0].ident]["content_hash"] = "someone-else"
    assert a.engine.pusher.read_back(tx) is Verdict.MOVED


def test_a_timeout_after_the_write_landed_is_read_back_as_ours(machines, remote):
    a = machines("a")
    app = synthetic_application(guarantors=1)
    add_apps(a.store, [app])
    remote.fail_next(Transient("read timed out"), applied=True)
    assert a.results() == [Result.SYNCED]
    assert remote.transactions == 1 and remote.attempts == 1  # not written twice
    assert a.pending() == {} and a.state(app.id).remote_version == 1


def test_a_timeout_before_the_write_is_retried_at_the_next_run(machines, remote):
    a = machines("a")
    app = synthetic_application()
    add_apps(a.store, [app])
    remote.fail_next(Transient("read timed out"), applied=False)
    report = a.run()
    assert [o.result for o in report.outcomes] == [Result.RETRY_LATER]
    assert remote.transactions == 0 and a.pending() == {app.id: 1}
    assert a.results() == [Result.SYNCED]


def test_a_failed_condition_with_nothing_moved_is_a_race_with_ourselves_and_is_retried(
    machines, remote
):
    a = machines("a")
    app = synthetic_application()
    add_apps(a.store, [app])
    remote.fail_next(ConditionFailed("ConditionalCheckFailed"), applied=False)
    assert a.results() == [Result.SYNCED]
    assert remote.attempts == 2 and remote.transactions == 1


def test_a_condition_that_keeps_failing_with_nothing_moved_gives_up_for_this_run(machines, remote):
    a = machines("a", cancel_retries=2)
    app = synthetic_application()
    add_apps(a.store, [app])
    remote.fail_next(ConditionFailed("ConditionalCheckFailed"), times=3)
    assert a.results() == [Result.RETRY_LATER]
    assert remote.transactions == 0 and a.pending() == {app.id: 1}


# -- engine-side retries of cancellations -------------------------------------------------------
@pytest.mark.parametrize("reason", ["TransactionConflict", "ThrottlingError"])
def test_retryable_cancellations_are_retried_with_growing_backoff(machines, remote, reason):
    a = machines("a")
    app = synthetic_application()
    add_apps(a.store, [app])
    remote.cancel_next(reason, times=3)
    assert a.results() == [Result.SYNCED]
    assert remote.attempts == 4 and remote.transactions == 1
    # Jittered exponential back-off: 50 ms, 100 ms, 200 ms, each times 0.5-1.5.
    assert len(a.sleeps) == 3
    for attempt, slept in enumerate(a.sleeps):
        base = 0.05 * 2**attempt
        assert 0.5 * base <= slept <= 1.5 * base


def test_cancellations_past_the_retries_leave_it_for_the_next_run(machines, remote):
    a = machines("a", cancel_retries=2)
    app = synthetic_application()
    add_apps(a.store, [app])
    remote.cancel_next("TransactionConflict", times=3)
    assert a.results() == [Result.RETRY_LATER]
    assert len(a.sleeps) == 2 and remote.transactions == 0
    assert a.results() == [Result.SYNCED]


def test_other_cancellation_reasons_are_not_retried_in_the_run(machines, remote):
    a = machines("a")
    add_apps(a.store, [synthetic_application()])
    remote.cancel_next("InternalError")
    assert a.results() == [Result.RETRY_LATER]
    assert a.sleeps == [] and remote.attempts == 1


# -- merge rounds ----------------------------------------------------------------------------------
def test_changes_to_different_fields_merge_and_push_both(machines, remote):
    app, a, b = _synced(machines, remote)
    b.edit.save_field(app.id, "application_info.unit", "9B")
    assert b.results() == [Result.SYNCED]
    a.edit.save_field(app.id, "application_info.notes", "from A")
    report = a.run(pull=False)
    assert [o.result for o in report.outcomes] == [Result.MERGED]
    merged = a.edit.load(app.id)
    assert merged.application_info.unit == "9B"
    assert merged.application_info.notes == "from A"
    assert a.state(app.id).remote_version == 3 and a.pending() == {}


def test_changes_to_the_same_field_are_a_conflict_for_the_agent(machines, remote):
    app, a, b = _synced(machines, remote)
    b.edit.save_field(app.id, "application_info.unit", "9B")
    assert b.results() == [Result.SYNCED]
    a.edit.save_field(app.id, "application_info.unit", "7C")
    assert a.results(pull=False) == [Result.CONFLICT]
    assert a.state(app.id).state is AppSyncState.CONFLICT
    with sync_uow(a.store) as uow:
        assert [c.path for c in uow.sync.conflicts(app.id)] == ["application_info.unit"]
    # Waiting on the agent: not pushed again by itself.
    assert a.run(pull=False).outcomes == []
    held = remote.items_of(appid_for(IDENTITY, app.id))[0][1]
    assert held["application_info"]["unit"] == "9B"


def test_a_remote_that_keeps_changing_is_retried_later(machines, remote):
    app, a, _b = _synced(machines, remote)
    appid = appid_for(IDENTITY, app.id)
    a.edit.save_field(app.id, "application_info.notes", "from A")
    remote.before_write = lambda tx: _bump(remote, appid)  # someone always gets in first
    before = remote.attempts
    report = a.run(pull=False)
    (outcome,) = report.outcomes
    assert outcome.result is Result.RETRY_LATER and "kept changing" in outcome.message
    assert remote.attempts - before == a.engine.pusher.max_rounds
    remote.before_write = None
    assert a.results(pull=False) == [Result.SYNCED]


# -- deletions -------------------------------------------------------------------------------------
def test_deleted_here_is_deleted_there(machines, remote):
    app, a, _b = _synced(machines, remote, co_applicants=1)
    a.edit.delete_draft(app.id)
    assert a.results() == [Result.DELETED]
    assert remote.items_of(appid_for(IDENTITY, app.id)) == []
    assert a.pending() == {}


def test_deleted_here_while_changed_there_is_a_conflict_not_a_blind_delete(machines, remote):
    app, a, b = _synced(machines, remote)
    b.edit.save_field(app.id, "application_info.unit", "9B")
    assert b.results() == [Result.SYNCED]
    a.edit.delete_draft(app.id)
    (outcome,) = a.run(pull=False).outcomes
    assert outcome.result is Result.CONFLICT and outcome.field == DELETED_HERE
    assert remote.items_of(appid_for(IDENTITY, app.id)) != []  # B's change is still there


def test_deleted_there_and_unchanged_here_is_deleted_here_by_the_pull(machines, remote):
    app, a, _b = _synced(machines, remote)
    for table, item in remote.items_of(appid_for(IDENTITY, app.id)):
        remote.delete_item((table, item[{"app": "appid"}.get(table, "userId")]))
    report = a.run()
    assert report.deleted_on_pull == 1 and not report.failed
    assert a.state(app.id) is None


def test_deleted_there_and_changed_here_is_a_conflict(machines, remote):
    app, a, _b = _synced(machines, remote)
    for table, item in remote.items_of(appid_for(IDENTITY, app.id)):
        remote.delete_item((table, item[{"app": "appid"}.get(table, "userId")]))
    a.edit.save_field(app.id, "application_info.notes", "changed here")
    (outcome,) = a.run(pull=False).outcomes
    assert outcome.result is Result.CONFLICT
    assert a.state(app.id).state is AppSyncState.CONFLICT
    assert a.edit.load(app.id).application_info.notes == "changed here"  # nothing lost


# -- the ownership gate ---------------------------------------------------------------------------
def test_foreign_items_under_our_zone_are_refused_not_imported(machines, remote):
    a = machines("a")
    foreign = synthetic_application()
    other = Machine(a.store.path.parent.parent / "other", remote)
    add_apps(other.store, [foreign])
    other.engine.run_once()
    # Another account rewrites its item to sit under our zoneinfo (the index's sort key).
    for table, item in remote.items_of(appid_for(IDENTITY, foreign.id)):
        remote.put_item(table, {**item, "appid": appid_for(OTHER_IDENTITY, foreign.id)})
    for (table, pk), item in list(remote.items.items()):
        if table == "app" and item["appid"] == appid_for(IDENTITY, foreign.id):
            remote.delete_item((table, pk))
    report = a.run()
    assert report.pulled == 0 and report.refused and report.failed
    assert all("not this account's" in line for line in report.refused)
    assert a.state(foreign.id) is None
    other.store.close()


# -- needs attention ------------------------------------------------------------------------------
def test_an_oversize_field_needs_attention_with_its_step_and_is_retried_on_demand(machines, remote):
    a = machines("a", step_label=step_for_field)
    app = synthetic_application()
    app.application_info.notes = "x" * 450_000
    add_apps(a.store, [app])
    (outcome,) = a.run().outcomes
    assert outcome.result is Result.NEEDS_ATTENTION
    assert (outcome.field, outcome.step) == ("application_info.notes", "1 Application")
    (listed,) = a.attention()
    assert (listed.field, listed.step) == ("application_info.notes", "1 Application")
    assert a.state(app.id).state is AppSyncState.NEEDS_ATTENTION
    assert remote.attempts == 0  # refused before sending
    assert a.run().outcomes == []  # the same revision waits ...
    report = a.run(retry_attention=True)  # ... until asked
    assert report.retried == 1 and [o.result for o in report.outcomes] == [Result.NEEDS_ATTENTION]
    a.edit.save_field(app.id, "application_info.notes", "shortened")
    assert a.results() == [Result.SYNCED] and a.attention() == []


def test_without_a_step_label_the_engine_reports_the_field_path_only(machines, remote):
    a = machines("a")
    app = synthetic_application()
    app.application_info.notes = "x" * 450_000
    add_apps(a.store, [app])
    (outcome,) = a.run().outcomes
    assert outcome.field == "application_info.notes" and outcome.step == ""


def test_failing_runs_in_a_row_need_attention_and_are_still_tried_every_run(machines, remote):
    a = machines("a")
    app = synthetic_application()
    add_apps(a.store, [app])
    remote.cancel_next("InternalError", times=FAILED_RUNS_FOR_ATTENTION + 1)
    for _ in range(FAILED_RUNS_FOR_ATTENTION - 1):
        assert a.results() == [Result.RETRY_LATER]
    (outcome,) = a.run().outcomes
    assert outcome.result is Result.NEEDS_ATTENTION and "3 tries" in outcome.message
    assert [x.application_id for x in a.attention()] == [app.id]
    assert a.results() == [Result.NEEDS_ATTENTION]  # tried again, and failed again
    assert a.results() == [Result.SYNCED] and a.attention() == []


def test_going_offline_stops_the_run_and_keeps_everything_queued(machines, remote):
    a = machines("a")
    apps = [synthetic_application() for _ in range(3)]
    add_apps(a.store, apps)
    remote.fail_next(Offline("no route"))
    report = a.run()
    assert not report.online and {o.result for o in report.outcomes} == {Result.OFFLINE}
    assert len(a.pending()) == 3
    assert a.results() == [Result.SYNCED] * 3
