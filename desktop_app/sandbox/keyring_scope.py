"""The sandbox's keyring entries (docs/accounts.md, "The sandbox"): while ``--sandbox`` runs,
every secret goes under a service of its own, never shared with a real profile, and all of
them are removed when it quits — or at the next sandbox start, if a run was killed."""

from __future__ import annotations

import logging

from desktop_app.auth.errors import KeyringUnavailable
from desktop_app.auth.secrets import forget_sandbox_entries, use_real_keyring, use_sandbox_keyring

log = logging.getLogger(__name__)


def enter_sandbox_keyring(*, read_through: bool = False) -> None:
    """Switch this process to the sandbox's service and remove what killed runs left.
    ``read_through``: the agent pointed the sandbox at a data dir of their own, whose local
    store's key may be read (never replaced) from the real service."""
    use_sandbox_keyring(read_through=read_through)
    try:
        forget_sandbox_entries(this_run=False)
    except KeyringUnavailable:
        pass  # opening the store says what to do


def leave_sandbox_keyring() -> None:
    """Remove this run's entries (and any left by killed runs); back to the real service."""
    try:
        removed = forget_sandbox_entries(this_run=True)
        log.info("sandbox keyring entries removed: %d", removed)
    except KeyringUnavailable as exc:
        log.warning("sandbox keyring entries could not be removed: %s", type(exc).__name__)
    finally:
        use_real_keyring()
