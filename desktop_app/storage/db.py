"""Opening a local store: the SQLite engine (WAL, ``synchronous=FULL``; SQLCipher 4 with a raw
key when the store is encrypted) and the alembic migrations applied at start, after a backup
copy of the file (encrypted under the same key)."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Connection, Engine, create_engine, event, inspect
from sqlalchemy.pool import QueuePool

from desktop_app.fileperms import private_dir, private_file
from desktop_app.storage import sqlcipher

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
# alembic logs a dozen INFO lines per store opened (plugins, context, each step); the store
# logs one line of its own when it upgrades. Its warnings still pass.
logging.getLogger("alembic").setLevel(logging.WARNING)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


#: Every connection to a store: WAL, durable commits, enforced foreign keys, freed pages zeroed
#: (no stale PII in the file), and up to 30 s of waiting for another writer's lock.
PRAGMAS = (
    "journal_mode=WAL",
    "synchronous=FULL",
    "foreign_keys=ON",
    "secure_delete=ON",
    "busy_timeout=30000",
)


def apply_pragmas(dbapi_conn: sqlite3.Connection, key: bytes | None = None, *, keyed: bool = False) -> None:
    """Set the store's pragmas on a driver connection (the engine's and the draft writer's);
    when the store is encrypted, the key (unless ``keyed``: the dialect has set it) and the
    cipher settings first."""
    if key is not None:
        dbapi_conn.execute(f"PRAGMA key = {sqlcipher.key_literal(key)}")
    if key is not None or keyed:
        sqlcipher.apply_settings(dbapi_conn)
    cur = dbapi_conn.cursor()
    for pragma in PRAGMAS:
        cur.execute(f"PRAGMA {pragma}")
    cur.close()


def create_sqlite_engine(path: Path, key: bytes | None = None) -> Engine:
    """The engine of the store at ``path``: SQLCipher (the ``sqlite+pysqlcipher`` dialect, which
    sets the key before anything else) when ``key`` is given, plain SQLite otherwise. The file
    is created 0600 (its WAL and shared-memory files take its mode) in a 0700 folder."""
    private_dir(path.parent)
    private_file(path)
    if key is None:
        url: str | URL = f"sqlite:///{path}"
    else:
        url = URL.create("sqlite+pysqlcipher", password=sqlcipher.key_literal(key)[1:-1], database=str(path))
    engine = create_engine(
        url,
        # The driver's own implicit transactions are off; the "begin" hook below issues
        # BEGIN IMMEDIATE, so a writer takes the lock up front instead of failing mid-way.
        connect_args={"check_same_thread": False, "timeout": 30, "isolation_level": None},
        # The pysqlcipher dialect defaults to one connection per thread, kept forever; the
        # store uses the same pool with or without encryption.
        poolclass=QueuePool,
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        apply_pragmas(dbapi_conn, keyed=key is not None)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _alembic_config(connection: Connection | None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(None)
    return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_file(path: Path, label: str, key: bytes | None = None) -> Path:
    """A consistent copy of the database (sqlite's backup API copes with WAL), 0600, encrypted
    under the store's own key when it has one."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = private_file(path.with_name(f"{path.name}.{label}-{stamp}.bak"))
    src = sqlcipher.connect(path, key)
    try:
        dst = sqlcipher.connect(target, key)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def migrate(engine: Engine, path: Path, key: bytes | None = None) -> Path | None:
    """Bring the schema to head; back the file up first when it holds data. Returns the backup."""
    from alembic import command

    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return None
    backup = None
    if path.exists() and (current is not None or inspect(engine).get_table_names()):
        backup = backup_file(path, f"before-{head}", key)
        log.info("database backed up before migration to %s", backup.name)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
    log.info("store schema upgraded %s→%s", current or "empty", head)
    return backup
