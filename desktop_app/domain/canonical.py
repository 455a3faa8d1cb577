"""Canonical JSON and content hashes (DESIGN §3): sorted keys, no whitespace, decimals as strings."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

#: Attributes left out of a content hash: they change without the content changing.
HASH_EXCLUDED = frozenset({"version", "created_at", "last_updated", "content_hash"})


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _decimal_str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode("ascii")
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _decimal_str(value: Decimal) -> str:
    """A decimal as a plain string; integral values lose a trailing '.0' / exponent."""
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def _normalise(value: Any) -> Any:
    # Floats and ints become decimal strings too, so a number read back from DynamoDB
    # (always Decimal) hashes the same as the number that was written.
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return _decimal_str(Decimal(str(value)))
    if isinstance(value, Decimal):
        return _decimal_str(value)
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalise(v) for v in value]
    return value


def canonical_json(value: Any) -> str:
    return json.dumps(
        _normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    )


def content_hash(item: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of an item without version, timestamps and the hash."""
    body = {k: v for k, v in item.items() if k not in HASH_EXCLUDED}
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()
