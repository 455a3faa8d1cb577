"""Errors the services raise for the UI and CLI to show; each says what to do."""

from __future__ import annotations

from desktop_app.domain.errors import FieldError


class ServiceError(Exception):
    pass


class ReadOnlyError(ServiceError):
    """A submitted application cannot change; amend it instead."""


class NotSubmittable(ServiceError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(f"{len(errors)} field(s) still need attention before submitting")
        self.errors = errors


class InvalidValue(ServiceError):
    def __init__(self, error: FieldError) -> None:
        super().__init__(str(error))
        self.error = error


class ImportFileError(ServiceError):
    """A file ``drafts import`` cannot take as a whole (unreadable, not JSON, the wrong
    shape, too large). The message names the file and the problem, never its content."""
