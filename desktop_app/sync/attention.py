"""Which wizard step edits a given application field, for "needs attention" messages."""

from __future__ import annotations

from desktop_app.wizard.steps import BY_ID, StepId

_PREFIXES: tuple[tuple[str, StepId], ...] = (
    ("application_info", StepId.APPLICATION_INFO),
    ("primary_applicant.occupants", StepId.OCCUPANTS),
    ("primary_applicant", StepId.PRIMARY_APPLICANT),
    ("co_applicants", StepId.CO_APPLICANTS),
    ("guarantors", StepId.GUARANTORS),
    ("documents", StepId.DOCUMENTS),
    ("signatures", StepId.SIGNATURES),
)


def step_for_field(path: str) -> str:
    """``"2 Primary applicant"``-style label of the step that edits ``path`` ("" if none)."""
    for prefix, step_id in _PREFIXES:
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            step = BY_ID[step_id]
            return f"{step.number} {step.title}"
    return ""
