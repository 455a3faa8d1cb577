"""Sync at size through a misbehaving network, at the engine's default concurrency (8): over
300 applications created, edited, amended, deleted and stripped of co-applicants on one
machine, pulled, edited and deleted on a second, with dropped connections, 500s, throttling,
replies lost after the write committed and offline spells on every request, pushes and pulls
alike. In the end nothing is lost, nothing is duplicated, and the tables, decoded the way pull
decodes them, equal the local store of both machines. And a push killed mid-run resumes
without writing anything twice.

moto's transactions race under concurrency (they answer 500 on their own), so the remote here
is the timing remote (``tests/fixtures/timing_remote.py``, in its own process; its agreement
with moto is ``test_timing_remote.py``) behind the fault proxy. The moto runs stay at
concurrency 1 (``test_sync_faults.py``).

``pytest -s`` shows the figures: applications, faults injected by kind, runs and outcomes."""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desktop_app.domain.models import Status
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.sync_service import SyncService
from desktop_app.storage.store import Store, open_store
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync.engine import DEFAULT_CONCURRENCY
from desktop_app.sync.outcome import NOT_DONE, SyncReport
from tests.fixtures.fault_proxy import FaultPlan, FaultProxy
from tests.fixtures.remote_view import remote_view
from tests.fixtures.timing_remote import LatencyModel, TimingRemote
from tests.fixtures.sync_setup import (
    IDENTITY,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    local_docs,
    new_store,
    person,
    synthetic_application,
)

N_APPS = 320
FAULT_KINDS = ("drop", "error_500", "throttle", "stall_after_forward")


def expected_items(store: Store, ids: set[str]) -> Counter:
    """Items the tables should hold for the applications ``ids`` of ``store``: one per
    application and person."""
    with store.uow() as uow:
        apps = [app for app in uow.applications.all() if app.id in ids]
    return Counter(
        app=len(apps),
        applicant=len(apps),
        coapplicant=sum(len(a.co_applicants) for a in apps),
        guarantor=sum(len(a.guarantors) for a in apps),
    )


# -- machines and runs -----------------------------------------------------------------------
@dataclass
class Machine:
    name: str
    store: Store
    edit: AutosaveService
    sync: SyncService


@dataclass
class Tally:
    runs: int = 0
    outcomes: Counter = field(default_factory=Counter)
    pulled: int = 0


def machine(tmp_path, name: str, url: str) -> Machine:
    store = new_store(tmp_path / name, full_pulls=True)
    # Short timeouts (a stalled reply costs a second), few botocore attempts (an offline spell is
    # noticed within seconds); what botocore gives up on the next run retries.
    remote = boto_remote(
        url, concurrency=DEFAULT_CONCURRENCY, connect_timeout=1, read_timeout=1, max_attempts=4
    )
    eng = engine(store, remote, concurrency=DEFAULT_CONCURRENCY)
    edit = AutosaveService(store)
    return Machine(name, store, edit, SyncService(store, lambda: eng, autosave=edit))


def sync_until_done(m: Machine, proxy: FaultProxy, tally: Tally, max_runs: int = 8) -> SyncReport:
    """Sync (push and pull) again until a run leaves nothing undone, bringing the network back
    after an offline spell, as the scheduler does when the probe answers."""
    for _ in range(max_runs):
        report = m.sync.sync_once()
        tally.runs += 1
        tally.outcomes.update(o.result for o in report.outcomes)
        tally.pulled += report.pulled
        if proxy.offline:
            proxy.go_online()
        if not report.failed:
            return report
    undone = sorted({o.message for o in report.outcomes if o.result in NOT_DONE})[:5]
    raise AssertionError(
        f"machine {m.name} not done after {max_runs} runs: {report.summary()} {undone}"
        f" {report.errors[:5]}"
    )


def pending_and_conflicts(store: Store) -> tuple[int, list]:
    with sync_uow(store) as uow:
        return uow.outbox.count(), uow.sync.conflicts()


@pytest.fixture
def timing_remote() -> Iterator[TimingRemote]:
    # Its own process (no interpreter lock shared with the eight workers); a little latency so
    # that requests really overlap.
    remote = TimingRemote(LatencyModel(per_request=0.004, per_item=0.001))
    try:
        create_tables(remote)
        yield remote
    finally:
        remote.stop()


