"""A unit of work owns one connection and one transaction, with the repositories on it; it
rolls back unless committed (cosmicpython's ``unit_of_work.py``). A commit under WAL with
``synchronous=FULL`` is durable when it returns."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine

from desktop_app.storage.codec import DocumentCodec
from desktop_app.domain.models import utcnow
from desktop_app.storage.repository import (
    ApplicationRepository,
    BuildingProfileRepository,
    Clock,
    DocumentBlobRepository,
    OutboxRepository,
)


class UnitOfWork:
    applications: ApplicationRepository
    outbox: OutboxRepository
    blobs: DocumentBlobRepository
    profiles: BuildingProfileRepository

    def __init__(
        self, engine: Engine, codec: DocumentCodec | None = None, clock: Clock = utcnow
    ) -> None:
        self._engine = engine
        self.codec = codec or DocumentCodec()
        #: The time the repositories stamp rows with (``updated_at``, ``deleted_at``).
        self.clock = clock
        self._conn: Connection | None = None

    def __enter__(self) -> Self:
        self._conn = self._engine.connect()
        self._tx = self._conn.begin()
        self.applications = ApplicationRepository(self._conn, self.codec, self.clock)
        self.outbox = OutboxRepository(self._conn)
        self.blobs = DocumentBlobRepository(self._conn, self.codec)
        self.profiles = BuildingProfileRepository(self._conn)
        return self

    @property
    def connection(self) -> Connection:
        """This unit's connection, for writes of other modules' tables in its transaction."""
        assert self._conn is not None
        return self._conn

    def commit(self) -> None:
        self._tx.commit()

    def rollback(self) -> None:
        if self._tx.is_active:
            self._tx.rollback()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self.rollback()
        finally:
            assert self._conn is not None
            self._conn.close()
            self._conn = None
