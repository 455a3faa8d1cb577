"""Autosave for one open application: field edits are debounced (``DELAY_MS``) and sent as
``save_field(app_id, path, value)`` on the database worker; structural edits (a row added or
removed, a signature) save the whole application at once. ``flush()`` sends what is pending
now (step change); ``flush_sync()`` also waits for the worker (window close, quit)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from desktop_app.domain.models import Application
from desktop_app.storage.repository import ConcurrentChange
from desktop_app.ui.context import AppContext

log = logging.getLogger(__name__)

#: Debounce for typing: a pause this long sends the edit (issue 3: at most 500 ms).
DELAY_MS = 400

SAVING, SAVED, FAILED = "saving", "saved", "failed"


class Autosaver(QObject):
    #: (state, message): SAVING / SAVED, or FAILED with a message for the agent.
    state_changed = Signal(str, str)
    #: The store moved on under this window (the sync engine merged or pulled a newer
    #: version): the session reloads, then replays ``take_replay()``'s field edits on top.
    outdated = Signal()

    def __init__(
        self,
        ctx: AppContext,
        app_id: str,
        snapshot: Callable[[], Application],
        delay_ms: int = DELAY_MS,
    ) -> None:
        super().__init__()  # no parent: it outlives its window long enough to flush
        self._ctx = ctx
        self.app_id = app_id
        self._snapshot = snapshot
        self._fields: dict[str, Any] = {}
        self._whole = False
        self._in_flight = 0
        #: The edit token of the copy this window shows (``AutosaveService.open_for_edit``).
        self.based_on: int | None = None
        self._replay: dict[str, Any] = {}
        self.enabled = True
        self.last_error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def has_pending(self) -> bool:
        return bool(self._fields) or self._whole or self._in_flight > 0

    def field(self, path: str, value: Any) -> None:
        if not self.enabled:
            return
        self._fields[path] = value
        self._state(SAVING, "")
        self._timer.start()

    def whole(self) -> None:
        """Save the whole application now (a list changed shape, so indexed paths moved)."""
        if not self.enabled:
            return
        self._whole = True
        self.flush()

    def flush(self) -> int:
        """Queue what is pending; returns how many saves were queued."""
        queued = 0
        if isValid(self._timer):
            self._timer.stop()
        autosave = self._ctx.autosave
        app_id = self.app_id
        if self._whole:
            app = self._snapshot()
            self._whole = False
            self._fields.clear()  # the snapshot already holds every typed value

            def save_whole() -> int:
                # Documents change only through attach/remove (bytes and metadata in one
                # transaction), so a whole save keeps the documents the store has now.
                app.documents = autosave.load(app_id).documents
                return autosave.save(app, based_on=self.based_on)

            self._queue(save_whole)
            queued += 1
        fields, self._fields = self._fields, {}
        for path, value in fields.items():

            def save_field(p: str = path, v: Any = value) -> int:
                return autosave.save_field(app_id, p, v, based_on=self.based_on)

            self._queue(save_field, (path, value))
            queued += 1
        return queued

    def take_replay(self) -> dict[str, Any]:
        """Field edits refused because the store moved on, to apply again on the new copy."""
        replay, self._replay = self._replay, {}
        return replay

    def flush_sync(self) -> None:
        """Send what is pending and wait until it is durable (close, quit, destroy)."""
        if self.flush() or self._in_flight:
            self._ctx.tasks.flush()

    def _queue(self, fn: Callable[[], int], edit: tuple[str, Any] | None = None) -> None:
        self._in_flight += 1
        self._state(SAVING, "")
        self._ctx.tasks.db(fn).success(self._saved).failure(
            lambda exc: self._failed(exc, edit)
        ).run()

    def _saved(self, _revision: int) -> None:
        self._in_flight -= 1
        self._ctx.bus.application_changed.emit(self.app_id)
        if self._in_flight == 0 and not self._fields and self.last_error == "":
            self._state(SAVED, "")

    def _failed(self, exc: BaseException, edit: tuple[str, Any] | None = None) -> None:
        self._in_flight -= 1
        if isinstance(exc, ConcurrentChange):
            if edit is not None:
                self._replay[edit[0]] = edit[1]
            log.info("application changed in the store under an open window; reloading")
            if isValid(self):
                self.outdated.emit()
            return
        # The message names the field and what is wrong, never the value typed (PII).
        self.last_error = str(getattr(exc, "error", None) or exc.__class__.__name__)
        log.warning("autosave failed for an application field: %s", exc.__class__.__name__)
        self._state(FAILED, self.last_error)
        self.last_error = ""

    def _state(self, state: str, message: str) -> None:
        if isValid(self):
            self.state_changed.emit(state, message)
