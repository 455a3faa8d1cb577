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


def _decode_value(typed: Any) -> Any:
    """One typed attribute value from JSON (base64 → bytes under ``B``/``BS``). Only the type
    tag decides: an attribute or map entry *named* ``B`` or ``BS`` is an ordinary name."""
    if not isinstance(typed, dict) or len(typed) != 1:
        return typed
    [(tag, payload)] = typed.items()
    if tag == "B":
        return {tag: base64.b64decode(payload)}
    if tag == "BS":
        return {tag: [base64.b64decode(v) for v in payload]}
    if tag == "M" and isinstance(payload, dict):
        return {tag: {k: _decode_value(v) for k, v in payload.items()}}
    if tag == "L" and isinstance(payload, list):
        return {tag: [_decode_value(v) for v in payload]}
    return typed


def _decode(item: dict[str, Any]) -> dict[str, Any]:
    """One backed-up item (attribute name → typed value) with its binary values restored."""
    return {name: _decode_value(value) for name, value in item.items()}


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
    from boto3.dynamodb.types import TypeDeserializer

    deserializer = TypeDeserializer()
    items = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                typed = _decode(json.loads(line))
                items.append(python_item(typed, deserializer))
    return items


def python_item(typed: dict[str, Any], deserializer: Any = None) -> dict[str, Any]:
    """A DynamoDB-typed item as Python values: numbers as Decimal, binary as ``bytes`` (also
    inside sets, so that they sort and hash like any other value)."""
    from boto3.dynamodb.types import TypeDeserializer

    deserializer = deserializer or TypeDeserializer()
    return {k: _plain(deserializer.deserialize(v)) for k, v in typed.items()}


def _plain(value: Any) -> Any:
    from boto3.dynamodb.types import Binary

    if isinstance(value, Binary):
        return bytes(value)
    if isinstance(value, set):
        return {_plain(v) for v in value}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
