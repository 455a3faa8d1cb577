"""The status bar's sync status and the "Sync now" / "Retry what needs attention" actions, over
the Qt-free scheduler.

A QTimer asks the scheduler every second whether a sync is due (start-up, timer, submit,
"Sync now", network back); the sync itself runs on the network pool, never the GUI thread.
While it runs the status shows progress; afterwards online/offline, pending, conflicts, needs
attention and last synced, and the list's sync column is refreshed. ``conflicts_found`` says
which applications wait for the agent; resolving them is the sync wiring's (``sync_wiring.py``).

Wiring (``SyncWiring`` owns it): ``SyncStatusController(window, tasks, service, scheduler)`` where
``window`` has ``set_sync_status(text)`` and ``set_sync_states(dict)``; add the controller's
``sync_now_action`` and ``retry_action`` to a menu; call ``controller.submitted()`` after a
submit."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from desktop_app.services.changes import OpChanges
from desktop_app.services.status import AppSyncState, SyncStatus
from desktop_app.services.sync_service import SyncService
from desktop_app.sync.outcome import Result, SyncReport
from desktop_app.sync.scheduler import SyncScheduler

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("SyncStatusController", text)


def status_line(status: SyncStatus) -> str:
    """The status bar's sync line: online or offline, what waits, and when the last sync was,
    in local time and the locale's short format."""
    from datetime import datetime

    from desktop_app.ui.formats import format_datetime
    from desktop_app.ui.plurals import format_count, plural

    if status.progress is not None:
        done, total = status.progress
        return _tr("Syncing {done}/{total}…").format(done=done, total=total)
    if status.online is None:
        parts = [_tr("Not synced yet")]
    else:
        parts = [_tr("Online") if status.online else _tr("Offline")]
    if status.sign_in_required:
        parts.append(_tr("sign in to sync"))
    parts.append(_tr("{n} pending").format(n=format_count(status.pending)))
    if status.conflicts:
        parts.append(
            plural("SyncStatusController", status.conflicts, "%n conflict", "%n conflicts")
        )
    if status.needs_attention:
        parts.append(
            plural(
                "SyncStatusController",
                status.needs_attention,
                "%n needs attention",
                "%n need attention",
            )
        )
    if status.last_synced_at:
        try:
            when = format_datetime(datetime.fromisoformat(status.last_synced_at))
        except ValueError:
            when = status.last_synced_at
        parts.append(_tr("last synced {when}").format(when=when))
    return " · ".join(parts)


def status_icon_kind(status: SyncStatus) -> str:
    """The ``status_icons`` kind before the line: the most pressing state first."""
    if status.conflicts:
        return "conflict"
    if status.needs_attention:
        return "needs_attention"
    if status.online is False or status.sign_in_required:
        return "offline"
    if status.pending:
        return "waiting"
    return "synced" if status.online else "not_synced"


