"""Values LeaseDesk keeps without owning them (``OtherData`` in ``domain/models.py``), in
DynamoDB's typed JSON: ``{"S": "…"}``, ``{"N": "1.5"}``, ``{"BOOL": true}``, ``{"NULL": true}``,
``{"B": "<base64>"}``, ``{"SS"|"NS"|"BS": […]}``, ``{"L": […]}``, ``{"M": {…}}``. Lossless both
ways for every value boto3 reads, so a value read here is written back exactly as it was."""

from __future__ import annotations

import base64
from decimal import Decimal
from typing import Any

from desktop_app.sync.values import from_dynamo


def _number(value: Decimal | int | float) -> str:
    return str(Decimal(str(value))) if isinstance(value, float) else str(value)


def _bytes(value: Any) -> bytes | None:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    inner = getattr(value, "value", None)  # boto3 Binary
    return inner if isinstance(inner, bytes) else None


def encode(value: Any) -> dict[str, Any]:
    """A value as boto3 reads it (the resource/deserialised form) in typed JSON."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, (int, float, Decimal)):
        return {"N": _number(value)}
    raw = _bytes(value)
    if raw is not None:
        return {"B": base64.b64encode(raw).decode("ascii")}
    if isinstance(value, dict):
        return {"M": {str(k): encode(v) for k, v in value.items()}}
    if isinstance(value, (set, frozenset)):
        members = list(value)
        if all(isinstance(m, str) for m in members):
            return {"SS": sorted(members)}
        if all(_bytes(m) is not None for m in members):
            return {"BS": sorted(base64.b64encode(_bytes(m) or b"").decode("ascii") for m in members)}
        return {"NS": sorted((_number(m) for m in members), key=Decimal)}
    if isinstance(value, (list, tuple)):
        return {"L": [encode(v) for v in value]}
    raise TypeError(f"not a DynamoDB value: {type(value).__name__}")


def decode(typed: dict[str, Any]) -> Any:
    """The value ``typed`` stands for, as boto3 writes it (Decimal numbers, bytes, sets)."""
    (tag, value), = typed.items()
    if tag == "NULL":
        return None
    if tag in ("S", "BOOL"):
        return value
    if tag == "N":
        return Decimal(value)
    if tag == "B":
        return base64.b64decode(value)
    if tag == "SS":
        return set(value)
    if tag == "NS":
        return {Decimal(v) for v in value}
    if tag == "BS":
        return {base64.b64decode(v) for v in value}
    if tag == "L":
        return [decode(v) for v in value]
    if tag == "M":
        return {k: decode(v) for k, v in value.items()}
    raise ValueError(f"unknown DynamoDB type tag {tag!r}")


def encode_all(values: dict[str, Any]) -> dict[str, Any]:
    return {name: encode(v) for name, v in values.items()}


def decode_all(values: dict[str, Any]) -> dict[str, Any]:
    return {name: decode(v) for name, v in values.items()}


def plain(typed: dict[str, Any]) -> Any:
    """``typed`` as plain JSON (numbers as strings or ints, bytes as base64) for display."""
    return from_dynamo(decode(typed))
