"""Metrics on the machine: what a real run did (a failed sign-in, a sync of two applications to
moto) is counted in the store and printed by ``status --metrics`` as Prometheus text and JSON;
days past the 30-day window are dropped; a metric never raises into its caller."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from prometheus_client.parser import text_string_to_metric_families

from desktop_app.auth.account_service import AccountService
from desktop_app.auth.errors import WrongPassword
from desktop_app.cli.main import main
from desktop_app.config import load_config
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
from desktop_app.services import metrics
from desktop_app.services.local_store import open_account_store
from desktop_app.storage.store import open_store
from tests.fixtures.sync_setup import add_apps, synthetic_application


@pytest.fixture
def recorder(monkeypatch):
    """A fresh process recorder, so nothing another test counted is flushed into this one."""
    fresh = metrics.MetricsRecorder()  # writes every 5 s, and when its store is closed
    monkeypatch.setattr(metrics, "RECORDER", fresh)
    return fresh


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def test_a_failed_sign_in_and_a_sync_are_counted_and_printed(
    recorder, moto, secret_service, tmp_path, monkeypatch, capsys
):
    backend = provision(moto.url)
    for key, value in backend.settings().items():
        monkeypatch.setenv(key, value)
    data = tmp_path / "data"
    monkeypatch.setenv("DESKTOP_APP_DATA_DIR", str(data))
    accounts = AccountService(load_config(None, read_default_file=False), data)
    with pytest.raises(WrongPassword):
        accounts.sign_in(DEMO_USERNAME, "not-the-password-1")
    identity = accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD).account.identity_id
    store = open_account_store(data, identity)
    add_apps(store, [synthetic_application(co_applicants=1, lean=True) for _ in range(2)])
    store.close()

    assert main(["--data-dir", str(data), "sync", "--once"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "status", "--metrics"]) == 0
    found = samples(capsys.readouterr().out)
    assert found[("leasedesk_sign_ins_total", (("cause", "WrongPassword"), ("outcome", "failed")))] == 1
    assert found[("leasedesk_sign_ins_total", (("cause", ""), ("outcome", "ok")))] == 1
    runs = {k[1]: v for k, v in found.items() if k[0] == "leasedesk_sync_runs_total"}
    assert sum(runs.values()) == 1
    ((labels, _),) = runs.items()
    assert dict(labels)["outcome"] == "ok"
    # Two applications, each an app item, an applicant and a co-applicant.
    assert found[("leasedesk_items_sent_total", ())] == 6
    assert found[("leasedesk_bytes_sent_total", ())] > 6 * 100
    assert found[("leasedesk_push_latency_seconds_count", ())] == 2
    assert found[("leasedesk_push_latency_seconds_bucket", (("le", "+Inf"),))] == 2
    assert found[("leasedesk_credential_refreshes_total", (("cause", ""), ("outcome", "ok")))] >= 1

    assert main(["--data-dir", str(data), "status", "--metrics", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    by_name = {m["name"]: m for m in doc["metrics"] if not m["labels"]}
    latency = by_name["push_latency_seconds"]
    assert latency["count"] == 2 and latency["p50"] is not None and latency["p95"] >= latency["p50"]
    assert by_name["items_sent"]["value"] == 6
    assert DEMO_PASSWORD not in json.dumps(doc) and identity not in json.dumps(doc)


def test_days_past_the_window_are_dropped_and_percentiles_come_from_buckets(tmp_path):
    today = [date(2026, 11, 1)]
    recorder = metrics.MetricsRecorder(clock=lambda: today[0], flush_every=0)
    store = open_store(tmp_path / "m.db")
    try:
        recorder.bind(store)
        recorder.count("webhook_deliveries", outcome="delivered")
        for value in (0.02, 0.02, 0.02, 0.4, 20.0):
            recorder.observe(metrics.PUSH_LATENCY, value)
        today[0] += timedelta(days=29)
        recorder.count("webhook_deliveries", outcome="delivered")
        (hooks,) = [s for s in recorder.series() if s.name == "webhook_deliveries"]
        assert hooks.total == 2 and len(hooks.by_day) == 2
        (latency,) = [s for s in recorder.series() if s.name == metrics.PUSH_LATENCY]
        assert latency.count == 5 and latency.quantile(0.5) == 0.025
        assert latency.quantile(0.95) == 30.0

        today[0] += timedelta(days=1)  # day one is now 30 days back: out of the window
        recorder.bind(store)
        (hooks,) = recorder.series()
        assert hooks.total == 1 and list(hooks.by_day) == ["2026-11-30"]
    finally:
        store.close()


def test_a_metric_never_raises_and_is_kept_for_the_next_store(tmp_path):
    recorder = metrics.MetricsRecorder(flush_every=0)
    store = open_store(tmp_path / "m.db")
    store.close()
    broken = open_store(tmp_path / "m.db")
    broken.engine.dispose()
    (tmp_path / "m.db").unlink()
    (tmp_path / "m.db").mkdir()  # the file is gone and its path is now a folder
    recorder.bind(None)
    recorder.count("sync_runs", kind="delta", outcome="ok")
    recorder._store = broken  # a store that can no longer be written
    recorder.count("sync_runs", kind="delta", outcome="ok")  # must not raise
    good = open_store(tmp_path / "good.db")
    try:
        recorder.bind(good)
        (runs,) = recorder.series()
        assert runs.total == 2
    finally:
        good.close()


def test_a_closed_store_is_never_written_and_its_counts_wait_for_the_next(tmp_path):
    from sqlalchemy import text

    recorder = metrics.MetricsRecorder(flush_every=0)
    first = open_store(tmp_path / "first.db")
    recorder.bind(first)
    recorder.count("sync_runs", kind="delta", outcome="ok")
    first.close()  # closed without an unbind (a command line closing its store)
    recorder.count("sync_runs", kind="delta", outcome="ok")
    with first.engine.connect() as conn:  # the first store holds only the first count
        assert conn.execute(text("SELECT SUM(count) FROM daily_metrics")).scalar() == 1
    first.close()
    second = open_store(tmp_path / "second.db")
    try:
        recorder.bind(second)
        (runs,) = recorder.series()
        assert runs.total == 1
    finally:
        second.close()


def test_counts_are_written_in_batches_and_all_of_them_when_the_store_is_let_go(tmp_path):
    from sqlalchemy import text

    recorder = metrics.MetricsRecorder(flush_every=3600)
    store = open_store(tmp_path / "m.db")
    try:
        recorder.bind(store)
        recorder.count("items_sent", 3)  # the first count of the hour is written at once
        for _ in range(50):
            recorder.observe(metrics.PUSH_LATENCY, 0.1)

        def written() -> int:
            with store.engine.connect() as conn:
                return conn.execute(text("SELECT COALESCE(SUM(count), 0) FROM daily_metrics")).scalar()

        assert written() == 1  # the 50 observations wait in memory
        recorder.unbind(store)
        assert written() == 51
    finally:
        store.close()
