"""How long the store's own backups are kept (docs/storage.md, "Backups"). A backup copy of
each account's database is made before every schema upgrade (``<database>.<label>-<time>.bak``
beside it); they hold applicants' data (sealed like the store) and would otherwise pile up.

The setting lives in ``<data dir>/backup-retention.json`` (``{"keep_days": N}``; 0 keeps
them all). :func:`prune_backups` removes the backups older than that, always keeping the newest
of each database, and runs when the app starts and when the setting changes. Qt-free."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop_app.fileperms import private_file
from desktop_app.storage.paths import DB_FILE_NAME

log = logging.getLogger(__name__)

DEFAULT_KEEP_DAYS = 90
MAX_KEEP_DAYS = 3650
SETTING_FILE = "backup-retention.json"
_STAMP = re.compile(r"-(\d{8}T\d{6}\d*)\.bak$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime
    size: int


def read_keep_days(data_dir: Path) -> int:
    try:
        value = json.loads((data_dir / SETTING_FILE).read_text(encoding="utf-8"))["keep_days"]
    except (OSError, ValueError, KeyError, TypeError):
        return DEFAULT_KEEP_DAYS
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_KEEP_DAYS:
        return DEFAULT_KEEP_DAYS
    return int(value)


def write_keep_days(data_dir: Path, days: int) -> None:
    if isinstance(days, bool) or not 0 <= int(days) <= MAX_KEEP_DAYS:
        raise ValueError(f"keep backups for 0 to {MAX_KEEP_DAYS} days")
    path = private_file(data_dir / SETTING_FILE)
    tmp = path.with_suffix(".tmp")
    private_file(tmp).write_text(json.dumps({"keep_days": int(days)}), encoding="utf-8")
    tmp.replace(path)


def list_backups(data_dir: Path) -> list[Backup]:
    """Every backup of every account's database under ``data_dir``, oldest first."""
    out = []
    for path in (data_dir / "profiles").glob(f"*/{DB_FILE_NAME}.*.bak"):
        found = _STAMP.search(path.name)
        if found is None:
            continue
        digits = found.group(1)
        try:
            taken = datetime.strptime(digits[:15], "%Y%m%dT%H%M%S").replace(tzinfo=UTC)
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(Backup(path, taken, size))
    return sorted(out, key=lambda b: (b.taken_at, b.path.name))


def prune_backups(data_dir: Path, keep_days: int | None = None, now: datetime | None = None) -> list[Path]:
    """Remove the backups older than ``keep_days`` (default: the setting), keeping the newest of
    each database; returns what was removed."""
    days = read_keep_days(data_dir) if keep_days is None else keep_days
    if days <= 0:
        return []
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    backups = list_backups(data_dir)
    newest: dict[Path, Backup] = {}
    for backup in backups:
        newest[backup.path.parent] = backup  # oldest first: the last one wins
    removed = []
    for backup in backups:
        if backup.taken_at < cutoff and newest[backup.path.parent] is not backup:
            try:
                backup.path.unlink()
            except OSError as exc:
                log.warning("could not remove an old backup: %s", type(exc).__name__)
                continue
            removed.append(backup.path)
    if removed:
        log.info("removed %d local backup(s) older than %d days", len(removed), days)
    return removed
