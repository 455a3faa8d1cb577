"""Values between the domain and DynamoDB: money and other numbers as ``Decimal`` (DynamoDB
numbers), dates as ISO-8601 strings, bytes as base64 text; and back to what pydantic reads."""

from __future__ import annotations

import base64
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any


def to_dynamo(value: Any) -> Any:
    """A ``model_dump(mode="python")`` value made storable by boto3 (no floats, no dates)."""
    if value is None or isinstance(value, (bool, str, Decimal)):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dict):
        return {str(k): to_dynamo(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_dynamo(v) for v in value]
    raise TypeError(f"cannot store a {type(value).__name__} in DynamoDB")


def from_dynamo(value: Any) -> Any:
    """A value read by boto3 made JSON-ready for ``Model.model_validate_json`` (numbers as
    decimal strings, which pydantic reads into ``Decimal`` and ``int`` fields alike)."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return str(value)
    if isinstance(value, dict):
        return {k: from_dynamo(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [from_dynamo(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(from_dynamo(v) for v in value)
    if hasattr(value, "value") and isinstance(value.value, bytes):  # boto3 Binary
        return base64.b64encode(value.value).decode("ascii")
    return value
