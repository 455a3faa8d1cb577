"""When sync runs: timer, submit, "Sync now", network return; paused while offline."""

from __future__ import annotations

from desktop_app.sync.outcome import SyncReport
from desktop_app.sync.scheduler import SyncScheduler


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def _scheduler(online: list[bool], probes: list[int]):
    clock = Clock()

    def run() -> SyncReport:
        return SyncReport(online=online[0])

    def probe() -> bool:
        probes.append(1)
        return online[0]

    return clock, SyncScheduler(run, clock=clock, probe=probe, interval=300, probe_interval=15)


def test_runs_at_start_then_on_the_timer():
    clock, s = _scheduler([True], [])
    assert s.tick() is not None and s.runs == 1
    clock.t = 299
    assert s.tick() is None
    clock.t = 300
    assert s.tick() is not None and s.runs == 2


def test_submit_and_sync_now_run_at_the_next_tick():
    _clock, s = _scheduler([True], [])
    s.tick()
    s.submitted()
    assert s.due() == "submit" and s.tick() is not None
    s.request("sync now")
    assert s.tick() is not None and s.runs == 3


def test_offline_pauses_and_probes_until_the_network_returns():
    online, probes = [False], []
    clock, s = _scheduler(online, probes)
    s.tick()
    assert s.paused and s.runs == 1
    for _ in range(3):
        clock.t += 15
        assert s.tick() is None
    assert len(probes) == 3 and s.runs == 1  # probing is not syncing
    online[0] = True
    clock.t += 15
    assert s.tick() is not None and not s.paused and s.runs == 2


def test_os_network_notification_resumes_at_once():
    online, probes = [False], []
    _clock, s = _scheduler(online, probes)
    s.tick()
    online[0] = True
    s.network_changed(True)
    assert s.due() == "network returned" and s.tick() is not None and probes == []


def test_sync_now_tries_even_while_paused():
    online = [False]
    _clock, s = _scheduler(online, [])
    s.tick()
    s.request("sync now")
    assert s.tick() is not None and s.runs == 2


def test_a_failing_run_is_not_retried_at_every_tick():
    clock = Clock()
    calls = []

    def run() -> SyncReport:
        calls.append(1)
        raise RuntimeError("disk full")

    s = SyncScheduler(run, clock=clock, interval=300, probe_interval=15)
    for _ in range(3):
        try:
            s.tick()
        except RuntimeError:
            pass
    assert len(calls) == 1 and not s.running
    clock.t = 15
    try:
        s.tick()
    except RuntimeError:
        pass
    assert len(calls) == 2