@pytest.fixture
def proxy(timing_remote: TimingRemote) -> Iterator[FaultProxy]:
    plan = FaultPlan(
        drop=0.04,
        error_500=0.04,
        throttle=0.04,
        stall_after_forward=0.03,
        stall_seconds=1.3,
        seed=17,
    )
    p = FaultProxy(timing_remote.url, plan).start()
    try:
        yield p
    finally:
        p.release()
        p.stop()


def test_sized_two_machine_sync_through_faults_at_default_concurrency(
    timing_remote, proxy, tmp_path
):
    rng = random.Random(20261201)
    a = machine(tmp_path, "a", proxy.url)
    b = machine(tmp_path, "b", proxy.url)
    tally = Tally()

    # 1. A creates the backlog and pushes it; the network goes away part of the way through.
    apps = [
        synthetic_application(co_applicants=1 if i % 3 == 0 else 0, guarantors=i % 5 == 0)
        for i in range(N_APPS)
    ]
    for app in apps[::32]:  # a few submitted: read-only everywhere, amended into new drafts
        app.status = Status.SUBMITTED
        app.submitted_at = app.updated_at
    add_apps(a.store, apps)
    proxy.offline_after(250)
    sync_until_done(a, proxy, tally)

    # 2. B pulls it all (its pull, too, through faults and an offline spell).
    proxy.offline_after(3)
    sync_until_done(b, proxy, tally)
    assert local_docs(b.store) == local_docs(a.store)

    # 3. A edits, removes co-applicants, deletes drafts and creates more; pushes; B pulls.
    ids = [app.id for app in apps if app.status == Status.DRAFT]
    rng.shuffle(ids)
    with_co = [i for i in ids if a.edit.load(i).co_applicants]
    edited_a, deleted_a = ids[:70], ids[70:95]
    stripped_a = [i for i in with_co if i not in deleted_a][:30]
    for k, app_id in enumerate(edited_a):
        a.edit.save_field(app_id, "application_info.unit", f"{k}E")
        a.edit.save_field(app_id, "primary_applicant.email", f"edited.a{k}@example.test")
    for app_id in stripped_a:
        copy = a.edit.load(app_id)
        copy.co_applicants = []
        a.edit.save(copy)
    for app_id in deleted_a:
        a.edit.delete_draft(app_id)
    created_a = [synthetic_application(co_applicants=1, guarantors=1) for _ in range(20)]
    add_apps(a.store, created_a)
    amended_a = [a.edit.amend(app.id) for app in apps if app.status == Status.SUBMITTED]
    for k, amended in enumerate(amended_a):
        a.edit.save_field(amended.id, "application_info.unit", f"{k}R")
    created_a += amended_a
    proxy.offline_after(120)
    sync_until_done(a, proxy, tally)
    sync_until_done(b, proxy, tally)

    # 4. B edits (some of what A edited too), removes guarantors and a co-applicant's bank
    # accounts, adds a co-applicant, deletes and creates; pushes; A pulls.
    kept = [i for i in ids if i not in deleted_a]
    rng.shuffle(kept)
    edited_b, deleted_b = kept[:50], kept[50:65]
    with_guarantor = [i for i in kept[65:] if b.edit.load(i).guarantors][:10]
    for k, app_id in enumerate(edited_b):
        b.edit.save_field(app_id, "application_info.monthly_rent", 3000 + k)
        b.edit.save_field(app_id, "primary_applicant.last_name", f"Edited{k}")
    for app_id in with_guarantor:
        copy = b.edit.load(app_id)
        copy.guarantors = []
        copy.co_applicants.append(person("Drew"))
        b.edit.save(copy)
    for app_id in deleted_b:
        b.edit.delete_draft(app_id)
    created_b = [synthetic_application(co_applicants=2) for _ in range(15)]
    add_apps(b.store, created_b)
    proxy.offline_after(60)
    sync_until_done(b, proxy, tally)
    sync_until_done(a, proxy, tally)

    # 5. Both edit apart: the same field of some applications (conflicts), different fields of
    # others (merged). A syncs, then B; B finds exactly the overlaps, then chooses, half each way.
    drafts = [i for i in kept if i not in deleted_b]
    rng.shuffle(drafts)
    overlapping, separate = drafts[:25], drafts[25:60]
    for k, app_id in enumerate(overlapping + separate):
        a.edit.save_field(app_id, "application_info.unit", f"{k}A")
        path = "application_info.unit" if app_id in overlapping else "primary_applicant.phone"
        b.edit.save_field(app_id, path, f"{k}B" if app_id in overlapping else f"+1 212 555 {k:04d}")
    sync_until_done(a, proxy, tally)
    sync_until_done(b, proxy, tally)
    conflicts = {i: [c.path for c in b.sync.conflicts(i)] for i in drafts}
    detected = {i for i, paths in conflicts.items() if paths}
    assert sorted(detected - set(overlapping)) == [], "conflicts where nothing overlapped"
    assert sorted(set(overlapping) - detected) == [], "overlaps not detected"
    assert {tuple(paths) for i, paths in conflicts.items() if paths} == {("application_info.unit",)}
    # Not overwritten: the remote keeps A's value, B its own, until the agent chooses.
    before, docs_b = remote_view(boto_remote(timing_remote.url)).docs, local_docs(b.store)
    unit = {
        i: (before[i]["application_info"]["unit"], docs_b[i]["application_info"]["unit"])
        for i in overlapping
    }
    assert unit == {i: (f"{k}A", f"{k}B") for k, i in enumerate(overlapping)}
    for k, app_id in enumerate(overlapping):
        choice = "local" if k % 2 else "remote"
        assert b.sync.resolve(app_id, {"application_info.unit": choice}) == 0
    sync_until_done(b, proxy, tally)
    sync_until_done(a, proxy, tally)
    after = remote_view(boto_remote(timing_remote.url)).docs
    assert {i: after[i]["application_info"]["unit"] for i in overlapping} == {
        i: f"{k}B" if k % 2 else f"{k}A" for k, i in enumerate(overlapping)
    }
    assert all(after[i]["primary_applicant"]["phone"].startswith("+1 212 555") for i in separate)
    assert [after[i]["application_info"]["unit"] for i in separate] == [
        f"{k}A" for k in range(len(overlapping), len(overlapping) + len(separate))
    ]

    # -- what the run shows --------------------------------------------------------------
    view = remote_view(boto_remote(timing_remote.url))  # straight to the remote, no faults
    docs_a, docs_b = local_docs(a.store), local_docs(b.store)
    deleted = set(deleted_a) | set(deleted_b)
    alive = {app.id for app in apps + created_a + created_b} - deleted
    lost = alive - (set(view.docs) & set(docs_a) & set(docs_b))
    remote_only = set(view.docs) - alive
    print(
        f"\nsized sync: {len(alive | deleted)} apps ({len(edited_a) + len(edited_b)} edited, "
        f"{len(amended_a)} amended, "
        f"{len(deleted)} deleted, {len(stripped_a) + len(with_guarantor)} with people removed), "
        f"concurrency {DEFAULT_CONCURRENCY}; faults: "
        + ", ".join(f"{proxy.counts[k]} {k}" for k in FAULT_KINDS)
        + f", {proxy.counts['offline_spells']} offline spells "
        f"({proxy.counts['offline_closed']} requests cut); {proxy.counts['requests']} requests "
        f"in {tally.runs} runs, outcomes {dict(tally.outcomes)}, pulled {tally.pulled}; "
        f"conflicts detected {len(detected & set(overlapping))} of {len(overlapping)} expected "
        f"({len(detected - set(overlapping))} false); "
        f"lost {len(lost)}, duplicated {len(view.strays) + len(remote_only)} "
        f"({len(view.strays)} stray person items, {len(remote_only)} deleted yet on the remote); "
        f"deleted drafts still on A {len(deleted & set(docs_a))}, on B {len(deleted & set(docs_b))}"
    )

    for kind in (*FAULT_KINDS, "offline_spells"):
        assert proxy.counts[kind] > 0, proxy.counts
    assert view.foreign == 0
    # Both machines are done: nothing queued, nothing in conflict (no machine had unsynced
    # edits of what the other changed).
    assert pending_and_conflicts(a.store) == (0, [])
    assert pending_and_conflicts(b.store) == (0, [])
    # None lost, none duplicated: the tables hold exactly the applications not deleted, one
    # item per application and person, every person at its application's version.
    assert sorted(lost) == []
    assert sorted(remote_only) == []
    assert view.strays == []
    assert view.items == expected_items(a.store, alive)
    # Remote equal to local, field for field, on both machines.
    assert view.docs == {i: docs_a[i] for i in alive}
    assert view.docs == {i: docs_b[i] for i in alive}
    # A draft deleted on one machine is gone from the other after its pull (neither had
    # unsynced edits of it).
    assert sorted(set(deleted_b) & set(docs_a)) == [], "deleted on B, still on A after its pull"
    assert sorted(set(deleted_a) & set(docs_b)) == [], "deleted on A, still on B after its pull"
    assert docs_a == docs_b == view.docs


