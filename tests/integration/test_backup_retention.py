"""Local backups are kept as the agent's setting says: older ones go, the newest of each
database always stays, 0 keeps them all, and a damaged setting falls back to the default."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from desktop_app.services.backup_retention import (
    DEFAULT_KEEP_DAYS,
    SETTING_FILE,
    list_backups,
    prune_backups,
    read_keep_days,
    write_keep_days,
)
from desktop_app.storage.db import backup_file
from desktop_app.storage.paths import database_path
from desktop_app.storage.store import open_store

NOW = datetime(2026, 12, 1, tzinfo=UTC)


def make_backups(data_dir, account: str, stamps: list[str]):
    db = database_path(data_dir, account)
    db.parent.mkdir(parents=True, exist_ok=True)
    open_store(db).close()
    made = []
    for stamp in stamps:
        real = backup_file(db, "before-0008")  # a real backup, renamed to its pretend time
        made.append(real.rename(real.with_name(f"{db.name}.before-0008-{stamp}000000.bak")))
    return made


def test_old_backups_go_and_the_newest_of_each_database_stays(tmp_path):
    local = make_backups(tmp_path, "local", ["20260101T000000", "20261120T000000"])
    other = make_backups(tmp_path, "us-east-1:abc", ["20250101T000000"])
    write_keep_days(tmp_path, 30)
    removed = prune_backups(tmp_path, now=NOW)
    assert removed == [local[0]]
    assert {b.path for b in list_backups(tmp_path)} == {local[1], other[0]}
    assert database_path(tmp_path).exists()  # never the database itself


def test_zero_keeps_every_backup_and_bad_settings_fall_back(tmp_path):
    made = make_backups(tmp_path, "local", ["20200101T000000", "20210101T000000"])
    write_keep_days(tmp_path, 0)
    assert prune_backups(tmp_path, now=NOW) == []
    assert [b.path for b in list_backups(tmp_path)] == made
    for bad in ('{"keep_days": -3}', '{"keep_days": true}', "not json", '{"keep_days": "7"}'):
        (tmp_path / SETTING_FILE).write_text(bad, encoding="utf-8")
        assert read_keep_days(tmp_path) == DEFAULT_KEEP_DAYS
    with pytest.raises(ValueError):
        write_keep_days(tmp_path, -1)
