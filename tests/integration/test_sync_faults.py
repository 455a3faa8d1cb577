"""Sync through a misbehaving network: dropped connections, 500s, throttling and replies lost
after the write committed. Every application arrives exactly once and the remote equals the
local store."""

from __future__ import annotations

from collections import Counter

from desktop_app.storage.sync_repository import sync_uow
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

N_APPS = 300


def test_300_applications_sync_through_faults_none_lost_none_duplicated(
    moto,
    fault_proxy,
    tmp_path,
):
    create_tables(moto)
    proxy = fault_proxy(
        FaultPlan(
            drop=0.04,
            error_500=0.04,
            throttle=0.04,
            stall_after_forward=0.03,
            stall_seconds=1.3,
            seed=11,
        )
    )
    store = new_store(tmp_path)
    apps = [
        synthetic_application(co_applicants=i % 3 == 0, guarantors=i % 5 == 0)
        for i in range(N_APPS)
    ]
    add_apps(store, apps)
    remote = boto_remote(proxy.url, connect_timeout=1, read_timeout=1, max_attempts=10)
    eng = engine(store, remote)

    runs = 0
    while True:
        runs += 1
        report = eng.run_once(pull=False)
        if not report.failed or runs == 5:
            break
    assert not report.failed, report.summary()

    # every fault kind happened, including writes that committed without a reply
    for fault in ("drop", "error_500", "throttle", "stall_after_forward"):
        assert proxy.counts[fault] > 0, proxy.counts

    with sync_uow(store) as uow:
        assert uow.outbox.count() == 0
        states = uow.sync.states()
    assert len(states) == N_APPS and {s.state for s in states.values()} == {"synced"}

    # none lost, none duplicated: exactly the expected items, each written once (version 1)
    held = remote_applications(moto)
    assert len(held) == N_APPS
    per_table = Counter(t for items in held.values() for t, _ in items)
    assert per_table == Counter(
        {
            "app": N_APPS,
            "applicant": N_APPS,
            "coapplicant": sum(1 for a in apps if a.co_applicants),
            "guarantor": sum(1 for a in apps if a.guarantors),
        }
    )
    assert {int(i["version"]) for items in held.values() for _, i in items} == {1}
    assert remote_docs(moto) == local_docs(store)


def test_retry_after_stalled_reply_counts_own_committed_write(moto, fault_proxy, tmp_path):
    """Every transaction commits but its reply is lost: botocore retries, the condition fails
    (moto ignores ClientRequestToken), and the read-back recognises our own write."""
    create_tables(moto)
    proxy = fault_proxy(
        FaultPlan(stall_after_forward=1.0, stall_seconds=1.2, ops=("TransactWriteItems",))
    )
    store = new_store(tmp_path)
    add_apps(store, [synthetic_application(1, 1) for _ in range(3)])
    eng = engine(store, boto_remote(proxy.url, connect_timeout=1, read_timeout=1, max_attempts=2))
    report = eng.run_once(pull=False)
    assert report.count("synced") == 3, report.outcomes
    assert proxy.counts["stall_after_forward"] >= 3
    assert remote_docs(moto) == local_docs(store)
    assert {
        int(i["version"]) for items in remote_applications(moto).values() for _, i in items
    } == {1}
