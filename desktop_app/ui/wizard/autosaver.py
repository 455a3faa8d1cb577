"""Autosave for one open application: field edits are debounced (``DELAY_MS``) and sent as
``save_field(app_id, path, value)`` on the database worker; structural edits (a row added or
removed, a signature) save the whole application at once. ``flush()`` sends what is pending
now (step change); ``flush_sync()`` also waits for the worker (window close, quit).

Every edit is also kept, as a replayable ``Edit``, until the save that carries it is durable
(``unsaved``; the worker settles it, so the list is exact whatever the GUI thread has seen).
When the store moved on under the window (the sync engine pulled or merged a newer version, so
a save is refused with ``ConcurrentEdit``), sending stops and one *rebase* runs on the worker:
it reads the new stored copy, replays every unsaved edit on it in order, and saves it whole.
``rebased`` then hands the new copy, and the edits that no longer fit it, to the session."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from shiboken6 import isValid

from desktop_app.domain.models import Application
from desktop_app.services.changes import OpChanges
from desktop_app.services.errors import ApplicationNotFound, ConcurrentEdit, ReadOnlyError
from desktop_app.ui.context import AppContext
from desktop_app.ui.wizard.edits import Edit, replay

log = logging.getLogger(__name__)

#: Debounce for typing: a pause this long sends the edit (at most 500 ms).
DELAY_MS = 400
#: How long closing a window waits for the worker to make its edits durable.
CLOSE_WAIT_S = 30.0

SAVING, SAVED, FAILED = "saving", "saved", "failed"

#: A save refused because the stored copy is not the one this window edits any more: another
#: writer (the sync engine) changed it, or it was submitted or deleted on the other computer.
MOVED_ON = (ConcurrentEdit, ReadOnlyError, ApplicationNotFound)


@dataclass
class Rebased:
    """The new stored copy with the unsaved edits replayed on it (already durable); no copy
    when the application was deleted (on the other computer)."""

    app: Application | None
    based_on: int | None
    kept: list[Edit]
    dropped: list[Edit]


class Autosaver(QObject):
    #: (state, message): SAVING / SAVED, or FAILED with a message for the agent.
    state_changed = Signal(str, str)
    #: The store moved on under this window; a rebase is on its way.
    outdated = Signal()
    #: A ``Rebased``: the new copy, durable with the edits it could take.
    rebased = Signal(object)

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
        self._field_edits: dict[str, list[Edit]] = {}
        self._whole = False
        self._in_flight = 0
        self._lock = threading.Lock()
        self._unsaved: list[Edit] = []
        self.rebasing = False
        #: The edit token of the copy this window shows (``AutosaveService.open_for_edit``).
        self.based_on: int | None = None
        self.enabled = True
        self.last_error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def has_pending(self) -> bool:
        return bool(self._fields) or self._whole or self._in_flight > 0 or self.rebasing

    def unsaved(self) -> list[Edit]:
        """Edits not durable yet, in the order they were made."""
        with self._lock:
            return list(self._unsaved)

    def field(self, path: str, value: Any, edit: Edit) -> None:
        if not self.enabled:
            return
        self._record(edit)
        self._fields[path] = value
        self._field_edits.setdefault(path, []).append(edit)
        self._state(SAVING, "")
        if not self.rebasing:
            self._timer.start()

    def whole(self, edit: Edit) -> None:
        """Save the whole application now (a list changed shape, so indexed paths moved)."""
        if not self.enabled:
            return
        self._record(edit)
        self._whole = True
        self.flush()

    def discard(self, edits: list[Edit]) -> None:
        """Forget edits that will never be saved (they did not fit the new copy)."""
        self._settle(edits)

    def resend(self) -> None:
        """Save the whole GUI copy now (edits were replayed on it)."""
        if self.enabled:
            self._whole = True
            self.flush()

    def flush(self) -> int:
        """Queue what is pending; returns how many saves were queued. While a rebase runs,
        nothing is sent: the edits wait for the new copy."""
        if isValid(self._timer):
            self._timer.stop()
        if self.rebasing:
            return 0
        queued = 0
        autosave = self._ctx.autosave
        app_id, based_on = self.app_id, self.based_on  # the token of the copy edited NOW
        if self._whole:
            app = self._snapshot()
            self._whole = False
            self._fields.clear()  # the snapshot already holds every typed value
            self._field_edits = {}

            def save_whole() -> int:
                # Documents change only through attach/remove (bytes and metadata in one
                # transaction), so a whole save keeps the documents the store has now.
                app.documents = autosave.load(app_id).documents
                return autosave.save(app, based_on=based_on)

            self._queue(save_whole, self.unsaved())
            queued += 1
        fields, self._fields = self._fields, {}
        edits, self._field_edits = self._field_edits, {}
        for path, value in fields.items():

            def save_field(p: str = path, v: Any = value) -> int:
                return autosave.save_field(app_id, p, v, based_on=based_on)

            # One save per path carries every edit typed into it since the last send.
            self._queue(save_field, edits.get(path, []))
            queued += 1
        return queued

    def flush_unless_closed(self) -> None:
        """:meth:`flush_sync`, for a window destroyed without a close: the context may have been
        closed first, and its close() already waited for the worker, so nothing the window's
        own close did not flush can be pending."""
        try:
            self.flush_sync()
        except RuntimeError:
            pass

    def flush_sync(self) -> None:
        """Send what is pending and wait until it is durable (close, quit, destroy) — also
        when the store moved on and the refusal has not reached the GUI thread yet."""
        if self.flush() or self._in_flight:
            self._ctx.tasks.flush(CLOSE_WAIT_S)
        for _attempt in range(3):  # the engine may write again between read and save
            if not self.unsaved():
                return
            done = self._ctx.tasks.db(self._rebase).failure(lambda _exc: None).run()
            if done is None:
                break
            try:
                result = done.result(timeout=CLOSE_WAIT_S)
            except ConcurrentEdit:
                continue
            except Exception as exc:  # noqa: BLE001 - closing must not raise
                log.warning("edits of a closing window not replayed: %s", exc.__class__.__name__)
                return
            if result.dropped:
                log.warning("%d edits of a closing window did not fit the newer copy of %s",
                            len(result.dropped), self.app_id)
        if self.unsaved():
            log.warning("edits of a closing window not replayed: the store kept changing")

    # -- on the worker ---------------------------------------------------------------------
    def _record(self, edit: Edit) -> None:
        with self._lock:
            self._unsaved.append(edit)

    def _settle(self, edits: list[Edit]) -> None:
        done = {id(e) for e in edits}
        with self._lock:
            self._unsaved = [e for e in self._unsaved if id(e) not in done]

    def _queue(self, fn: Callable[[], Any], edits: list[Edit]) -> None:
        def run() -> Any:
            try:
                result = fn()
            except MOVED_ON:
                raise  # the edits stay unsaved: the rebase replays them
            except Exception:
                self._settle(edits)  # refused for good (reported as FAILED)
                raise
            self._settle(edits)
            return result

        self._in_flight += 1
        self._state(SAVING, "")
        self._ctx.tasks.db(run).changes(OpChanges.application(self.app_id)).success(
            self._saved
        ).failure(self._failed).run()

    def _rebase(self) -> Rebased:
        """Read the new stored copy, replay every unsaved edit on it, save it whole."""
        autosave = self._ctx.autosave
        edits = self.unsaved()
        try:
            app, token = autosave.open_for_edit(self.app_id)
        except ApplicationNotFound:
            self._settle(edits)
            return Rebased(None, None, [], edits)
        kept, dropped = replay(app, edits) if not app.is_read_only else ([], edits)
        if kept:
            autosave.save(app, based_on=token)
        self._settle(edits)
        return Rebased(app, token, kept, dropped)

    # -- back on the GUI thread ------------------------------------------------------------
    def _start_rebase(self) -> None:
        if self.rebasing:
            return
        self.rebasing = True
        log.info("application changed in the store under an open window; replaying its edits")
        if isValid(self._timer):
            self._timer.stop()
        # Pending sends are in ``unsaved``; the rebase replays them.
        self._whole = False
        self._fields.clear()
        self._field_edits = {}
        self._in_flight += 1
        self._ctx.tasks.db(self._rebase).success(self._rebase_done).failure(self._rebase_failed).run()
        if isValid(self):
            self.outdated.emit()

    def _rebase_done(self, result: Rebased) -> None:
        self._in_flight -= 1
        self.based_on = result.based_on
        self.rebasing = False
        # What was typed meanwhile is in ``unsaved`` (the session replays it on the new copy);
        # its indexed paths belong to the old copy, so none of it is sent as it stands.
        self._whole = False
        self._fields.clear()
        self._field_edits = {}
        if isValid(self):
            # Told here, not by the task: a closed window's rebase never was.
            self._ctx.bus.tell(OpChanges.application(self.app_id))
            self.rebased.emit(result)
            if not self.has_pending:
                self._state(SAVED, "")

    def _rebase_failed(self, exc: BaseException) -> None:
        self._in_flight -= 1
        self.rebasing = False
        if isinstance(exc, ConcurrentEdit):  # moved on again meanwhile: once more
            self._start_rebase()
            return
        log.warning("replaying edits on the new copy failed: %s", exc.__class__.__name__)
        self._state(FAILED, self.tr("your latest edits could not be applied to the new version"))

    def _saved(self, _revision: Any) -> None:
        self._in_flight -= 1
        if self._in_flight == 0 and not self._fields and self.last_error == "":
            self._state(SAVED, "")

    def _failed(self, exc: BaseException) -> None:
        self._in_flight -= 1
        if isinstance(exc, MOVED_ON):
            self._start_rebase()
            return
        # The message names the field and what is wrong, never the value typed (PII).
        self.last_error = str(getattr(exc, "error", None) or exc.__class__.__name__)
        log.warning("autosave failed for an application field: %s", exc.__class__.__name__)
        self._state(FAILED, self.last_error)
        self.last_error = ""

    def _state(self, state: str, message: str) -> None:
        if isValid(self):
            self.state_changed.emit(state, message)
