"""What can go wrong when pushing one application, sorted by what the engine does about it."""

from __future__ import annotations


class SyncFailure(Exception):
    """Base: a push or pull of one application did not complete."""


class Offline(SyncFailure):
    """The remote cannot be reached: pause the queue, keep everything pending."""


class Transient(SyncFailure):
    """Worth retrying later (throttled or 5xx after botocore's retries, a stalled reply)."""


class RetryableCancellation(SyncFailure):
    """A transaction cancelled for ``TransactionConflict``/``ThrottlingError``: retry it now."""


class ConditionFailed(SyncFailure):
    """A write's version condition failed: either our own earlier write landed, or the
    remote moved on (a conflict)."""


class Permanent(SyncFailure):
    """Retrying cannot help; the agent must change something. ``field`` is an application path
    (``application_info.notes``); ``step`` the label of the wizard step where it is edited,
    when the raiser knows it (the engine fills it in from the path with the step-label function
    it is given: sync itself knows nothing of the wizard)."""

    def __init__(self, reason: str, field: str = "", step: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field
        self.step = step


class CredentialsExpired(SyncFailure):
    """The sign-in expired: ask the agent to sign in again; nothing is lost."""
