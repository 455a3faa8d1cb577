"""Owner-only files on a shared machine: with a permissive umask, everything the app writes under
a fresh data dir (store, WAL, shared memory, backups, logs, exports) is 0600 in 0700 folders,
and a data dir an older version left readable is narrowed at start."""

import logging
import os
import random
import stat
import sys
import threading
from datetime import date

import pytest

from desktop_app.logs import _AppFileHandler, setup_logging
from desktop_app.sampledata import synthetic_application
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.drafts_io import export_to_file
from desktop_app.storage.crypto import Cipher, DataKey
from desktop_app.storage.db import backup_file
from desktop_app.storage.paths import database_path, resolve_data_dir
from desktop_app.storage.store import open_store


@pytest.fixture
def permissive_umask():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def restore_logging():
    hooks = sys.excepthook, threading.excepthook
    yield
    sys.excepthook, threading.excepthook = hooks
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _AppFileHandler):
            root.removeHandler(handler)
            handler.close()


def modes(root) -> dict[str, int]:
    out = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in sorted(root.rglob("*")):
        out[str(path.relative_to(root))] = stat.S_IMODE(path.stat().st_mode)
    return out


def wrong(root) -> dict[str, str]:
    return {name: oct(mode) for name, mode in modes(root).items()
            if mode != (0o700 if (root / name).is_dir() else 0o600)}


def test_every_file_under_a_fresh_data_dir_is_owner_only(tmp_path, permissive_umask, restore_logging):
    data_dir = resolve_data_dir(tmp_path / "data")
    setup_logging(data_dir)
    logging.getLogger("desktop_app.test").info("store opened")
    store = open_store(database_path(data_dir), Cipher(DataKey.generate()))
    svc = AutosaveService(store)
    app = svc.create_draft(synthetic_application(random.Random(3), today=date(2026, 11, 26)))
    svc.save_field(app.id, "primary_applicant.first_name", "Qxname")
    backup_file(store.path, "before-test", store.file_key)
    export_to_file(store, data_dir / "export.json")
    try:
        names = set(modes(data_dir))
        # The store is open: its WAL and shared-memory files are there too.
        assert {"profiles/local/leasedesk.sqlite3-wal", "profiles/local/leasedesk.sqlite3-shm",
                "logs/desktop_app.log", "export.json"} <= names, names
        assert wrong(data_dir) == {}
    finally:
        store.close()
    assert wrong(data_dir) == {}


def test_a_readable_data_dir_left_by_an_older_version_is_narrowed_at_start(tmp_path, permissive_umask):
    data_dir = tmp_path / "data"
    store = open_store(data_dir / "profiles" / "local" / "leasedesk.sqlite3")
    store.close()
    for path in [data_dir, *data_dir.rglob("*")]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    (data_dir / "logs").mkdir(mode=0o755)
    (data_dir / "logs" / "desktop_app.log").write_text("old log\n")
    assert wrong(data_dir) != {}
    resolve_data_dir(data_dir)
    assert wrong(data_dir) == {}
