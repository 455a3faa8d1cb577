"""The queue: a poison application lands in "needs attention" while the rest sync; losing the
network pauses the queue and it resumes by itself; concurrency across applications; deletes."""

from __future__ import annotations

from desktop_app.services.autosave import AutosaveService
from desktop_app.services.sync_service import SyncService
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync import outcome as oc
from desktop_app.sync.scheduler import SyncScheduler
from desktop_app.wizard.steps import step_for_field
from tests.fixtures.fault_proxy import FaultPlan
from tests.fixtures.sync_setup import (
    add_apps,
    boto_remote,
    create_tables,
    engine,
    local_docs,
    new_store,
    remote_applications,
    remote_docs,
    synthetic_application,
)


def test_poison_application_needs_attention_while_the_other_99_sync(moto, tmp_path):
    create_tables(moto)
    store = new_store(tmp_path)
    apps = [synthetic_application(lean=True) for _ in range(100)]
    poison = apps[37]
    poison.application_info.notes = "x" * 450_000  # one item over DynamoDB's 400 KB
    add_apps(store, apps)
    eng = engine(store, boto_remote(moto.url), step_label=step_for_field)

    report = eng.run_once(pull=False)
    assert report.count(oc.SYNCED) == 99 and report.failed
    (bad,) = [o for o in report.outcomes if o.result == oc.NEEDS_ATTENTION]
    assert bad.application_id == poison.id
    assert bad.field == "application_info.notes" and bad.step == "1 Application"
    assert "400 KB" in bad.message and "application_info.notes" in bad.message
    with sync_uow(store) as uow:
        (listed,) = uow.sync.attention()
        assert listed.application_id == poison.id and listed.field == "application_info.notes"
    held = remote_applications(moto)
    assert len(held) == 99 and not any(poison.id in appid for appid in held)

    # The same revision is not retried on every run ...
    assert eng.run_once(pull=False).outcomes == []
    # ... but once the agent fixes the field, it syncs and leaves the list.
    AutosaveService(store).save_field(poison.id, "application_info.notes", "shortened")
    report = eng.run_once(pull=False)
    assert [o.result for o in report.outcomes] == [oc.SYNCED] and not report.failed
    with sync_uow(store) as uow:
        assert uow.sync.attention() == []
    assert remote_docs(moto) == local_docs(store)


def test_network_loss_pauses_the_queue_and_it_resumes_when_the_network_returns(
    moto,
    fault_proxy,
    tmp_path,
):
    create_tables(moto)
    proxy = fault_proxy(FaultPlan())
    store = new_store(tmp_path)
    add_apps(store, [synthetic_application(lean=True) for _ in range(5)])
    eng = engine(store, boto_remote(proxy.url, connect_timeout=1, read_timeout=2, max_attempts=2))
    now = [1000.0]
    online = [False]
    scheduler = SyncScheduler(
        eng.run_once, clock=lambda: now[0], probe=lambda: online[0], interval=300, probe_interval=15
    )
    proxy.go_offline()

    report = scheduler.tick()  # the start-up sync finds no network
    assert report is not None and not report.online
    assert {o.result for o in report.outcomes} == {oc.OFFLINE}
    requests_offline = proxy.counts["requests"]
    assert scheduler.paused
    # Paused: later ticks only probe; the five applications are attempted once (one request,
    # the five packed in one transaction), not five times.
    assert report.round_trips == 1
    now[0] += 15
    assert scheduler.tick() is None and scheduler.runs == 1
    # The network returns: the next probe notices and the queue drains by itself.
    proxy.go_online()
    online[0] = True
    now[0] += 15
    report = scheduler.tick()
    assert report is not None and report.online and report.count(oc.SYNCED) == 5
    assert proxy.counts["requests"] > requests_offline
    assert not scheduler.paused and remote_docs(moto) == local_docs(store)
    # A submit asks for a sync at once, without waiting for the timer.
    scheduler.submitted()
    assert scheduler.due() == "submit"


