"""Work off the GUI thread (Anki's ``taskman.py`` / ``CollectionOp`` are the model).

One serial worker runs every database call in order; a small pool runs network calls. Results
come back to the GUI thread through a queued signal, so callbacks may touch widgets.

    tasks.db(lambda: service.save_field(app_id, path, value)).success(on_saved).failure(on_error).run()

An operation that changes data says what it changed with ``.changes(...)``; on success the
manager's ``changed`` signal carries that :class:`OpChanges` (the context hands it to the change
bus) just before the success callback runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from desktop_app.logs import describe_exception
from desktop_app.services.changes import OpChanges

log = logging.getLogger(__name__)


class _Bridge(QObject):
    """Lives on the GUI thread; the signal is queued there from worker threads."""

    done = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        # Queued even when emitted on the GUI thread (a task that finished before run()
        # returned): callbacks never run inside the caller.
        self.done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _deliver(self, callback: Callable[[], None]) -> None:
        try:
            callback()
        except Exception as exc:  # noqa: BLE001 — a broken callback must not kill the event loop
            log.error("task callback failed: %s", describe_exception(exc))


class Op:
    """A unit of background work with success/failure callbacks, built then ``run()``."""

    def __init__(self, manager: TaskManager, executor: ThreadPoolExecutor, fn: Callable[[], Any]):
        self._manager = manager
        self._executor = executor
        self._fn = fn
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._changes: OpChanges | Callable[[Any], OpChanges] | None = None

    def success(self, cb: Callable[[Any], None]) -> Op:
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> Op:
        self._failure = cb
        return self

    def changes(self, changes: OpChanges | Callable[[Any], OpChanges]) -> Op:
        """What the work changes when it succeeds: an :class:`OpChanges`, or a function of the
        result that makes one (e.g. the id of a new application)."""
        self._changes = changes
        return self

    def run(self) -> Future | None:
        """Queue the work; after shutdown (a late callback of a closing window) it is dropped
        with a log line instead of raising into the event loop."""
        try:
            future = self._executor.submit(self._fn)
        except RuntimeError:
            log.warning("task dropped: the task manager has shut down")
            return None
        self._manager.pending += 1
        future.add_done_callback(self._finished)
        return future

    def _finished(self, future: Future) -> None:
        def deliver() -> None:
            self._manager.pending -= 1
            exc = future.exception()
            if exc is None:
                result = future.result()
                changes = self._changes(result) if callable(self._changes) else self._changes
                if changes is not None and not changes.empty:
                    self._manager.changed.emit(changes)
                if self._success:
                    self._success(result)
            elif self._failure:
                self._failure(exc)
            else:
                log.error("background task failed: %s", describe_exception(exc))
                self._manager.unhandled_error.emit(exc)

        self._manager._bridge.done.emit(deliver)


class TaskManager(QObject):
    unhandled_error = Signal(object)
    #: An operation succeeded and changed data (its ``OpChanges``), on the GUI thread.
    changed = Signal(object)

    def __init__(self, network_workers: int = 4) -> None:
        super().__init__()
        self._bridge = _Bridge()
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="db")
        self._net = ThreadPoolExecutor(max_workers=network_workers, thread_name_prefix="net")
        self.pending = 0

    def db(self, fn: Callable[[], Any]) -> Op:
        """Database work: serial, in submission order."""
        return Op(self, self._db, fn)

    def network(self, fn: Callable[[], Any]) -> Op:
        return Op(self, self._net, fn)

    def flush(self, timeout: float = 30.0) -> None:
        """Wait for every queued database task (on quit: nothing typed is lost)."""
        self._db.submit(lambda: None).result(timeout=timeout)

    def shutdown(self) -> None:
        self._db.shutdown(wait=True)
        self._net.shutdown(wait=False, cancel_futures=True)
