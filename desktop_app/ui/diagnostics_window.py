"""Help › Diagnostics…, Open log folder and Copy diagnostics (docs/ui.md, "Diagnostics").

The window lists this machine's metrics (``services/metrics.py``) over the kept 30 days, each
with its total (or p50/p95 for latencies) and a small daily chart (``ui/metric_chart.py``).
Everything is read on the DB worker; the GUI thread only shows it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.metric_chart import DailyBars

if TYPE_CHECKING:

    from desktop_app.ui.main_window import MainWindow

DAYS = 30

TITLES = {
    "sync_runs": QT_TRANSLATE_NOOP("DiagnosticsWindow", "Sync runs"),
    "push_latency_seconds": QT_TRANSLATE_NOOP("DiagnosticsWindow", "Push latency per application"),
    "items_sent": QT_TRANSLATE_NOOP("DiagnosticsWindow", "Items sent"),
    "items_received": QT_TRANSLATE_NOOP("DiagnosticsWindow", "Items received"),
    "bytes_sent": QT_TRANSLATE_NOOP("DiagnosticsWindow", "Bytes sent"),
    "bytes_received": QT_TRANSLATE_NOOP("DiagnosticsWindow", "Bytes received"),
    "sign_ins": QT_TRANSLATE_NOOP("DiagnosticsWindow", "Sign-ins"),
    "credential_refreshes": QT_TRANSLATE_NOOP("DiagnosticsWindow", "Credential refreshes"),
    "webhook_deliveries": QT_TRANSLATE_NOOP("DiagnosticsWindow", "Webhook deliveries"),
}


def daily_values(by_day: dict[str, float], today: str | None = None, days: int = DAYS) -> list[float]:
    end = datetime.fromisoformat(today).date() if today else datetime.now(UTC).date()
    return [by_day.get((end - timedelta(days=days - 1 - i)).isoformat(), 0) for i in range(days)]


#: The words of the metrics' labels and of their values (a cause is an error's class name,
#: shown as it is: support searches the log for it).
LABEL_WORDS = {
    "kind": QT_TRANSLATE_NOOP("DiagnosticsWindow", "kind"),
    "outcome": QT_TRANSLATE_NOOP("DiagnosticsWindow", "outcome"),
    "cause": QT_TRANSLATE_NOOP("DiagnosticsWindow", "cause"),
}
VALUE_WORDS = {
    "ok": QT_TRANSLATE_NOOP("DiagnosticsWindow", "ok"),
    "failed": QT_TRANSLATE_NOOP("DiagnosticsWindow", "failed"),
    "offline": QT_TRANSLATE_NOOP("DiagnosticsWindow", "offline"),
    "conflicts": QT_TRANSLATE_NOOP("DiagnosticsWindow", "conflicts"),
    "error": QT_TRANSLATE_NOOP("DiagnosticsWindow", "error"),
    "needs_attention": QT_TRANSLATE_NOOP("DiagnosticsWindow", "needs attention"),
    "sign_in_required": QT_TRANSLATE_NOOP("DiagnosticsWindow", "sign-in required"),
    "challenge": QT_TRANSLATE_NOOP("DiagnosticsWindow", "new password asked"),
    "delta": QT_TRANSLATE_NOOP("DiagnosticsWindow", "changes only"),
    "full": QT_TRANSLATE_NOOP("DiagnosticsWindow", "full"),
    "sync": QT_TRANSLATE_NOOP("DiagnosticsWindow", "sync"),
    "delivered": QT_TRANSLATE_NOOP("DiagnosticsWindow", "delivered"),
    "pending": QT_TRANSLATE_NOOP("DiagnosticsWindow", "retrying"),
    "retrying": QT_TRANSLATE_NOOP("DiagnosticsWindow", "retrying"),
    "disabled": QT_TRANSLATE_NOOP("DiagnosticsWindow", "endpoint gone"),
}


def _word(words: dict[str, str], value: str) -> str:
    known = words.get(value)
    return QCoreApplication.translate("DiagnosticsWindow", known) if known else value


def _title(metric: dict[str, Any]) -> str:
    known = TITLES.get(metric["name"])
    title = QCoreApplication.translate("DiagnosticsWindow", known) if known else metric["name"]
    labels = ", ".join(
        f"{_word(LABEL_WORDS, k)}: {_word(VALUE_WORDS, str(v))}"
        for k, v in sorted(metric["labels"].items()) if v
    )
    return f"{title} ({labels})" if labels else title


def _figure(metric: dict[str, Any]) -> str:
    if "p50" in metric:
        p50, p95 = metric["p50"], metric["p95"]
        return QCoreApplication.translate(
            "DiagnosticsWindow", "{count} pushes · p50 ≤ {p50} s · p95 ≤ {p95} s"
        ).format(count=metric["count"], p50=f"{p50:g}", p95=f"{p95:g}")
    return f"{metric['value']:,}"


class DiagnosticsWindow(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.main = window
        self.setWindowTitle(self.tr("Diagnostics"))
        self.resize(720, 520)
        self.report: dict[str, Any] | None = None
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("Reading this machine's metrics…"))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy diagnostics"))
        self.copy_button.clicked.connect(lambda: copy_diagnostics(window, self.report))
        logs = QPushButton(self.tr("Open &log folder"))
        logs.clicked.connect(lambda: open_log_folder(window))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(logs, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.charts: dict[str, DailyBars] = {}

    def load(self) -> None:
        read_diagnostics(self.main, self.show_report)

    def show_report(self, report: dict[str, Any]) -> None:
        self.report = report
        metrics = report["metrics"]
        status = report.get("status") or {}
        self.summary.setText(
            self.tr("LeaseDesk {version} · last {days} days on this machine · {pending} waiting "
                    "to sync · last synced {last}").format(
                version=report["version"], days=DAYS, pending=status.get("pending", 0),
                last=status.get("last_synced") or self.tr("never"))
            + ("" if metrics else self.tr("\n\nNothing recorded yet: metrics appear after a sync or sign-in."))
        )
        for row, metric in enumerate(metrics):
            name = QLabel(f"<b>{escape(_title(metric))}</b><br>{escape(_figure(metric))}")
            name.setTextFormat(Qt.TextFormat.RichText)
            chart = DailyBars()
            chart.set_values(daily_values(metric["by_day"]))
            self.charts[_title(metric)] = chart
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(chart, row, 1)
        self.grid.setRowStretch(len(metrics), 1)


def read_diagnostics(window: MainWindow, done: Any) -> None:
    ctx = window.ctx
    if ctx is None:
        return

    def collect() -> dict[str, Any]:
        from desktop_app.services.diagnostics import collect as collect_report

        return collect_report(ctx.store, ctx.data_dir, ctx.config)

    ctx.tasks.db(collect).success(done).failure(
        lambda exc: window.error(
            QCoreApplication.translate("DiagnosticsWindow", "The diagnostics could not be read"), exc)
    ).run()


def open_diagnostics(window: MainWindow) -> DiagnosticsWindow | None:
    if window.ctx is None:
        return None
    dialog = DiagnosticsWindow(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.load()
    return dialog


def copy_diagnostics(window: MainWindow, report: dict[str, Any] | None = None) -> None:
    from desktop_app.services.diagnostics import as_text

    def copy(found: dict[str, Any]) -> None:
        QApplication.clipboard().setText(as_text(found))
        window.statusBar().showMessage(QCoreApplication.translate("DiagnosticsWindow", "Diagnostics copied to the clipboard"), 6000)

    if report is not None:
        copy(report)
    else:
        read_diagnostics(window, copy)


def open_log_folder(window: MainWindow) -> None:
    from desktop_app.logs import log_dir

    if window.ctx is None:
        return
    folder = log_dir(window.ctx.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        window.statusBar().showMessage(QCoreApplication.translate("DiagnosticsWindow", "The log folder is {folder}").format(folder=folder), 15000)
