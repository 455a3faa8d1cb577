"""Credentials expiring in the middle of a sync are renewed and the sync completes.

The account runs on a clock an hour behind (as in ``test_auth_renewal.py``): moto's 90-second
credentials then look fresh, so nothing renews until the test moves the clock, part-way through
the queue, to within botocore's mandatory-refresh window. The refresh counts are then exact:
a test on the real clock could not fail, as botocore would refresh on every call (docs/architecture.md, "Testing policy")."""

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


def test_credentials_expiring_mid_sync_are_renewed_and_the_sync_completes(
    moto, secret_service, tmp_path
):
    backend = provision(moto.url)
    clock = ShiftedClock(timedelta(minutes=-60))
    config = load_config(None, env=backend.settings(), read_default_file=False)
    accounts = AccountService(config, tmp_path / "data", clock=clock)
    accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    factory = accounts.aws_session_factory()
    identity = factory.identity_id

    store = new_store(tmp_path)
    add_apps(store, [synthetic_application(co_applicants=1, lean=True) for _ in range(20)])
    refreshes_at: dict[int, int] = {}
    moved_at: list[int] = []  # the progress count at which the clock moved

    def progress(done: int, total: int) -> None:
        # Progress reports may skip counts (finished pushes are collected in batches), so the
        # clock moves at the first report of 8 or more rather than at exactly 8.
        refreshes_at[done] = factory.refresh_count
        if not moved_at and done >= 8:  # part-way: the credentials now have ~5 minutes left
            moved_at.append(done)
            clock.offset = timedelta(minutes=-4)

    # One application per transaction (pack=1), so the run has a middle to move the clock in.
    engine = build_engine(store, factory, config, concurrency=1, on_progress=progress, pack=1)
    service = SyncService(store, lambda: engine)
    report = service.sync_once()

    assert report.count(oc.SYNCED) == 20 and not report.failed, report.summary()
    # Nothing renewed before the clock moved; renewed (once for the id token) after.
    assert moved_at and moved_at[0] < 20 and refreshes_at[moved_at[0]] == 0
    assert factory.refresh_count >= 1 and refreshes_at[20] >= 1
    assert factory.credentials.renewer.token_refresh_count == 1
    assert remote_docs(moto, identity) == local_docs(store)
