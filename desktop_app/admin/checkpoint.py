"""The migration's checkpoint: an append-only JSONL journal in the work directory.

It records the run (source, targets, backup), each checked chunk of target keys with what the
check found (absent / present / differing), and each batch written. A killed run started
again picks up here: same backup, same mapping, checked chunks not re-read, written batches
not re-sent. Keys that were absent but are not journaled as written are read again before
writing: the killed run may have written them after its last journal line, and an item found
there with our content hash is our own write, not someone else's."""

from __future__ import annotations

import json
import os
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

try:  # POSIX: refuse two migrations in one work directory at once
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

FILE_NAME = "checkpoint.jsonl"

KeyPair = tuple[str, str]  # (partition key value, zoneinfo)


class CheckpointBusy(RuntimeError):
    pass


@dataclass
class Checkpoint:
    path: Path
    run_id: str
    header: dict[str, Any]
    resumed: bool = False
    backup: dict[str, Any] | None = None
    checked: dict[tuple[str, int], dict[str, list[KeyPair]]] = field(default_factory=dict)
    written: dict[str, set[KeyPair]] = field(default_factory=dict)
    complete: bool = False
    _handle: Any = None
    _good_end: int = 0
    _lock_handle: TextIO | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def open(cls, work_dir: Path, source_table: str, targets: dict[str, str]) -> Checkpoint:
        """The unfinished run for this source and these targets, or a new run."""
        work_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        lock = _lock(work_dir)  # before reading anything a running migration may be writing
        try:
            checkpoint = cls._open_locked(work_dir, source_table, targets)
        except BaseException:
            lock.close()
            raise
        checkpoint._lock_handle = lock
        return checkpoint

    @classmethod
    def _open_locked(cls, work_dir: Path, source_table: str, targets: dict[str, str]) -> Checkpoint:
        path = work_dir / FILE_NAME
        loaded = cls._load(path) if path.exists() else None
        if loaded is not None:
            same = (
                loaded.header.get("source_table") == source_table
                and loaded.header.get("targets") == targets
            )
            if same and not loaded.complete:
                loaded.resumed = True
                with open(path, "r+b") as handle:  # drop a last line the kill cut short
                    handle.truncate(loaded._good_end)
                loaded._attach()
                return loaded
            path.rename(work_dir / f"checkpoint-{loaded.run_id}.jsonl")
        started = datetime.now(UTC).isoformat().replace("+00:00", "Z")
        run_id = started[:19].replace(":", "").replace("-", "") + "-" + uuid.uuid4().hex[:6]
        header = {
            "run_id": run_id,
            "started_at": started,
            "source_table": source_table,
            "targets": targets,
        }
        checkpoint = cls(path=path, run_id=run_id, header=header)
        checkpoint._attach()
        checkpoint._append({"header": header}, sync=True)
        return checkpoint

    @classmethod
    def _load(cls, path: Path) -> Checkpoint | None:
        checkpoint: Checkpoint | None = None
        good_end = 0
        with open(path, "rb") as handle:
            for raw in handle:
                try:
                    if not raw.endswith(b"\n"):
                        raise ValueError("line cut short")
                    record = json.loads(raw)
                except ValueError:
                    break  # cut short by the kill: nothing after it was written
                if "header" in record:
                    checkpoint = cls(
                        path=path, run_id=record["header"]["run_id"], header=record["header"]
                    )
                elif checkpoint is None:
                    return None
                else:
                    checkpoint._apply(record)
                good_end += len(raw)
        if checkpoint is not None:
            checkpoint._good_end = good_end
        return checkpoint

    def _apply(self, record: dict[str, Any]) -> None:
        if "backup" in record:
            self.backup = record["backup"]
        elif "checked" in record:
            outcome = {k: [tuple(p) for p in v] for k, v in record["outcome"].items()}
            self.checked[(record["checked"], record["chunk"])] = outcome
        elif "written" in record:
            self.written.setdefault(record["written"], set()).update(
                tuple(p) for p in record["keys"]
            )
        elif "complete" in record:
            self.complete = True

    def _attach(self) -> None:
        self._handle = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - held for the run

    def _append(self, record: dict[str, Any], sync: bool = False) -> None:
        line = json.dumps(record, separators=(",", ":")) + "\n"
        with self._lock:
            self._handle.write(line)
            self._handle.flush()  # in the OS's hands: survives a killed process
            if sync:
                os.fsync(self._handle.fileno())  # and a lost machine

    def record_backup(self, backup: dict[str, Any]) -> None:
        self.backup = backup
        self._append({"backup": backup}, sync=True)

    def record_checked(self, table: str, chunk: int, outcome: dict[str, list[KeyPair]]) -> None:
        self.checked[(table, chunk)] = outcome
        self._append({"checked": table, "chunk": chunk, "outcome": outcome}, sync=True)

    def record_written(self, table: str, keys: list[KeyPair]) -> None:
        self.written.setdefault(table, set()).update(keys)
        self._append({"written": table, "keys": keys})

    def record_complete(self) -> None:
        self.complete = True
        self._append({"complete": True}, sync=True)

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._lock_handle is not None:
            self._lock_handle.close()  # releases the lock
            self._lock_handle = None


def _lock(work_dir: Path) -> TextIO:
    """An exclusive lock on the work directory, held until the run closes its checkpoint."""
    handle = open(work_dir / ".lock", "a")  # noqa: SIM115 - held for the run
    if fcntl is not None:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.close()
            raise CheckpointBusy(f"another migration is running in {work_dir}") from exc
    return handle
