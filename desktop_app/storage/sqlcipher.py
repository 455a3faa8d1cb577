"""The store file under SQLCipher 4: a raw 256-bit key, converting a plain SQLite file in place,
and finding which of an account's keys opens a file.

Conversion is crash-safe: the plain file is checkpointed (its WAL emptied), copied through
``sqlcipher_export`` into ``<store>.encrypting``, fsynced, and renamed over the store (then the
folder is fsynced). A kill at any moment leaves either the old plain store, which converts at
the next start, or the new encrypted one; a half-written ``.encrypting`` file is discarded.
``sqlcipher_export`` does not copy ``user_version``; the conversion copies it. The bytes of the
replaced plain file are overwritten with zeros once it is no longer the store."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import sqlcipher3  # type: ignore[import-untyped]
from sqlcipher3 import Connection

from desktop_app.fileperms import fsync_dir, private_file

log = logging.getLogger(__name__)

_PLAIN_HEADER = b"SQLite format 3\x00"
ENCRYPTING_SUFFIX = ".encrypting"


class StoreKeyMismatch(sqlcipher3.DatabaseError):
    """None of the keys given opens the store file."""


#: The store's cipher settings besides SQLCipher 4's defaults, set on every connection right
#: after the key (a file opens only with the settings it was written with). Smaller pages and
#: HMAC-SHA256 (hardware-accelerated on current CPUs) keep an autosave within 1.5x plain SQLite:
#: an autosave rewrites a handful of pages, each encrypted and authenticated whole
#: (docs/storage.md has the figures).
CIPHER_SETTINGS = ("cipher_page_size = 1024", "cipher_hmac_algorithm = HMAC_SHA256")


def apply_settings(conn: Connection, schema: str = "") -> None:
    """Set :data:`CIPHER_SETTINGS` on a keyed connection (``schema``: an attached database)."""
    prefix = f"{schema}." if schema else ""
    for setting in CIPHER_SETTINGS:
        conn.execute(f"PRAGMA {prefix}{setting}")


def key_literal(key: bytes) -> str:
    """SQLCipher's raw-key form (no passphrase derivation): ``"x'<64 hex digits>'"``."""
    if len(key) != 32:
        raise ValueError("a store key is 32 bytes")
    return f"\"x'{key.hex()}'\""


def connect(path: Path, key: bytes | None, **kwargs: Any) -> Connection:
    """A driver connection to ``path``, keyed first when ``key`` is given."""
    conn = sqlcipher3.connect(str(path), **kwargs)
    if key is not None:
        conn.execute(f"PRAGMA key = {key_literal(key)}")
        apply_settings(conn)
    return conn


def is_plain(path: Path) -> bool:
    """The file is a plain (unencrypted) SQLite database with content."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == _PLAIN_HEADER
    except FileNotFoundError:
        return False


def holds_data(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0


def opens_with(path: Path, key: bytes) -> bool:
    conn = connect(path, None, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is expected here
        conn.execute(f"PRAGMA key = {key_literal(key)}")
        apply_settings(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except sqlcipher3.DatabaseError:
        return False
    finally:
        conn.close()


def find_key(path: Path, keys: list[bytes]) -> bytes:
    """The first of ``keys`` that opens the encrypted store at ``path``."""
    for key in keys:
        if opens_with(path, key):
            return key
    raise StoreKeyMismatch(f"the store {path.name} does not open with this account's data key")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def discard_partial(path: Path) -> None:
    """Remove what an interrupted conversion left beside ``path``."""
    tmp = path.with_name(path.name + ENCRYPTING_SUFFIX)
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        leftover.unlink(missing_ok=True)


def _zero_and_close(fd: int) -> None:
    try:
        size = os.fstat(fd).st_size
        block = b"\0" * (1 << 20)
        os.lseek(fd, 0, os.SEEK_SET)
        written = 0
        while written < size:
            written += os.write(fd, block[: min(len(block), size - written)])
        os.fsync(fd)
    finally:
        os.close(fd)


def encrypt_in_place(path: Path, key: bytes) -> None:
    """Turn the plain SQLite file at ``path`` into a SQLCipher one under ``key``."""
    discard_partial(path)
    tmp = private_file(path.with_name(path.name + ENCRYPTING_SUFFIX))
    src = connect(path, None, isolation_level=None)
    try:
        src.execute("PRAGMA busy_timeout=30000")
        src.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        version = int(src.execute("PRAGMA user_version").fetchone()[0])
        quoted = str(tmp).replace("'", "''")
        src.execute(f"ATTACH DATABASE '{quoted}' AS encrypted KEY {key_literal(key)}")
        apply_settings(src, "encrypted")
        src.execute("SELECT sqlcipher_export('encrypted')")
        src.execute(f"PRAGMA encrypted.user_version = {version}")
        src.execute("DETACH DATABASE encrypted")
    except BaseException:
        src.close()
        discard_partial(path)  # e.g. a full disk: the plain store stays as it was
        raise
    src.close()  # the last connection: SQLite checkpoints and removes the plain WAL
    _fsync(tmp)
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    old = os.open(path, os.O_RDWR)
    try:
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except BaseException:
        os.close(old)
        raise
    _zero_and_close(old)
    log.info("converted %s to an encrypted store", path.name)


def rekey(conn: Connection, key: bytes) -> None:
    """Re-encrypt every page under ``key``, in one transaction (SQLCipher's ``PRAGMA rekey``)."""
    conn.execute(f"PRAGMA rekey = {key_literal(key)}")
