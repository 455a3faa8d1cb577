"""A local store: one SQLite file (SQLCipher-encrypted when it has a cipher), migrated at open,
handing out units of work."""

from __future__ import annotations

from pathlib import Path
from typing import Self

from sqlalchemy import Engine

from desktop_app.domain.models import utcnow
from desktop_app.storage.codec import DocumentCodec
from desktop_app.storage import sqlcipher
from desktop_app.storage.crypto import Cipher, file_keys
from desktop_app.storage.db import create_sqlite_engine, migrate
from desktop_app.storage.draft_writer import DraftWriter
from desktop_app.storage.protection import seal_existing
from desktop_app.storage.repository import Clock
from desktop_app.storage.unit_of_work import UnitOfWork


class Store:
    """``cipher`` encrypts the whole file (SQLCipher, a key derived from the cipher's current
    key) and, inside it, seals PII and document bytes; the app always passes the account's
    (``services.local_store``). A plain file is converted in place at open. Without a cipher,
    the file and its values are stored as they are — for tests of storage mechanics only.

    Raises :class:`~desktop_app.storage.sqlcipher.StoreKeyMismatch` when the file holds data
    none of the cipher's keys opens; nothing is written then."""

    def __init__(self, path: Path, cipher: Cipher | None = None) -> None:
        self.path = Path(path)
        self.codec = DocumentCodec(cipher)
        self.file_key = None if cipher is None else open_file_key(self.path, cipher)
        self.engine: Engine = create_sqlite_engine(self.path, self.file_key)
        self.backup_path = migrate(self.engine, self.path, self.file_key)
        if cipher is not None:
            seal_existing(self.engine, self.path, self.codec)
        self.drafts = DraftWriter(self.path, self.codec, self.file_key)

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


def open_file_key(path: Path, cipher: Cipher) -> bytes:
    """The key the store file opens with, after converting a plain file (and plain backups
    beside it) to SQLCipher under the cipher's current key. A file last keyed with an older
    key (a rotation stopped part-way) is re-keyed to the current one."""
    keys = file_keys(cipher)
    sqlcipher.discard_partial(path)
    if sqlcipher.is_plain(path):
        sqlcipher.encrypt_in_place(path, keys[0])
    elif sqlcipher.holds_data(path):
        key = sqlcipher.find_key(path, keys)  # refused here, before anything is written
        if key != keys[0]:
            conn = sqlcipher.connect(path, key, isolation_level=None)
            try:
                sqlcipher.rekey(conn, keys[0])
            finally:
                conn.close()
    for backup in sorted(path.parent.glob(f"{path.name}.*.bak")):
        if sqlcipher.is_plain(backup):
            sqlcipher.encrypt_in_place(backup, keys[0])
    return keys[0]


def open_store(path: Path, cipher: Cipher | None = None) -> Store:
    return Store(path, cipher)
