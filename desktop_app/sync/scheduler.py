"""When to sync (docs/architecture.md, "Sync rules"), without Qt: on a timer, on submit, on "Sync now", and as soon as
the network returns. Loss of connectivity pauses the queue: while paused the timer only probes
the network (cheap) and runs again when it answers.

The Qt layer (a QTimer) or the CLI loop calls :meth:`tick` every second or so; the clock is
injected, so tests drive time by hand. :meth:`tick` runs the sync in the caller's thread — the
UI calls it from its network pool."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from desktop_app.sync.outcome import SyncReport

DEFAULT_INTERVAL = 300.0  # seconds between syncs while online
DEFAULT_PROBE_INTERVAL = 15.0  # seconds between network probes while offline


class SyncScheduler:
    def __init__(
        self,
        run: Callable[[], SyncReport],
        *,
        clock: Callable[[], float] = time.monotonic,
        probe: Callable[[], bool] | None = None,
        interval: float = DEFAULT_INTERVAL,
        probe_interval: float = DEFAULT_PROBE_INTERVAL,
        on_report: Callable[[SyncReport], None] | None = None,
    ) -> None:
        self._run = run
        self._clock = clock
        self._probe = probe or (lambda: True)
        self.interval = interval
        self.probe_interval = probe_interval
        self._on_report = on_report or (lambda _r: None)
        self._lock = threading.Lock()
        self._requested: str | None = "start"
        self._next_at = clock()
        self.paused = False  # offline: the queue waits for the network
        self.running = False
        self.last_report: SyncReport | None = None
        self.runs = 0

    # -- triggers ----------------------------------------------------------------------
    def request(self, reason: str = "sync now") -> None:
        """ "Sync now", a submit, or anything else that wants a sync at the next tick (it tries
        even while paused: the agent asked)."""
        with self._lock:
            self._requested = reason
            self.paused = False

    def submitted(self) -> None:
        self.request("submit")

    def network_changed(self, online: bool) -> None:
        """The OS (or Qt's network information) says the network came or went."""
        with self._lock:
            if online:
                self.paused = False
                self._requested = "network returned"
            else:
                self.paused = True

    # -- the clock ---------------------------------------------------------------------
    def due(self) -> str | None:
        """Why a sync should run now, or None."""
        with self._lock:
            if self.running:
                return None
            if self._requested and not self.paused:
                return self._requested
            if self._clock() < self._next_at:
                return None
            return "probe" if self.paused else "timer"

    def tick(self) -> SyncReport | None:
        reason = self.due()
        if reason is None:
            return None
        if reason == "probe":
            online = self._probe()
            with self._lock:
                self._next_at = self._clock() + self.probe_interval
            if not online:
                return None
            self.network_changed(True)
        return self.run_now()

    def run_now(self) -> SyncReport:
        with self._lock:
            self.running = True
            self._requested = None
        try:
            report = self._run()
        except BaseException:
            with self._lock:  # not again at the very next tick: back off like offline
                self._next_at = self._clock() + self.probe_interval
            raise
        finally:
            with self._lock:
                self.running = False
        with self._lock:
            self.runs += 1
            self.last_report = report
            self.paused = not report.online
            delay = self.probe_interval if self.paused else self.interval
            self._next_at = self._clock() + delay
        self._on_report(report)
        return report

    def state(self) -> dict[str, Any]:
        return {"paused": self.paused, "running": self.running, "runs": self.runs}
