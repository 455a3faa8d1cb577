"""What every window gets: the store's services, the task manager and one change notification
(Anki's single "something changed" signal), so each view refreshes only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.store import Store
from desktop_app.ui.tasks import TaskManager


class ChangeBus(QObject):
    #: An application was created, saved, submitted, amended or deleted (its id).
    application_changed = Signal(str)
    #: Building profiles changed.
    profiles_changed = Signal()


@dataclass
class AppContext:
    data_dir: Path
    store: Store
    autosave: AutosaveService
    tasks: TaskManager
    bus: ChangeBus = field(default_factory=ChangeBus)
    #: Optional extras wired by the launcher (config, account service, sandbox handle, …).
    extras: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def open(cls, data_dir: Path, store: Store) -> AppContext:
        return cls(data_dir=data_dir, store=store, autosave=AutosaveService(store), tasks=TaskManager())

    def close(self) -> None:
        self.tasks.flush()
        self.tasks.shutdown()
        self.store.close()