def push_in_child(db: str, url: str) -> None:
    """A machine's push in a process of its own (to be killed mid-run)."""
    store = open_store(Path(db))
    remote = boto_remote(
        url, concurrency=DEFAULT_CONCURRENCY, connect_timeout=1, read_timeout=60, max_attempts=4
    )
    engine(store, remote, concurrency=DEFAULT_CONCURRENCY).run_once(pull=False)


def test_push_killed_mid_run_resumes_and_commits_each_application_once(
    timing_remote, proxy, tmp_path
):
    """The app dies in the middle of a push at concurrency 8 (SIGKILL: unconfirmed writes, a
    batch of confirmations never committed, requests still on the wire that land afterwards).
    The next run, through faults, confirms what had committed, sends the rest, and every
    application is written exactly once."""
    a = machine(tmp_path, "a", proxy.url)
    apps = [
        synthetic_application(co_applicants=1 if i % 3 == 0 else 0, guarantors=i % 5 == 0)
        for i in range(N_APPS)
    ]
    add_apps(a.store, apps)
    # The child's later requests wait at the proxy: it is killed there. Each request carries
    # a pack of up to 25 applications (13 for the 320), so 4 pass and every worker is held.
    proxy.hold_after(4)
    child = mp.get_context("spawn").Process(
        target=push_in_child, args=(str(tmp_path / "a" / "leasedesk.sqlite3"), proxy.url)
    )
    child.start()
    deadline = time.monotonic() + 120  # a guard against a hang, not a timed assertion
    while proxy.counts["held"] < DEFAULT_CONCURRENCY:  # every worker stuck
        assert child.is_alive() and time.monotonic() < deadline, proxy.counts
        time.sleep(0.05)
    os.kill(child.pid, signal.SIGKILL)
    child.join(30)
    held = proxy.counts["held"]
    proxy.release()  # what was on the wire reaches the remote after its client died
    pending_after_kill, _ = pending_and_conflicts(a.store)
    assert pending_after_kill > 0

    tally = Tally()
    sync_until_done(a, proxy, tally)
    b = machine(tmp_path, "b", proxy.url)
    sync_until_done(b, proxy, tally)

    remote = boto_remote(timing_remote.url)
    view = remote_view(remote)
    applied = timing_remote.stats()["items_written"]  # writes the remote applied
    items_held = sum(view.items.values())
    versions = Counter(int(item["version"]) for item in remote.query_zone("app", IDENTITY))
    print(
        f"\nkilled push: {N_APPS} apps, killed with {held} requests held and "
        f"{pending_after_kill} applications unconfirmed; resumed in {tally.runs} runs, "
        f"outcomes {dict(tally.outcomes)}; faults: "
        + ", ".join(f"{proxy.counts[k]} {k}" for k in FAULT_KINDS)
        + f"; items written {applied} for {items_held} items held, "
        f"versions {dict(versions)}"
    )
    assert pending_and_conflicts(a.store) == (0, [])
    # Each application committed exactly once (a retry of a committed write is answered from
    # its token or fails its condition and is recognised by the read-back): every item was
    # written once and is at version 1.
    assert applied == items_held
    assert versions == Counter({1: N_APPS})
    assert view.strays == [] and view.items == expected_items(a.store, set(view.docs))
    docs_a = local_docs(a.store)
    assert view.docs == docs_a == local_docs(b.store)
    assert len(docs_a) == N_APPS
