"""Bringing a store under encryption, and re-keying it.

``seal_existing`` encrypts in place what a database written before encryption holds in clear
(PII fields and document bytes), then scrubs the file: ``secure_delete`` zeroes freed pages,
VACUUM rewrites the file, the WAL is truncated, and backup copies taken before (which hold the
clear values) are removed. ``reseal`` re-encrypts everything under a new key: the sealed
values, then the file itself (``PRAGMA rekey``, one transaction: a kill leaves the file under
the old key or the new one, and the store opens with either while both are in the keyring)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, select, update

from desktop_app.storage import sqlcipher
from desktop_app.storage.codec import DocumentCodec
from desktop_app.storage.crypto import Cipher, file_key
from desktop_app.storage.orm import ApplicationRow, DocumentBlobRow

log = logging.getLogger(__name__)
APPS = ApplicationRow.__table__
BLOBS = DocumentBlobRow.__table__

#: Extra sealed columns other parts keep (e.g. the sync engine's snapshots): each is a
#: function that re-seals its rows on a connection with (old codec, new codec).
RESEALERS: list[Callable[[Connection, DocumentCodec, DocumentCodec, bool], int | None]] = []


def _rewrite(
    conn: Connection, old: DocumentCodec, new: DocumentCodec, only_clear: bool
) -> tuple[int, int, int]:
    """(applications, documents, other rows) rewritten."""
    apps = blobs = 0
    for row in conn.execute(select(APPS.c.id, APPS.c.data)).all():
        if only_clear and not new.needs_sealing(row.data):
            continue
        app = old.decode(row.id, row.data)
        conn.execute(update(APPS).where(APPS.c.id == row.id).values(data=new.encode(app)))
        apps += 1
    for row in conn.execute(
        select(BLOBS.c.application_id, BLOBS.c.document_id, BLOBS.c.content)
    ).all():
        if only_clear and not new.blob_needs_sealing(row.content):
            continue
        content = old.open_blob(row.application_id, row.document_id, row.content)
        conn.execute(
            update(BLOBS)
            .where(BLOBS.c.application_id == row.application_id,
                   BLOBS.c.document_id == row.document_id)
            .values(content=new.seal_blob(row.application_id, row.document_id, content))
        )
        blobs += 1
    other = sum(reseal(conn, old, new, only_clear) or 0 for reseal in RESEALERS)
    return apps, blobs, other


#: ``PRAGMA user_version`` once every value in the file is sealed (checked at open, so the scan
#: runs once per database, not at every start). 2: the sync state's snapshots and conflicts too.
SEALED_VERSION = 2


def _scrub(engine: Engine, path: Path) -> None:
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None  # a connection just checked out of the pool is open
        driver.execute("VACUUM")
        driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
    for backup in path.parent.glob(f"{path.name}.*.bak"):
        backup.unlink()
        log.info("removed a backup taken before encryption: %s", backup.name)


def seal_existing(engine: Engine, path: Path, codec: DocumentCodec) -> tuple[int, int]:
    """Encrypt what is still in clear; returns (applications, documents) sealed."""
    with engine.connect() as conn:
        if conn.exec_driver_sql("PRAGMA user_version").scalar_one() >= SEALED_VERSION:
            return (0, 0)
    with engine.begin() as conn:
        *counts, other = _rewrite(conn, DocumentCodec(codec.cipher), codec, only_clear=True)
        conn.exec_driver_sql(f"PRAGMA user_version={SEALED_VERSION}")
    if any(counts) or other:
        _scrub(engine, path)
        log.info("encrypted %d application(s) and %d document(s) in place", *counts)
    return counts[0], counts[1]


def reseal(engine: Engine, path: Path, old: Cipher, new: Cipher) -> tuple[int, int]:
    """Re-encrypt every sealed value under ``new`` (which must also open ``old``'s values), and
    re-key an encrypted file to ``new``'s key. The engine is disposed after a re-key: the store
    must be opened again (with ``new``) to be used."""
    with engine.begin() as conn:
        apps, blobs, _other = _rewrite(conn, DocumentCodec(old), DocumentCodec(new), False)
    _scrub(engine, path)
    if engine.dialect.driver == "pysqlcipher":
        engine.dispose()
        raw = engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None
            sqlcipher.rekey(driver, file_key(new.current))
        finally:
            raw.invalidate()  # keyed with the old key: never back into the pool
        engine.dispose()
    return apps, blobs


def _register_sync_state() -> None:
    from desktop_app.storage.sync_protection import reseal_sync_state

    if reseal_sync_state not in RESEALERS:
        RESEALERS.append(reseal_sync_state)


_register_sync_state()
