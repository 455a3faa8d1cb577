"""A local store: one SQLite file, migrated at open, handing out units of work."""

from __future__ import annotations

from pathlib import Path
from typing import Self

from sqlalchemy import Engine

from desktop_app.domain.models import utcnow
from desktop_app.storage.codec import DocumentCodec
from desktop_app.storage.crypto import Cipher
from desktop_app.storage.db import create_sqlite_engine, migrate
from desktop_app.storage.draft_writer import DraftWriter
from desktop_app.storage.protection import seal_existing
from desktop_app.storage.repository import Clock
from desktop_app.storage.unit_of_work import UnitOfWork


class Store:
    """``cipher`` seals PII and document bytes at rest; the app always passes the account's
    (``services.local_store``). Without one, values are stored as they are — for tests of
    storage mechanics only."""

    def __init__(self, path: Path, cipher: Cipher | None = None) -> None:
        self.path = Path(path)
        self.codec = DocumentCodec(cipher)
        self.engine: Engine = create_sqlite_engine(self.path)
        self.backup_path = migrate(self.engine, self.path)
        if cipher is not None:
            seal_existing(self.engine, self.path, self.codec)
        self.drafts = DraftWriter(self.path, self.codec)

    def uow(self, clock: Clock = utcnow) -> UnitOfWork:
        """A unit of work whose rows are stamped by ``clock`` (a service passes its own)."""
        return UnitOfWork(self.engine, self.codec, clock)

    def close(self) -> None:
        self.drafts.close()
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(path: Path, cipher: Cipher | None = None) -> Store:
    return Store(path, cipher)
