"""Packed transactions: several applications in one TransactWriteItems, never one split, a
cancellation traced to the applications it names, each application read back on its own, and
a single edit sent at once, alone — on real SQLite stores against the in-memory remote."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services.autosave import AutosaveService
from desktop_app.sync.engine import SyncEngine
from desktop_app.sync.errors import Transient
from desktop_app.sync.keys import appid_for
from desktop_app.sync.mapping import application_items
from desktop_app.sync.outcome import Result
from desktop_app.sync.packing import PackCancelled, pack_token, packs
from desktop_app.sync.queue import batch_size
from desktop_app.sync.transaction import plan_transaction
from tests.fixtures.fake_remote import FakeRemote
from tests.fixtures.sync_setup import IDENTITY, add_apps, new_store, synthetic_application


def _tx(app, version: int = 0, now: str = "2026-11-26T12:00:00+00:00"):
    items = application_items(app, IDENTITY)
    known = {i.ident: version for i in items} if version else {}
    return plan_transaction(
        appid_for(IDENTITY, app.id), version, items, known, app.created_at.isoformat(), now
    )


def _engine(path: Path, remote: FakeRemote, **kw) -> tuple[SyncEngine, AutosaveService]:
    store = new_store(path)
    edit = AutosaveService(store)
    eng = SyncEngine(
        store, remote, IDENTITY, concurrency=1, sleep=lambda _s: None, on_changed=edit.forget, **kw
    )
    return eng, edit


def test_packs_fill_to_100_actions_never_split_an_application_nor_repeat_an_item():
    txs = [_tx(synthetic_application(co_applicants=1, guarantors=1)) for _ in range(30)]
    out = packs(txs)
    assert [len(p) for p in out] == [25, 5]
    assert [sum(t.write_count for t in p) for p in out] == [100, 20]
    assert [t for p in out for t in p] == txs  # each once, in order, whole
    # Two transactions touching the same item never share a pack.
    app = synthetic_application()
    twice = [_tx(app), _tx(synthetic_application()), _tx(app, now="2026-11-26T12:00:01+00:00")]
    assert [len(p) for p in packs(twice)] == [2, 1]
    # The size budget splits too; an application bigger than the budget goes alone.
    budget = 3 * max(map(_bytes, txs[:6]))
    by_size = packs(txs[:6], max_bytes=budget)
    assert len(by_size) == 2 and all(sum(map(_bytes, p)) <= budget for p in by_size)
    assert [len(p) for p in packs(txs[:2], max_bytes=1)] == [1, 1]


def _bytes(tx) -> int:
    from desktop_app.sync.packing import tx_bytes

    return tx_bytes(tx)


def test_cancellation_reasons_are_traced_to_the_applications_whose_actions_they_name():
    txs = [_tx(synthetic_application(co_applicants=1)) for _ in range(3)]  # 3 actions each
    reasons = ["None"] * 9
    reasons[5] = "ConditionalCheckFailed"
    assert PackCancelled(reasons).culprits(txs) == [1]
    reasons[0] = "ValidationError"
    assert PackCancelled(reasons).culprits(txs) == [0, 1]
    conflict = ["None", "TransactionConflict"] + ["None"] * 7
    assert PackCancelled(conflict).culprits(txs) == [] and PackCancelled(conflict).retryable
    assert PackCancelled(reasons[:4]).culprits(txs) == []  # not one per action: not traced
    # The pack's token is its members' (in order); a pack of one keeps its own.
    assert pack_token(txs) != pack_token(txs[:2]) != pack_token(txs[1:])
    assert pack_token(txs[:1]) == txs[0].token


def test_a_backlog_is_shared_out_in_batches_and_a_single_edit_is_a_batch_of_one():
    assert batch_size(1000, 8, 25) == 25
    assert batch_size(10, 8, 25) == 2
    assert batch_size(1, 8, 25) == 1
    assert batch_size(1000, 8, 1) == 1


def test_applications_go_out_packed_and_a_single_edit_alone(tmp_path):
    remote = FakeRemote()
    eng, edit = _engine(tmp_path / "a", remote)
    apps = [synthetic_application(co_applicants=1, guarantors=1) for _ in range(6)]
    add_apps(eng.store, apps)
    report = eng.run_once(pull=False)
    assert {o.result for o in report.outcomes} == {Result.SYNCED}
    assert remote.packs == [6] and remote.attempts == 1 and remote.transactions == 6
    edit.save_field(apps[0].id, "primary_applicant.first_name", "Robin")
    assert [o.result for o in eng.run_once(pull=False).outcomes] == [Result.SYNCED]
    assert remote.packs == [6] and remote.attempts == 2  # sent at once, on its own


def test_a_cancellation_naming_one_application_retries_the_others_without_it(tmp_path):
    remote = FakeRemote()
    eng, edit = _engine(tmp_path / "a", remote)
    apps = [synthetic_application(co_applicants=1) for _ in range(5)]
    add_apps(eng.store, apps)
    eng.run_once(pull=False)
    # Another machine moved the third application on (its app item, a new version).
    appid = appid_for(IDENTITY, apps[2].id)
    moved = dict(next(i for t, i in remote.items_of(appid) if t == "app"))
    moved["version"] = 2
    remote.put_item("app", moved)
    for app in apps:
        edit.save_field(app.id, "primary_applicant.first_name", "Robin")

    report = eng.run_once(pull=False)
    results = {o.application_id: o.result for o in report.outcomes}
    assert results.pop(apps[2].id) is Result.MERGED
    assert set(results.values()) == {Result.SYNCED}
    # The pack of five was cancelled, the four others went again together, the third alone.
    assert remote.packs == [5, 5, 4]
    for app in apps:
        versions = {t: int(i["version"]) for t, i in remote.items_of(appid_for(IDENTITY, app.id))}
        assert versions["app"] == (3 if app is apps[2] else 2), versions


def test_a_pack_committed_without_an_answer_is_read_back_per_application(tmp_path):
    remote = FakeRemote()
    eng, _edit = _engine(tmp_path / "a", remote)
    add_apps(eng.store, [synthetic_application(guarantors=1) for _ in range(4)])
    remote.fail_next(Transient("ReadTimeoutError"), applied=True)
    report = eng.run_once(pull=False)
    assert {o.result for o in report.outcomes} == {Result.SYNCED}
    assert remote.attempts == 1 and remote.transactions == 4  # found committed: not sent again
    assert eng.run_once(pull=False).outcomes == []  # every one confirmed


def test_a_pack_refused_by_conflicts_is_sent_again_whole(tmp_path):
    remote = FakeRemote()
    eng, _edit = _engine(tmp_path / "a", remote)
    add_apps(eng.store, [synthetic_application() for _ in range(3)])
    real = remote.transact_write_pack
    refusals = [PackCancelled(["None", "TransactionConflict", "None"])]

    def conflicting(txs):
        if refusals:
            remote.packs.append(len(txs))
            raise refusals.pop()
        real(txs)

    remote.transact_write_pack = conflicting
    report = eng.run_once(pull=False)
    assert {o.result for o in report.outcomes} == {Result.SYNCED}
    assert remote.packs == [3, 3] and remote.transactions == 3


def test_a_member_refused_by_dynamodb_needs_attention_and_the_others_sync(tmp_path):
    remote = FakeRemote()
    eng, _edit = _engine(tmp_path / "a", remote)
    apps = [synthetic_application() for _ in range(3)]
    add_apps(eng.store, apps)
    real_pack, real_one = remote.transact_write_pack, remote.transact_write
    refused = appid_for(IDENTITY, apps[1].id)

    def pack(txs):
        remote.packs.append(len(txs))
        if any(tx.appid == refused for tx in txs):
            reasons = [  # one per action, in order
                "ValidationError" if tx.appid == refused else "None"
                for tx in txs
                for _ in range(tx.write_count)
            ]
            raise PackCancelled(reasons)
        real_pack(txs)
        remote.packs.pop()  # counted above

    def one(tx):
        if tx.appid == refused:  # e.g. over 400 KB with another system's attributes
            from desktop_app.sync.errors import Permanent

            raise Permanent("DynamoDB refused the application: Item size has exceeded the limit")
        real_one(tx)

    remote.transact_write_pack, remote.transact_write = pack, one
    results = {o.application_id: o.result for o in eng.run_once(pull=False).outcomes}
    assert results == {
        apps[0].id: Result.SYNCED,
        apps[1].id: Result.NEEDS_ATTENTION,
        apps[2].id: Result.SYNCED,
    }
    assert remote.packs == [3, 2]  # the refused one named, the two others packed again


def test_a_whole_request_refused_is_resolved_by_sending_each_alone(tmp_path):
    from desktop_app.sync.errors import Permanent

    remote = FakeRemote()
    eng, _edit = _engine(tmp_path / "a", remote)
    add_apps(eng.store, [synthetic_application() for _ in range(4)])

    def too_big(txs):
        remote.packs.append(len(txs))
        raise Permanent("DynamoDB refused the application: Transaction request size too large")

    remote.transact_write_pack = too_big
    report = eng.run_once(pull=False)
    assert {o.result for o in report.outcomes} == {Result.SYNCED}
    assert remote.packs == [4] and remote.transactions == 4  # then each on its own
