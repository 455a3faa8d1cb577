"""The navigation table of the application wizard (Electrum's ``wizard.py`` is the model):
each step has a stable number (``current_step`` as the web application stored it), a title,
a validation gate and a predicate saying whether it applies to the application."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain import validation as v
from desktop_app.domain.models import Application
from desktop_app.i18n import N_, _


class StepId(StrEnum):
    APPLICATION_INFO = "application_info"
    PRIMARY_APPLICANT = "primary_applicant"
    OCCUPANTS = "occupants"
    CO_APPLICANTS = "co_applicants"
    GUARANTORS = "guarantors"
    DOCUMENTS = "documents"
    SIGNATURES = "signatures"
    REVIEW = "review"


def _always(_app: Application) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    id: StepId
    number: int  # 1-based, stored as ``current_step``
    #: The title in English (the catalog's msgid); ``title`` is it in the current language.
    source_title: str
    validate: v.Validator
    applies: Callable[[Application], bool] = _always

    @property
    def title(self) -> str:
        return _(self.source_title)


def _review_gate(_app: Application, _today: date) -> list[v.FieldError]:
    """Review has no fields of its own."""
    return []


STEPS: tuple[Step, ...] = (
    Step(StepId.APPLICATION_INFO, 1, N_("Application"), v.validate_application_info),
    Step(StepId.PRIMARY_APPLICANT, 2, N_("Primary applicant"), v.validate_primary),
    Step(StepId.OCCUPANTS, 3, N_("Occupants"), v.validate_household_occupants),
    Step(StepId.CO_APPLICANTS, 4, N_("Co-applicants"), v.validate_co_applicants),
    Step(StepId.GUARANTORS, 5, N_("Guarantors"), v.validate_guarantors),
    Step(StepId.DOCUMENTS, 6, N_("Documents"), v.validate_documents),
    Step(StepId.SIGNATURES, 7, N_("Signatures"), v.validate_signatures),
    Step(StepId.REVIEW, 8, N_("Review & submit"), _review_gate),
)

BY_ID = {s.id: s for s in STEPS}
BY_NUMBER = {s.number: s for s in STEPS}


#: Which step edits the fields under each path prefix (most specific first).
_FIELD_PREFIXES: tuple[tuple[str, StepId], ...] = (
    ("application_info", StepId.APPLICATION_INFO),
    ("primary_applicant.occupants", StepId.OCCUPANTS),
    ("primary_applicant", StepId.PRIMARY_APPLICANT),
    ("co_applicants", StepId.CO_APPLICANTS),
    ("guarantors", StepId.GUARANTORS),
    ("documents", StepId.DOCUMENTS),
    ("signatures", StepId.SIGNATURES),
)


def step_for_field(path: str) -> str:
    """``"2 Primary applicant"``-style label of the step that edits the application field
    ``path`` (``application_info.notes``, ``co_applicants[1].email``); "" if none does."""
    for prefix, step_id in _FIELD_PREFIXES:
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            step = BY_ID[step_id]
            return f"{step.number} {step.title}"
    return ""
