"""Help › Diagnostics… shows this machine's metrics with a daily chart each; Copy diagnostics
puts version, settings, status, the log's last errors and the metrics on the clipboard, and
never an applicant's data."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.logs import log_dir
from desktop_app.services import metrics
from desktop_app.ui.diagnostics_window import DiagnosticsWindow, daily_values
from desktop_app.ui.main_window import MainWindow
from tests.ui.shell_fixtures import add_applications, make_application


@pytest.fixture
def window(qtbot, ctx, monkeypatch):
    recorder = metrics.MetricsRecorder()
    monkeypatch.setattr(metrics, "RECORDER", recorder)
    recorder.bind(ctx.store)
    add_applications(ctx, make_application("Quinby", "Marlowe", "100 Example Street", "4B", "2500"))
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.loaded)
    yield win
    win.close()


def _dialog(qapp) -> DiagnosticsWindow | None:
    found = [w for w in qapp.topLevelWidgets() if isinstance(w, DiagnosticsWindow) and w.isVisible()]
    return found[0] if found else None


def test_the_window_shows_each_metric_with_its_daily_chart(qtbot, qapp, window: MainWindow):
    metrics.count("sync_runs", kind="delta", outcome="ok")
    metrics.count("sync_runs", kind="delta", outcome="ok")
    metrics.count("sign_ins", outcome="failed", cause="WrongPassword")
    for seconds in (0.02, 0.03, 2.0):
        metrics.observe("push_latency_seconds", seconds)
    window.diagnostics_action.trigger()
    qtbot.waitUntil(lambda: _dialog(qapp) is not None and _dialog(qapp).report is not None)
    dialog = _dialog(qapp)
    charts = dialog.charts
    assert charts["Sync runs (kind: changes only, outcome: ok)"].values[-1] == 2
    assert charts["Sign-ins (cause: WrongPassword, outcome: failed)"].values[-1] == 1
    assert charts["Push latency per application"].values[-1] == 3
    assert len(charts["Sync runs (kind: changes only, outcome: ok)"].values) == 30
    dialog.grab()  # paints every chart without error
    dialog.close()


def test_copy_diagnostics_holds_no_applicant_data(qtbot, qapp, window: MainWindow, ctx):
    log = log_dir(ctx.data_dir) / "desktop_app.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text(
        "2026-12-01 10:00:00,000 ERROR desktop_app.sync: push failed: ThrottlingException\n"
        "2026-12-01 10:00:01,000 INFO desktop_app.sync: pushed 1\n",
        encoding="utf-8",
    )
    metrics.count("webhook_deliveries", outcome="delivered")
    QApplication.clipboard().clear()
    window.copy_diagnostics_action.trigger()
    qtbot.waitUntil(lambda: QApplication.clipboard().text().startswith("LeaseDesk diagnostics"))
    text = QApplication.clipboard().text()
    report = json.loads(text.split("\n", 1)[1])
    assert report["last_errors"] == [
        "2026-12-01 10:00:00,000 ERROR desktop_app.sync: push failed: ThrottlingException"
    ]
    assert report["status"]["applications"]["total"] == 1
    assert [m["name"] for m in report["metrics"]] == ["webhook_deliveries"]
    assert "Quinby" not in text and "Marlowe" not in text and "Example Street" not in text


def test_daily_values_put_today_last_and_fill_gaps():
    values = daily_values({"2026-11-30": 4, "2026-11-02": 1}, today="2026-11-30")
    assert values[-1] == 4 and values[1] == 1 and values[0] == 0 and sum(values) == 5
