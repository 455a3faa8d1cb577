"""What the app opens at start, on the DB worker (never the GUI thread): the configuration, the
data dir, the services from the composition root (``desktop_app.bootstrap``: the active
profile's store sealed with its data key from the keyring, migrations run here after a backup,
and the account service), and the list's first rows. Also the re-opening of the store when the
active profile changes (sign-in, adoption of local drafts, sign-out).

No Qt here: everything returns plain objects the launcher hands to the GUI thread."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.bootstrap import Services
    from desktop_app.storage.store import Store


@dataclass
class Opened:
    services: Services
    rows: Any  # desktop_app.ui.applications_model.Rows
    #: A temporary data dir made for ``--sandbox`` (removed at exit), else None.
    temporary_dir: Path | None = None
    #: The sandbox's own keyring entries are in use (removed at exit).
    sandbox_keyring: bool = False

    @property
    def store(self) -> Store:
        return self.services.store


@dataclass
class Reopened:
    services: Services
    rows: Any


class StartError(Exception):
    """The app cannot start; ``str()`` is the message for the agent, ``exit_code`` the status."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def open_store_and_rows(
    data_dir: Path, config: Any = None, previous: Services | None = None
) -> Reopened:
    """The services over the active profile's store (with its data key) and the list's rows;
    ``previous`` keeps its account service and backend."""
    from desktop_app.auth.errors import KeyringUnavailable
    from desktop_app.bootstrap import bootstrap
    from desktop_app.services.local_store import open_account_store
    from desktop_app.ui.applications_model import build_rows

    try:
        store = open_account_store(data_dir)
    except KeyringUnavailable as exc:
        raise StartError(str(exc)) from exc
    try:
        services = (
            previous.with_store(store)
            if previous is not None
            else bootstrap(data_dir, config, store=store)
        )
        return Reopened(services, build_rows(services.summaries.list()))
    except BaseException:
        store.close()
        raise


def open_session(args: Any) -> Opened:
    """Everything the main window needs; raises :class:`StartError` with a plain message."""
    from desktop_app.config import ConfigError, load_config

    sandbox = bool(getattr(args, "sandbox", False))
    try:
        # --sandbox must not mix in the agent's real backend from the default config file.
        config = load_config(getattr(args, "config", None), read_default_file=not sandbox)
    except ConfigError as exc:
        from PySide6.QtCore import QCoreApplication

        raise StartError(
            QCoreApplication.translate(
                "Launch", "LeaseDesk cannot start: the configuration has problems.")
            + "\n\n" + "\n".join(f"• {p}" for p in exc.problems),
            exit_code=2,
        ) from exc
    temporary = None
    if sandbox and not getattr(args, "data_dir", None):
        # Each sandbox run is a new identity: keep its data away from the agent's real drafts.
        temporary = Path(tempfile.mkdtemp(prefix="leasedesk-sandbox-"))
        data_dir = temporary
    else:
        data_dir = config.resolve_data_dir(getattr(args, "data_dir", None))
    if sandbox:
        from desktop_app.sandbox.keyring_scope import enter_sandbox_keyring

        enter_sandbox_keyring(read_through=temporary is None)
    try:
        opened = open_store_and_rows(data_dir, config)
    except BaseException:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
        if sandbox:
            from desktop_app.sandbox.keyring_scope import leave_sandbox_keyring

            leave_sandbox_keyring()
        raise
    from desktop_app.logs import setup_logging

    setup_logging(data_dir)  # the app's redacted log file, as the command line has it
    return Opened(
        services=opened.services,
        rows=opened.rows,
        temporary_dir=temporary,
        sandbox_keyring=sandbox,
    )


def reopen_store(old: Services, between: Any = None) -> Reopened:
    """Close ``old``'s store, run ``between()`` (e.g. adopting the local profile, which moves
    the database), then open the now-active profile's store with ``old``'s account service. On
    the DB worker, after every queued save of the old store (the worker is serial)."""
    old.close()
    if between is not None:
        between()
    return open_store_and_rows(old.data_dir, previous=old)
