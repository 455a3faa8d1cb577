"""Errors the services raise for the UI and CLI to show; each says what to do."""

from __future__ import annotations

from desktop_app.domain.errors import FieldError
from desktop_app.i18n import _, ngettext


class ServiceError(Exception):
    pass


class ReadOnlyError(ServiceError):
    """A submitted application cannot change; amend it instead."""


class NotSubmittable(ServiceError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(
            ngettext(
                "{n} field still needs attention before submitting",
                "{n} fields still need attention before submitting",
                len(errors),
            ).format(n=len(errors))
        )
        self.errors = errors


class InvalidValue(ServiceError):
    def __init__(self, error: FieldError) -> None:
        super().__init__(str(error))
        self.error = error


class ImportFileError(ServiceError):
    """A file ``drafts import`` cannot take as a whole (unreadable, not JSON, the wrong
    shape, too large). The message names the file and the problem, never its content."""


class ConcurrentEdit(ServiceError):
    """The application changed since this copy was read (the sync engine pulled or merged a
    newer version, or another window saved): read it again and reapply the edits."""


class ApplicationNotFound(ServiceError, LookupError):
    """No application with this id on this computer (never created, or deleted)."""


class DocumentNotFound(ServiceError, LookupError):
    """This computer does not hold the bytes of that document."""


class ProfilesFileError(ServiceError):
    """A building-profiles file that cannot be imported; ``problems`` name each entry and
    field (never a value), and nothing was saved."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(_("Nothing was imported: {problems}").format(problems="; ".join(problems[:3])))
        self.problems = problems
