"""Backup of the source table: a parallel segmented Scan written as JSONL (one DynamoDB-typed
item per line, binary as base64), so the backup restores item for item with ``PutItem``.

The migration maps from this file, not from a second scan: a resumed run works from the very
snapshot the interrupted run took. The file is created readable by its owner only (it holds
personal data) and appears under its final name only once complete."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop_app.admin.progress import Progress
from desktop_app.remote.boto import BotoClient


@dataclass(frozen=True)
class BackupInfo:
    path: str
    items: int
    sha256: str
    taken_at: str  # ISO-8601 UTC, when the scan started

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _encode(value: Any) -> Any:
    """A typed attribute value made JSON-safe (bytes → base64 text)."""
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _decode(value: Any, type_tag: str | None = None) -> Any:
    if type_tag == "B":
        return base64.b64decode(value)
    if type_tag == "BS":
        return [base64.b64decode(v) for v in value]
    if isinstance(value, dict):
        return {k: _decode(v, k if k in ("B", "BS") else None) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def backup_table(
    client: BotoClient,
    table: str,
    path: Path,
    segments: int,
    progress: Progress,
    expected: int = 0,
) -> BackupInfo:
    """Scan ``table`` with ``segments`` parallel segments into ``path`` (JSONL).

    ``expected`` (DescribeTable's approximate item count) only sizes the progress bar."""
    taken_at = datetime.now(UTC).isoformat().replace("+00:00", "Z")
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = path.with_name(path.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    lock = threading.Lock()
    count = 0
    progress.start("backup", expected)

    with os.fdopen(fd, "w", encoding="utf-8") as out:

        def scan_segment(segment: int) -> None:
            nonlocal count
            kwargs: dict[str, Any] = {
                "TableName": table,
                "Segment": segment,
                "TotalSegments": segments,
                "ConsistentRead": True,
            }
            while True:
                page = client.scan(**kwargs)
                lines = "".join(
                    json.dumps(_encode(item), sort_keys=True, ensure_ascii=False) + "\n"
                    for item in page.get("Items", [])
                )
                with lock:
                    out.write(lines)
                    count += len(page.get("Items", []))
                progress.advance(len(page.get("Items", [])))
                if "LastEvaluatedKey" not in page:
                    return
                kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

        with ThreadPoolExecutor(max_workers=segments, thread_name_prefix="scan") as pool:
            for future in [pool.submit(scan_segment, s) for s in range(segments)]:
                future.result()
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)
    progress.finish()
    return BackupInfo(str(path), count, file_sha256(path), taken_at)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_backup(path: Path) -> list[dict[str, Any]]:
    """The backed-up items as Python values (numbers as Decimal, binary as bytes)."""
    from boto3.dynamodb.types import Binary, TypeDeserializer

    deserializer = TypeDeserializer()

    def plain(value: Any) -> Any:
        if isinstance(value, Binary):
            return bytes(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    items = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                typed = _decode(json.loads(line))
                items.append(plain({k: deserializer.deserialize(v) for k, v in typed.items()}))
    return items