class SyncStatusController(QObject):
    #: After every sync: the report.
    synced = Signal(object)
    #: Applications with conflicts waiting for the agent (ids), after a sync found some.
    conflicts_found = Signal(list)

    def __init__(
        self,
        window: Any,
        tasks: Any,
        service: SyncService,
        scheduler: SyncScheduler,
        *,
        bus: Any = None,
        tick_ms: int = 1000,
        network_information: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.tasks = tasks
        self.service = service
        self.scheduler = scheduler
        self.running = False
        self.last_status: SyncStatus | None = None

        self.sync_now_action = QAction(_tr("Sync now"), window)
        self.sync_now_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_now_action.setStatusTip(_tr("Push and pull every application now"))
        self.sync_now_action.triggered.connect(self.sync_now)
        self.retry_action = QAction(_tr("Retry what needs attention"), window)
        self.retry_action.setStatusTip(
            _tr("Send the applications that need attention again (after fixing a setting, say)")
        )
        self.retry_action.setEnabled(False)
        self.retry_action.triggered.connect(self.retry_attention)
        #: Needs-attention entries the last sync retried (said in the status bar).
        self.last_retried = 0

        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._tick)
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(200)
        self._progress_timer.timeout.connect(self._show_progress)
        self.bus = bus
        # Many changes in a row (a pull of hundreds) refresh once.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(150)
        self._refresh_timer.timeout.connect(self.refresh)
        if bus is not None and hasattr(bus, "application_changed"):
            bus.application_changed.connect(lambda _id: self._refresh_timer.start())
        if network_information:
            self._watch_network()

    # -- starting and triggers ---------------------------------------------------------
    def start(self) -> None:
        self.refresh()
        self._timer.start()
        self._tick()

    def stop(self) -> None:
        self._timer.stop()
        self._progress_timer.stop()

    def sync_now(self) -> None:
        self.scheduler.request("sync now")
        self._tick()

    def retry_attention(self) -> None:
        """Retry every needs-attention entry now (a sync that includes them)."""
        self.service.retry_attention()
        self._tick()

    def submitted(self) -> None:
        self.scheduler.submitted()
        self._tick()

    def network_changed(self, online: bool) -> None:
        self.scheduler.network_changed(online)
        if online:
            self._tick()

    def _watch_network(self) -> None:
        """Qt's network information (when a backend exists) says when the network returns."""
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:  # pragma: no cover — pyside6-essentials has QtNetwork
            return
        if not QNetworkInformation.loadDefaultBackend():
            return  # no backend here: the scheduler's probe notices the network instead
        info = QNetworkInformation.instance()
        online = QNetworkInformation.Reachability.Online

        def changed(reachability: Any) -> None:
            self.network_changed(reachability == online)

        info.reachabilityChanged.connect(changed)

    # -- running ---------------------------------------------------------------------------
    def _tick(self) -> None:
        if self.running or self.scheduler.due() is None:
            return
        self.running = True
        self._progress_timer.start()
        self.tasks.network(self.scheduler.tick).success(self._done).failure(
            self._failed
        ).run()

    def _done(self, report: SyncReport | None) -> None:
        self.running = False
        self._progress_timer.stop()
        if self.bus is not None and hasattr(self.bus, "tell"):
            changed = tuple(sorted(self.service.take_changed()))  # pulled or merged: views reload
            if changed:
                self.bus.tell(OpChanges(applications=changed))
        if report is not None:
            self.last_retried = report.retried
            self.synced.emit(report)
            conflicts = sorted(
                {o.application_id for o in report.outcomes if o.result is Result.CONFLICT}
            )
            if conflicts:
                self.conflicts_found.emit(conflicts)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self._progress_timer.stop()
        log.error("sync failed: %s", type(exc).__name__)
        self.window.set_sync_status(
            _tr("Sync failed ({error}) · will retry").format(error=type(exc).__name__)
        )

    def _show_progress(self) -> None:
        progress = self.service.progress
        if progress is not None:
            done, total = progress
            self.window.set_sync_status(
                _tr("Syncing {done}/{total}…").format(done=done, total=total)
            )

    # -- showing -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the status and the per-application states (on the database worker)."""

        def read() -> tuple[SyncStatus, dict[str, AppSyncState]]:
            return self.service.status(), self.service.application_states()

        self.tasks.db(read).success(self._show).run()

    def _show(self, result: tuple[SyncStatus, dict[str, AppSyncState]]) -> None:
        status, states = result
        self.last_status = status
        self.retry_action.setEnabled(status.needs_attention > 0)
        if not self.running:
            line = status_line(status)
            if self.last_retried:
                line += " · " + _tr("retried {n} that needed attention").format(
                    n=self.last_retried
                )
            self.window.set_sync_status(line)
            set_icon = getattr(self.window, "set_sync_icon", None)
            if set_icon is not None:
                set_icon(status_icon_kind(status))
        self.window.set_sync_states(states)
