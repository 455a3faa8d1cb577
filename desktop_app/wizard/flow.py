"""Wizard navigation without Qt: which steps apply, the per-step validation gate, back / next /
jump, resume at ``current_step``, and submit only when every step validates.

The flow edits nothing but ``current_step``; pages write their fields into the application
(through the autosave service) and ask the flow whether they may move on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from desktop_app.domain.errors import FieldError
from desktop_app.domain.models import Application
from desktop_app.i18n import _
from desktop_app.wizard.steps import STEPS, Step, StepId


class NavigationError(Exception):
    """A move the flow refuses; ``errors`` says what blocks it."""

    def __init__(self, message: str, errors: Sequence[FieldError] = ()) -> None:
        super().__init__(message)
        self.errors = list(errors)


class WizardFlow:
    def __init__(
        self,
        app: Application,
        *,
        steps: Sequence[Step] = STEPS,
        today: Callable[[], date] = date.today,
    ) -> None:
        self.app = app
        self._table = tuple(steps)
        self._today = today
        self._history: list[StepId] = []
        self._current = self._resume_step()

    # -- what there is --------------------------------------------------------------------
    def steps(self) -> list[Step]:
        """The steps that apply to this application, in order."""
        return [s for s in self._table if s.applies(self.app)]

    @property
    def current(self) -> Step:
        return self._current

    def _resume_step(self) -> Step:
        """The step stored in ``current_step``, or the nearest applicable one before it."""
        applicable = self.steps()
        candidates = [s for s in applicable if s.number <= self.app.current_step]
        return candidates[-1] if candidates else applicable[0]

    def errors(self, step: Step | StepId | None = None) -> list[FieldError]:
        step = self._resolve(step) if step is not None else self._current
        return step.validate(self.app, self._today())

    def all_errors(self) -> dict[StepId, list[FieldError]]:
        """Blocking errors of every applicable step, for the review checklist."""
        out = {}
        for s in self.steps():
            errs = s.validate(self.app, self._today())
            if errs:
                out[s.id] = errs
        return out

    # -- moving -----------------------------------------------------------------------
    @property
    def is_last(self) -> bool:
        return self._current is self.steps()[-1]

    @property
    def can_go_back(self) -> bool:
        return self._current is not self.steps()[0]

    def can_go_next(self) -> bool:
        return not self.is_last and not self.errors()

    def can_submit(self) -> bool:
        return self.is_last and not self.app.is_read_only and not self.all_errors()

    def next(self) -> Step:
        if self.is_last:
            raise NavigationError(_("This is the last step: submit instead"))
        errors = self.errors()
        if errors and not self.app.is_read_only:
            raise NavigationError(_("Fix the highlighted fields to continue"), errors)
        steps = self.steps()
        return self._move(steps[steps.index(self._current) + 1])

    def back(self) -> Step:
        if self._history:
            target = self._resolve(self._history.pop())
            if target.applies(self.app):
                return self._move(target, remember=False)
        steps = self.steps()
        index = steps.index(self._current)
        if index == 0:
            raise NavigationError(_("This is the first step"))
        return self._move(steps[index - 1], remember=False)

    def jump(self, step: Step | StepId | int) -> Step:
        """Go straight to a step: any earlier one, or a later one whose predecessors all
        validate (so the review's edit links work, and nothing skips a gate)."""
        target = self._resolve(step)
        if not target.applies(self.app):
            raise NavigationError(
                _("{step} does not apply to this application").format(step=target.title)
            )
        if target.number > self._current.number and not self.app.is_read_only:
            for s in self.steps():
                if s.number >= target.number:
                    break
                errs = s.validate(self.app, self._today())
                if errs:
                    raise NavigationError(_("Complete {step} first").format(step=s.title), errs)
        return self._move(target)

    def _move(self, target: Step, *, remember: bool = True) -> Step:
        if remember and target is not self._current:
            self._history.append(self._current.id)
        self._current = target
        if not self.app.is_read_only:
            self.app.current_step = target.number
        return target

    def _resolve(self, step: Step | StepId | int) -> Step:
        if isinstance(step, Step):
            return step
        for s in self._table:
            if s.id == step or s.number == step:
                return s
        raise NavigationError(_("No such step: {step}").format(step=repr(step)))