def test_concurrent_queue_syncs_every_application_once(moto, tmp_path):
    """Concurrency 4 across applications (moto's transactions race under concurrency and
    answer 500, docs/architecture.md, "Testing policy": botocore's retries and the read-back absorb it)."""
    create_tables(moto)
    store = new_store(tmp_path)
    apps = [synthetic_application(lean=True) for _ in range(40)]
    add_apps(store, apps)
    eng = engine(store, boto_remote(moto.url, concurrency=4, max_attempts=10), concurrency=4)
    progress: list[tuple[int, int]] = []
    eng.on_progress = lambda done, total: progress.append((done, total))
    for _ in range(3):
        if not eng.run_once(pull=False).failed:
            break
    assert progress[-1][0] == progress[-1][1]
    assert remote_docs(moto) == local_docs(store)
    assert {
        int(i["version"]) for items in remote_applications(moto).values() for _, i in items
    } == {1}


def test_deleted_draft_and_removed_people_leave_the_remote(moto, tmp_path):
    create_tables(moto)
    store = new_store(tmp_path)
    keep, gone, never = (synthetic_application(co_applicants=2, guarantors=1) for _ in range(3))
    add_apps(store, [keep, gone])
    eng = engine(store, boto_remote(moto.url))
    assert not eng.run_once().failed
    autosave = AutosaveService(store)
    copy = autosave.load(keep.id)
    copy.co_applicants.pop(0)
    copy.guarantors = []
    autosave.save(copy)
    autosave.delete_draft(gone.id)
    add_apps(store, [never])
    autosave.delete_draft(never.id)  # deleted before it ever synced
    report = eng.run_once()
    assert sorted(o.result for o in report.outcomes) == [oc.DELETED, oc.DELETED, oc.SYNCED]
    held = remote_applications(moto)
    assert len(held) == 1
    tables = sorted(t for t, _ in next(iter(held.values())))
    assert tables == ["app", "applicant", "coapplicant"]
    assert remote_docs(moto) == local_docs(store)


def test_transaction_conflict_cancellations_are_retried_by_the_engine(
    moto,
    fault_proxy,
    tmp_path,
):
    """botocore does not retry a TransactionCanceledException; the engine does, for the
    TransactionConflict reason, with back-off, and each application still lands once."""
    create_tables(moto)
    proxy = fault_proxy(FaultPlan(tx_conflict=0.5, seed=3))
    store = new_store(tmp_path)
    apps = [synthetic_application(co_applicants=1, lean=True) for _ in range(10)]
    add_apps(store, apps)
    sleeps: list[float] = []
    eng = engine(store, boto_remote(proxy.url), sleep=sleeps.append)
    report = eng.run_once(pull=False)
    assert report.count(oc.SYNCED) == 10 and not report.failed
    assert proxy.counts["tx_conflict"] > 0 and len(sleeps) == proxy.counts["tx_conflict"]
    assert remote_docs(moto) == local_docs(store)
    receipt = SyncService(store, None).receipt(apps[0].id)
    assert receipt["state"] == "synced" and receipt["remote_version"] == 1
    assert sorted(receipt["tables"]) == ["Co-Applicants", "app_nyc", "applicant_nyc"]
    assert receipt["tables"]["app_nyc"][0]["version"] == 1


def test_a_backlog_is_read_from_the_store_as_the_workers_catch_up(tmp_path):
    """A backlog of thousands is never all in memory: the next chunk is read only when fewer
    than a chunk's worth are left waiting for a worker."""
    from desktop_app.sync.queue import LOAD_CHUNK, batch_size
    from tests.fixtures.timing_remote import TimingRemote

    remote = TimingRemote(in_thread=True)
    try:
        create_tables(remote)
        store = new_store(tmp_path)
        add_apps(store, [synthetic_application(lean=True) for _ in range(150)])
        eng = engine(store, boto_remote(remote.url, concurrency=4), concurrency=4)
        done, loaded, ahead = [0], [0], []
        eng.on_progress = lambda finished, _total: done.__setitem__(0, finished)
        read = eng.load

        def load(ids):
            ahead.append(loaded[0] - done[0])  # read earlier and not yet finished
            loaded[0] += len(ids)
            return read(ids)

        eng.load = load
        report = eng.run_once(pull=False)
    finally:
        remote.stop()
    assert report.count(oc.SYNCED) == 150
    # Each of the 4 workers takes a batch of applications to pack; chunks are whole batches.
    size = batch_size(150, 4, eng.pack)
    chunk = size * max(1, LOAD_CHUNK // size)
    assert len(ahead) == -(-150 // chunk)
    assert max(ahead) < chunk + 4 * size < 150
    store.close()
