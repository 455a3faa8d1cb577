"""DynamoDB's item size, computed before sending (the 400 KB limit), and which field of the
application made an item too big, so the agent is told what to shrink rather than "validation
error"."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

#: AWS allows 409,600 bytes and moto 405,000; stay under both, with room for the write attributes.
ITEM_LIMIT = 400_000


def value_size(value: Any) -> int:
    """Bytes DynamoDB counts for a value (strings UTF-8, numbers ~1 byte per 2 digits)."""
    if value is None or isinstance(value, bool):
        return 1
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    if isinstance(value, (bytes, bytearray)):
        return len(value)
    if isinstance(value, (int, Decimal)):
        digits = len(str(value).lstrip("-").replace(".", ""))
        return (digits + 1) // 2 + 1
    if isinstance(value, dict):
        return 3 + sum(len(k.encode("utf-8")) + value_size(v) + 1 for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return 3 + sum(value_size(v) + 1 for v in value)
    return len(str(value))


def item_size(attributes: dict[str, Any]) -> int:
    return sum(len(k.encode("utf-8")) + value_size(v) for k, v in attributes.items())


#: What the write attributes (version, two timestamps, the content hash) can add to an item.
WRITE_ATTRIBUTES_ALLOWANCE = 300


def surely_under_limit(json_bytes: int, extra: int = 0) -> bool:
    """A cheap first look, from the length of an item's compact JSON (the canonical JSON the
    content hash is taken over serves): DynamoDB never counts more than 1.5x it (its worst
    cases are 1-byte booleans and nulls, 3-byte empty lists: JSON spends about as much), so
    JSON under two thirds of the limit needs no exact measure. ``extra``: bytes DynamoDB
    counts beyond that JSON."""
    return json_bytes * 1.5 + extra < ITEM_LIMIT


def largest_leaf(attributes: dict[str, Any]) -> tuple[str, int]:
    """The path (``application_info.notes``, ``signatures[0].image_png``) of the biggest value."""
    best = ("", -1)

    def walk(path: str, value: Any) -> None:
        nonlocal best
        if isinstance(value, dict) and value:
            for k, v in value.items():
                walk(f"{path}.{k}" if path else k, v)
        elif isinstance(value, list) and value:
            for i, v in enumerate(value):
                walk(f"{path}[{i}]", v)
        else:
            size = value_size(value)
            if size > best[1]:
                best = (path, size)

    walk("", attributes)
    return best


_APP_ATTR_TO_DOMAIN = {"uploaded_files": "documents"}


def domain_path(table: str, source: str, attr_path: str) -> str:
    """The application field an attribute path of an item comes from."""
    head, _, rest = attr_path.partition(".")
    head_name = re.sub(r"\[\d+\]$", "", head)
    index = head[len(head_name) :]
    if table == "app":
        return _APP_ATTR_TO_DOMAIN.get(head_name, head_name) + index + (f".{rest}" if rest else "")
    if head_name.endswith("_info"):
        return f"{source}.{rest}" if rest else source
    if head_name == "signature":
        return f"signatures.{rest}" if rest else "signatures"
    return f"{source}.{head_name}{index}" + (f".{rest}" if rest else "")
