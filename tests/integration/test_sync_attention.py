"""Liveness: an amended draft syncs like any draft; an application that fails on every run
lands in "needs attention" with its reason (never hidden behind a fresh "last synced"); and a
needs-attention entry is retried when its cause may have changed, or on demand."""

from __future__ import annotations

from desktop_app.domain.models import Status
from desktop_app.services.autosave import AutosaveService
from desktop_app.bootstrap import scheduled_sync
from desktop_app.services.sync_service import SyncService
from desktop_app.sync import outcome as oc
from desktop_app.sync.errors import Transient
from tests.fixtures.sync_setup import (
    KeySetting,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    new_store,
    remote_docs,
    synthetic_application,
)


def _machine(tmp_path, moto, name="a", **kw):
    store = new_store(tmp_path / name)
    eng = engine(store, boto_remote(moto.url), **kw)
    autosave = AutosaveService(store)
    return store, autosave, SyncService(store, lambda: eng, autosave=autosave)


def test_an_amended_submitted_application_syncs(moto, tmp_path):
    create_tables(moto)
    _store, autosave, sync = _machine(tmp_path, moto)
    original = synthetic_application(co_applicants=1, guarantors=1)
    original.status = Status.SUBMITTED
    add_apps(_store, [original])
    assert not sync.sync_once().failed

    draft = autosave.amend(original.id)
    autosave.save_field(draft.id, "application_info.unit", "4D")
    report = sync.sync_once()
    assert [(o.application_id, o.result) for o in report.outcomes] == [(draft.id, oc.SYNCED)]
    assert not report.failed and sync.status().pending == 0
    remote = remote_docs(moto)
    assert remote[draft.id]["application_info"]["unit"] == "4D"
    assert remote[draft.id]["amends"] == original.id
    assert len(remote[draft.id]["co_applicants"]) == len(remote[draft.id]["guarantors"]) == 1
    # The submitted original is untouched on the remote.
    assert remote[original.id]["status"] == "submitted"
    assert remote[original.id]["application_info"]["unit"] == original.application_info.unit


class _FailingTransactions:
    """A remote whose transactions always fail transiently (reads go through)."""

    def __init__(self, inner):
        self.inner = inner

    def transact_write(self, tx):
        raise Transient("HTTP 500")

    def __getattr__(self, name):
        return getattr(self.inner, name)


def test_an_application_failing_on_every_run_surfaces_in_needs_attention(moto, tmp_path):
    create_tables(moto)
    store = new_store(tmp_path / "a")
    eng = engine(store, _FailingTransactions(boto_remote(moto.url)))
    sync = SyncService(store, lambda: eng)
    app = synthetic_application()
    add_apps(store, [app])

    first = sync.sync_once()
    assert [o.result for o in first.outcomes] == [oc.RETRY_LATER]
    # A failed run is not a successful sync: "last synced" stays unset.
    assert sync.status().last_synced_at is None
    for _ in range(2):
        sync.sync_once()
    status = sync.status()
    assert status.last_synced_at is None
    assert status.needs_attention == 1
    (entry,) = sync.needs_attention()
    assert entry.application_id == app.id and "HTTP 500" in entry.reason


def test_a_draft_whose_people_share_ids_with_another_application_syncs(moto, tmp_path):
    """Amended copies made before amend gave people new ids: their people's remote keys are
    the submitted original's. The engine gives them new ids and pushes."""
    create_tables(moto)
    store, autosave, sync = _machine(tmp_path, moto)
    original = synthetic_application(co_applicants=1)
    original.status = Status.SUBMITTED
    add_apps(store, [original])
    assert not sync.sync_once().failed
    copy = original.model_copy(deep=True)
    copy.id, copy.status, copy.amends = "01J" + original.id[3:][::-1], Status.DRAFT, original.id
    add_apps(store, [copy])

    report = sync.sync_once()
    assert [o.result for o in report.outcomes] == [oc.SYNCED] and not report.failed
    remote = remote_docs(moto)
    assert remote[copy.id]["amends"] == original.id
    ids = {p["id"] for p in [remote[copy.id]["primary_applicant"], *remote[copy.id]["co_applicants"]]}
    kept = {original.primary_applicant.id, original.co_applicants[0].id}
    assert not ids & kept  # new ids ...
    assert {p["id"] for p in [remote[original.id]["primary_applicant"]]} <= kept  # ... theirs kept
    local = autosave.load(copy.id)
    assert {p.id for _, p in local.people()} == ids  # the local copy carries the new ids
    assert sync.sync_once().outcomes == []


