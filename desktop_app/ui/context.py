"""What every window gets: the services (the composition root's typed container), the task
manager and one change notification (Anki's single "something changed" signal), so each view
refreshes only what it shows. The bus is told what changed in one place, :meth:`ChangeBus.tell`,
which the task runner calls with the :class:`OpChanges` an operation declares."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from desktop_app.bootstrap import Services, bootstrap
from desktop_app.services.changes import OpChanges
from desktop_app.ui.tasks import TaskManager

if TYPE_CHECKING:
    from desktop_app.auth.account_service import AccountService
    from desktop_app.config import AppConfig
    from desktop_app.services.autosave import AutosaveService
    from desktop_app.storage.store import Store
    from desktop_app.ui.account_ui import AccountController
    from desktop_app.ui.sync_wiring import SyncWiring


class ChangeBus(QObject):
    #: An application was created, saved, submitted, amended or deleted (its id).
    application_changed = Signal(str)
    #: Building profiles changed.
    profiles_changed = Signal()

    def tell(self, changes: OpChanges) -> None:
        """Announce ``changes``: each changed application, then the profiles."""
        for app_id in changes.applications:
            self.application_changed.emit(app_id)
        if changes.profiles:
            self.profiles_changed.emit()


@dataclass
class AppContext:
    #: Replaced as a whole when the store or the backend changes (see ``bootstrap``).
    services: Services
    tasks: TaskManager
    bus: ChangeBus = field(default_factory=ChangeBus)
    #: The account menu and sign-in, the sync wiring and the embedded sandbox: set by the
    #: launcher once the main window is attached (None in a bare context).
    account_ui: AccountController | None = None
    sync: SyncWiring | None = None
    sandbox: Any = None  # desktop_app.sandbox's handle while ``--sandbox`` runs

    def __post_init__(self) -> None:
        self.tasks.changed.connect(self.bus.tell)

    @classmethod
    def open(cls, data_dir: Path, store: Store) -> AppContext:
        return cls(services=bootstrap(data_dir, store=store), tasks=TaskManager())

    @property
    def data_dir(self) -> Path:
        return self.services.data_dir

    @property
    def store(self) -> Store:
        return self.services.store

    @property
    def autosave(self) -> AutosaveService:
        return self.services.autosave

    @property
    def config(self) -> AppConfig | None:
        return self.services.config

    @property
    def accounts(self) -> AccountService | None:
        return self.services.accounts

    def close(self) -> None:
        self.tasks.flush()
        self.tasks.shutdown()
        self.services.close()
