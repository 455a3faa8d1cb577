"""Field-level errors: what validation returns instead of raising at the user."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class FieldError:
    """``path`` is dotted with list indices, e.g. ``co_applicants[0].email``."""

    path: str
    message: str
    #: "required" for a missing value, "invalid" for a wrong one (imports of drafts accept
    #: missing values but never wrong ones).
    code: str = "invalid"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def join(prefix: str, name: str) -> str:
    if not prefix:
        return name
    return f"{prefix}{name}" if name.startswith("[") else f"{prefix}.{name}"