def _stuck_in_attention(tmp_path, moto):
    create_tables(moto)
    store = new_store(tmp_path / "a")
    setting = KeySetting()
    eng = engine(store, boto_remote(moto.url), transform=setting, context="settings-1")
    app = synthetic_application()
    app.status = Status.SUBMITTED  # cannot change: only a retry can push it
    add_apps(store, [app])
    sync = SyncService(store, lambda: eng)
    assert [o.result for o in sync.sync_once().outcomes] == [oc.NEEDS_ATTENTION]
    assert sync.sync_once().outcomes == []  # the same revision is not retried by itself
    return store, setting, eng, app


def test_needs_attention_is_retried_on_demand_after_its_cause_is_fixed(moto, tmp_path):
    store, setting, eng, app = _stuck_in_attention(tmp_path, moto)
    setting.key = "alias/leasedesk"  # the agent fixes the setting ...
    scheduled = scheduled_sync(
        lambda request: SyncService(store, lambda: eng, retry_at_start=False, request_sync=request)
    )
    sync = scheduled.service
    assert sync.sync_once().outcomes == []  # ... nothing retries it by itself ...
    sync.retry_attention()  # ... until Retry
    assert scheduled.scheduler.due() is not None
    report = sync.sync_once()
    assert report.retried == 1
    assert [(o.application_id, o.result) for o in report.outcomes] == [(app.id, oc.SYNCED)]
    assert sync.status().needs_attention == 0 and sync.status().pending == 0
    assert app.id in remote_docs(moto)


def test_needs_attention_is_retried_at_start_and_when_settings_change(moto, tmp_path):
    store, setting, eng, app = _stuck_in_attention(tmp_path, moto)
    # A new start (a new service over the same store) retries: still broken, still listed.
    report = SyncService(store, lambda: eng).sync_once()
    assert report.retried == 1 and [o.result for o in report.outcomes] == [oc.NEEDS_ATTENTION]
    # New settings (another engine context) retry without being asked.
    setting.key = "alias/leasedesk"
    fixed = engine(store, eng.remote, transform=setting, context="settings-2")
    report = SyncService(store, lambda: fixed, retry_at_start=False).sync_once()
    assert report.retried == 1 and [o.result for o in report.outcomes] == [oc.SYNCED]
    assert app.id in remote_docs(moto)


def test_cli_retry_and_a_fixed_setting_send_what_needed_attention(
    moto, secret_service, tmp_path, monkeypatch, capsys
):
    import json

    from desktop_app.auth.account_service import AccountService
    from desktop_app.cli.main import main
    from desktop_app.config import load_config
    from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
    from desktop_app.services.local_store import open_account_store

    backend = provision(moto.url)
    settings = backend.settings()
    for key, value in settings.items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("DESKTOP_APP_KMS_KEY_ID")  # the setting is missing at first
    data = tmp_path / "data"
    monkeypatch.setenv("DESKTOP_APP_DATA_DIR", str(data))
    accounts = AccountService(load_config(None, read_default_file=False), data)
    identity = accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD).account.identity_id
    app = synthetic_application()  # with bank accounts: not sent without a KMS key
    app.status = Status.SUBMITTED  # cannot be edited: only a retry sends it again
    store = open_account_store(data, identity)
    add_apps(store, [app])
    store.close()

    def sync(*extra: str) -> tuple[int, str]:
        capsys.readouterr()
        code = main(["--data-dir", str(data), "sync", "--once", *extra])
        return code, capsys.readouterr().out

    code, out = sync()
    assert code == 1 and f"needs attention {app.id}" in out
    code, out = sync()
    assert "nothing to push" in out and "Retried" not in out  # not retried by itself
    code, out = sync("--retry")
    assert code == 1 and "Retried 1 that needed attention." in out
    assert f"needs attention {app.id}" in out  # the cause is still there

    monkeypatch.setenv("DESKTOP_APP_KMS_KEY_ID", settings["DESKTOP_APP_KMS_KEY_ID"])  # fixed: retried without asking
    code, out = sync()
    assert code == 0 and "Retried 1 that needed attention." in out and "1 synced" in out
    assert main(["--data-dir", str(data), "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["needs_attention"] == [] and status["pending"] == 0
