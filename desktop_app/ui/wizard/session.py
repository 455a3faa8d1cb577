"""One open application in the wizard: the GUI's copy of it, the core's ``WizardFlow``, what
was typed but cannot be read (a date like 13/45/2020), and the autosaver.

Edits are applied to the GUI copy at once (so validation is live) and sent to the store by the
autosaver; the store is only touched on the database worker. Every edit is also an ``edits.Edit``
that can be replayed: when the sync engine changes the stored copy underneath, the autosaver
replays the unsaved ones on the new copy and the session shows it, with ``notice`` saying which
edits were applied and which no longer fit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Signal

from desktop_app.domain.errors import FieldError
from desktop_app.domain.models import Application
from desktop_app.domain.nyc_rules import DEFAULT_PROFILE, BuildingProfile
from desktop_app.domain.paths import FieldPathError, get_value, set_value
from desktop_app.domain.validation import first_errors
from desktop_app.services.changes import OpChanges
from desktop_app.services.errors import NotSubmittable
from desktop_app.services.profiles import ProfilesService
from desktop_app.ui.context import AppContext
from desktop_app.ui.wizard.autosaver import Autosaver, Rebased
from desktop_app.ui.wizard.edits import Edit, SetField, anchor, replay
from desktop_app.ui.wizard.replay_notice import deleted_notice, replay_notice
from desktop_app.ui.wizard.binding import ParseError
from desktop_app.wizard import NavigationError, Step, StepId, WizardFlow

_TYPE_MESSAGES = {
    "decimal": QT_TRANSLATE_NOOP("WizardSession", "Enter an amount in dollars, like 2500.00"),
    "date": QT_TRANSLATE_NOOP("WizardSession", "Use a date like 03/15/1990 (month/day/year)"),
    "int": QT_TRANSLATE_NOOP("WizardSession", "Enter a whole number"),
}


NOT_SEEN = QT_TRANSLATE_NOOP(
    "WizardSession",
    "this application was just updated from your other computer; check the latest version, "
    "then submit again",
)


class NotSeen(RuntimeError):
    """Submit refused: the stored copy is newer than the one the agent is looking at."""


def _friendly(message: str) -> str:
    lowered = message.lower()
    for key, text in _TYPE_MESSAGES.items():
        if key in lowered:
            return QCoreApplication.translate("WizardSession", text)
    return message


class WizardSession(QObject):
    #: The application and building profiles arrived from the worker.
    loaded = Signal()
    #: The GUI copy changed (an edit, a row, a step): pages and buttons re-check their errors.
    changed = Signal()
    #: A list changed shape: the current page rebuilds its rows from the model.
    restructured = Signal()
    submitted = Signal(str)
    #: Submitting was refused, or another background call failed: a message for the agent.
    failed = Signal(str)
    #: The copy shown is about to be replaced by a newer one (the window notes where the
    #: agent's cursor is, to put it back on the same field of the new copy).
    replacing = Signal()
    #: Something the agent should know that is not an error (the copy was replaced by a
    #: newer one from the other computer, and what became of their edits).
    notice = Signal(str)

    def __init__(self, ctx: AppContext, app_id: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.app_id = app_id
        self.flow: WizardFlow | None = None
        self.profiles: list[BuildingProfile] = []
        self.parse_errors: dict[str, str] = {}
        #: The application was deleted on the other computer (shown read-only, saves nothing).
        self.deleted = False
        #: Labels of the fields whose typed text could not be read (never saved).
        self._unreadable: dict[str, str] = {}
        self.autosaver = Autosaver(ctx, app_id, self.snapshot)
        self.autosaver.rebased.connect(self._rebased)

    # -- loading --------------------------------------------------------------------------
    def load(self) -> None:
        autosave, profiles, app_id = self.ctx.autosave, self._profiles_service(), self.app_id

        def read() -> tuple[Application, list[BuildingProfile]]:
            app, self.autosaver.based_on = autosave.open_for_edit(app_id)
            return app, profiles.list()

        self.ctx.tasks.db(read).success(self._loaded).failure(
            lambda exc: self.failed.emit(
                self.tr("Could not open the application: {error}").format(error=exc))
        ).run()

    def _profiles_service(self) -> ProfilesService:
        return self.ctx.services.profiles  # the current store's

    def read_profiles(self, then: Callable[[list[BuildingProfile]], None]) -> None:
        """Read the building profiles again on the DB worker and hand them to ``then`` (on the
        GUI thread); a failed read leaves the ones already shown."""
        self.ctx.tasks.db(self._profiles_service().list).success(then).run()

    def _loaded(self, result: tuple[Application, list[BuildingProfile]]) -> None:
        app, self.profiles = result
        self.flow = WizardFlow(app)
        self.autosaver.enabled = not app.is_read_only
        self.loaded.emit()

    def _rebased(self, result: Rebased) -> None:
        """Show the new copy: the autosaver made it durable with the edits it could take;
        edits made while it worked are replayed here and sent with the new token."""
        self.replacing.emit()
        before, app = self.snapshot(), result.app
        if app is None:  # deleted on the other computer: nothing here is saved any more
            self.deleted = True
            self.autosaver.enabled = False
            late = self.autosaver.unsaved()
            self.autosaver.discard(late)
            self.notice.emit(deleted_notice(result.dropped + late))
            self.loaded.emit()
            return
        step = self.flow.current.id if self.flow is not None else None
        late = self.autosaver.unsaved()
        late_kept, late_dropped = ([], late) if app.is_read_only else replay(app, late)
        self.autosaver.discard(late_dropped)
        self.flow = WizardFlow(app)
        self.autosaver.enabled = not app.is_read_only
        if step is not None and not app.is_read_only:
            try:
                self.flow.jump(step)
            except NavigationError:
                pass
        # The pages are rebuilt from the new copy: text that could not be read is gone.
        unreadable = [self._unreadable[p] for p in self.parse_errors if p in self._unreadable]
        self.parse_errors.clear()
        self._unreadable.clear()
        if late_kept:
            self.autosaver.resend()
        kept, dropped = result.kept + late_kept, result.dropped + late_dropped
        self.notice.emit(replay_notice(before, app, kept, dropped, unreadable))
        self.loaded.emit()

    @property
    def app(self) -> Application:
        assert self.flow is not None, "the application has not loaded yet"
        return self.flow.app

    @property
    def read_only(self) -> bool:
        return self.flow is not None and (self.app.is_read_only or self.deleted)

    def snapshot(self) -> Application:
        return self.app.model_copy(deep=True)

    def value(self, path: str) -> Any:
        return get_value(self.app, path)

    def profile(self) -> BuildingProfile:
        address = self.app.application_info.building_address.strip().casefold()
        for p in self.profiles:
            if p.address.strip().casefold() == address and address:
                return p
        return DEFAULT_PROFILE

    # -- editing --------------------------------------------------------------------------
    def edit(self, path: str, value: Any, label: str = "") -> None:
        """A bound field changed: apply it to the GUI copy and queue its autosave. ``label``
        names the field for the agent (step and field) should the edit not be kept."""
        if self.read_only:
            return
        if isinstance(value, ParseError):
            self.parse_errors[path] = str(value)
            self._unreadable[path] = label or path
        else:
            try:
                where = anchor(self.app, path)  # which rows, before the edit changes them
                set_value(self.app, path, value)
            except FieldPathError as exc:
                self.parse_errors[path] = _friendly(exc.message)
                self._unreadable[path] = label or path
            else:
                self.parse_errors.pop(path, None)
                self._unreadable.pop(path, None)
                self.autosaver.field(path, value, SetField(where, value, label or path))
        self.changed.emit()

    def restructure(self, edit: Edit) -> None:
        """Add or remove a row, a person, a signature: change the list, save the whole."""
        if self.read_only:
            return
        edit.apply(self.app)
        self.parse_errors.clear()  # the rows are rebuilt from the model
        self.autosaver.whole(edit)
        self.restructured.emit()
        self.changed.emit()

    # -- errors ---------------------------------------------------------------------------
    def step_errors(self, step: Step | StepId | None = None) -> list[FieldError]:
        assert self.flow is not None
        errors = list(self.flow.errors(step))
        target = step or self.flow.current
        target_id = target.id if isinstance(target, Step) else target
        if target_id == self.flow.current.id:
            errors = [FieldError(p, m) for p, m in self.parse_errors.items()] + errors
        return errors

    def field_errors(self, step: Step | StepId | None = None) -> dict[str, str]:
        return first_errors(self.step_errors(step))

    # -- moving ---------------------------------------------------------------------------
    def can_go_next(self) -> bool:
        assert self.flow is not None
        if self.flow.is_last:
            return False
        return self.read_only or not self.step_errors()

    def next(self) -> Step:
        assert self.flow is not None
        if self.parse_errors and not self.read_only:
            raise NavigationError(self.tr("Fix the highlighted fields to continue"))
        return self._moved(self.flow.next)

    def back(self) -> Step:
        assert self.flow is not None
        return self._moved(self.flow.back)

    def jump(self, step: StepId | int) -> Step:
        assert self.flow is not None
        if self.parse_errors and not self.read_only:
            raise NavigationError(self.tr("Fix the highlighted fields to continue"))
        return self._moved(lambda: self.flow.jump(step))  # type: ignore[union-attr]

    def _moved(self, move: Callable[[], Step]) -> Step:
        before = self.app.current_step
        step = move()
        self.parse_errors.clear()
        if self.app.current_step != before:
            where = anchor(self.app, "current_step")
            self.autosaver.field("current_step", self.app.current_step,
                                 SetField(where, self.app.current_step, "Current step"))
        self.autosaver.flush()
        self.changed.emit()
        return step

    # -- submit ---------------------------------------------------------------------------
    def submit(self) -> None:
        if self.autosaver.rebasing:
            self.failed.emit(self.tr("Not submitted: {reason}").format(reason=self.tr(NOT_SEEN)))
            return
        self.autosaver.flush()
        autosave, app_id, autosaver = self.ctx.autosave, self.app_id, self.autosaver

        def submit_seen() -> Application:
            # Every save queued before this one has run: an edit still unsaved was refused
            # because a newer copy arrived, which the agent has not seen yet.
            if autosaver.unsaved():
                raise NotSeen(QCoreApplication.translate("WizardSession", NOT_SEEN))
            return autosave.submit(app_id)

        def done(app: Application) -> None:
            assert self.flow is not None
            self.flow.app = app
            self.autosaver.enabled = False
            self.changed.emit()
            self.submitted.emit(app_id)

        def refused(exc: BaseException) -> None:
            if isinstance(exc, NotSubmittable):
                first = exc.errors[0].message if exc.errors else ""
                self.failed.emit(self.tr("Not submitted: {reason}").format(
                    reason=f"{exc}. {first}"))
            else:
                self.failed.emit(self.tr("Not submitted: {reason}").format(reason=exc))

        self.ctx.tasks.db(submit_seen).changes(OpChanges.application(app_id)).success(
            done
        ).failure(refused).run()
