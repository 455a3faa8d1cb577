"""Drafts nobody typed into: "New application" makes a draft at once (the wizard edits a stored
application), and one closed without a single value must not stay in the list and sync as
"(no name yet)". Ids, timestamps and the step reached are not content."""

from __future__ import annotations

from typing import Any

from desktop_app.domain.models import Application, Status
from desktop_app.services.autosave import AutosaveService

_NOT_CONTENT = frozenset({"id", "created_at", "updated_at", "current_step"})


def _content(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _content(v) for k, v in value.items() if k not in _NOT_CONTENT}
    if isinstance(value, list):
        return [_content(v) for v in value]
    return value


def is_blank(app: Application) -> bool:
    """True when ``app`` holds nothing beyond what a new application starts with."""
    if app.status is not Status.DRAFT or app.amends is not None:
        return False
    blank = Application().model_dump(mode="json")
    return bool(_content(app.model_dump(mode="json")) == _content(blank))


def discard_if_blank(autosave: AutosaveService, app_id: str) -> bool:
    """Delete the draft ``app_id`` if it is blank; True when it was deleted. A draft that is
    gone already, or holds anything, is left alone."""
    try:
        app = autosave.load(app_id)
    except LookupError:  # the store's NotFound and the service's ApplicationNotFound
        return False
    if not is_blank(app):
        return False
    autosave.delete_draft(app_id)
    return True
