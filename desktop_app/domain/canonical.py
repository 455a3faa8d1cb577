"""Canonical JSON and content hashes (docs/architecture.md, "Remote schema and key rules"): sorted keys, no whitespace, decimals as strings."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal, localcontext
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
    raw = value if isinstance(value, bytes) else getattr(value, "value", None)  # boto3 Binary
    if isinstance(raw, bytes):
        import base64

        return base64.b64encode(raw).decode("ascii")
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _decimal_str(value: Decimal) -> str:
    """A decimal as a plain string; integral values lose a trailing '.0' / exponent. Exact for
    every number DynamoDB holds (38 digits), beyond the default context's 28; a number beyond
    DynamoDB's range (which no push can store) keeps its exponent rather than growing a
    billion zeros."""
    if not value.is_finite() or (value and not -130 <= value.adjusted() <= 125):
        return str(value)
    if value == value.to_integral_value():
        return format(value.to_integral_value(), "f")
    with localcontext() as ctx:
        ctx.prec = 40
        return format(value.normalize(), "f")


def _normalise(value: Any) -> Any:
    # Floats and ints become decimal strings too, so a number read back from DynamoDB
    # (always Decimal) hashes the same as the number that was written. Exact-type checks
    # first, strings inline: this walks every item the sync engine pushes.
    kind = type(value)
    if kind is dict:
        return {
            (k if type(k) is str else str(k)): (v if type(v) is str else _normalise(v))
            for k, v in value.items()
        }
    if kind is list:
        return [v if type(v) is str else _normalise(v) for v in value]
    if kind is str or kind is bool or value is None:
        return value
    if kind is int:
        return str(value)
    if kind is Decimal:
        return _decimal_str(value)
    if isinstance(value, (bool, str)):
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


#: The top-level attributes LeaseDesk writes, per table (logical name). An item's content hash
#: covers only these: attributes other systems add to the same items (webhook summaries, the
#: back office's notes) never change it, and a stored hash that no longer matches them means
#: one of them was changed outside LeaseDesk. ``<field>_enc`` values sit inside the ``*_info``
#: maps; the bookkeeping of :data:`HASH_EXCLUDED` is never hashed. A push sets and removes
#: these attributes only (an ``Update``), so what other systems write to the items survives it.
#: ``people`` (the app item's list of its person items) is hashed without the versions in it:
#: they are the version every item of the application is written at.
#: The app item's list of its person items: ``[{"table", "key", "version"}, ...]``.
PEOPLE = "people"
_PERSON = ("userId", "zoneinfo", "appid", "occupants", "signature", "status", "position")
LEASEDESK_ATTRIBUTES: dict[str, frozenset[str]] = {
    "app": frozenset(
        {
            "appid", "zoneinfo", "status", "current_step", "flow_type", "flow_version",
            "application_info", "uploaded_files", "signatures", "storage_mode",
            "s3_references", "submitted_at", "amends", "encrypted_documents", "people",
        }
    ),
    "applicant": frozenset({*_PERSON, "applicant_info"}),
    "coapplicant": frozenset({*_PERSON, "coapplicant_info"}),
    "guarantor": frozenset({*_PERSON, "guarantor_info"}),
}


#: ``audit_head_<machine id>`` on the app item: each machine's audit chain head, set by its
#: pushes (``sync/audit_heads.py``). Not in :data:`LEASEDESK_ATTRIBUTES`: never hashed (not a
#: change to merge) and never removed by a push, so one machine's never clears another's.
AUDIT_HEAD_PREFIX = "audit_head_"


def is_audit_head(name: str) -> bool:
    return name.startswith(AUDIT_HEAD_PREFIX)


def item_content_hash(table: str, item: dict[str, Any]) -> str:
    """The content hash of an item of logical ``table`` over LeaseDesk's attributes only."""
    return item_hash_and_size(table, item)[0]


def item_hash_and_size(table: str, item: dict[str, Any]) -> tuple[str, int]:
    keep = LEASEDESK_ATTRIBUTES[table]
    owned = {k: v for k, v in item.items() if k in keep}
    people = owned.get(PEOPLE)
    if isinstance(people, list):
        owned[PEOPLE] = [
            {k: v for k, v in p.items() if k != "version"} if isinstance(p, dict) else p
            for p in people
        ]
    return hash_and_size(owned)


def content_hash(item: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of an item without version, timestamps and the hash."""
    return hash_and_size(item)[0]


def hash_and_size(item: dict[str, Any]) -> tuple[str, int]:
    """The content hash and the UTF-8 length of the canonical JSON it was taken over (an
    upper bound on the JSON of those attributes, used for a first look at item sizes)."""
    body = {k: v for k, v in item.items() if k not in HASH_EXCLUDED}
    text = canonical_json(body).encode("utf-8")
    return hashlib.sha256(text).hexdigest(), len(text)
