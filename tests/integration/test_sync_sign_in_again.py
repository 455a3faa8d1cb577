"""The sign-in lapsing in the middle of a sync (several applications, some already pushed):
the engine stops with "sign in required", and after signing in again everything reaches the
remote — nothing lost, nothing pushed twice. The account runs on a shifted clock (as in
``test_sync_credentials.py``) so the moment the credentials and the id token run out is exact."""

from __future__ import annotations

from datetime import timedelta

from desktop_app.auth.account_service import AccountService
from desktop_app.config import load_config
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
from desktop_app.services.sync_service import SyncService, build_engine
from desktop_app.sync import outcome as oc
from tests.fixtures.backend import ShiftedClock
from tests.fixtures.sync_setup import (
    add_apps,
    local_docs,
    new_store,
    remote_docs,
    synthetic_application,
)


def test_sign_in_lapsing_mid_run_loses_nothing(moto, secret_service, tmp_path):
    backend = provision(moto.url)
    clock = ShiftedClock(timedelta(minutes=-60))
    config = load_config(None, env=backend.settings(), read_default_file=False)
    accounts = AccountService(config, tmp_path / "data", clock=clock)
    accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    factory = accounts.aws_session_factory()
    identity = factory.identity_id

    store = new_store(tmp_path)
    add_apps(store, [synthetic_application(co_applicants=1, lean=True) for _ in range(12)])

    # One application per transaction (pack=1): the sign-in lapses after the 5th of them.
    engine = build_engine(store, factory, config, concurrency=1, pack=1)
    send = engine.remote.transact_write
    sent: list[object] = []

    def transact_write(tx: object) -> None:
        # Part-way (after the 5th transaction): signed out elsewhere, credentials run out.
        # Counted at the remote, not from progress reports, which arrive in batches.
        if len(sent) == 5:
            accounts.sign_out(revoke=False)
            clock.offset = timedelta(minutes=5)
        sent.append(tx)
        send(tx)

    engine.remote.transact_write = transact_write  # type: ignore[method-assign]
    report = SyncService(store, lambda: engine).sync_once()
    assert report.sign_in_required and report.failed
    pushed = report.count(oc.SYNCED)
    assert 5 <= pushed < 12
    assert oc.SIGN_IN_REQUIRED in {o.result for o in report.outcomes}
    status = SyncService(store, None).status()
    assert status.sign_in_required and status.pending == 12 - pushed
    assert status.last_synced_at is None  # an interrupted run is not a sync
    assert len(remote_docs(moto, identity)) == pushed

    # Signing in again: the rest goes up, the pushed ones are not sent again.
    clock.offset = timedelta(minutes=-60)
    accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    again = build_engine(store, accounts.aws_session_factory(), config, concurrency=1)
    report = SyncService(store, lambda: again).sync_once()
    assert not report.failed, report.summary()
    assert report.count(oc.SYNCED) == 12 - pushed
    status = SyncService(store, None).status()
    assert (status.pending, status.sign_in_required) == (0, False) and status.last_synced_at
    assert remote_docs(moto, identity) == local_docs(store)
