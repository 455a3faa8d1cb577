"""Field-level clean-up of legacy items (docs/admin.md, "The legacy format"): camelCase names to
the target's snake_case, recursively, with the snake_case spelling winning where both exist;
numbers stored as strings made numbers where the target expects one; timestamps as ISO-8601 UTC.

Every disagreement or oddity becomes a :class:`Note` naming the field, never its value (the
values are personal data)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

#: Fields whose value is a number in the target (docs/architecture.md, "Domain and NYC rules"), wherever they appear.
NUMERIC_FIELDS = frozenset(
    {
        "monthly_rent",
        "application_fee",
        "lease_term_months",
        "annual_income",
        "years_at_address",
        "monthly_housing_payment",
        "monthly_amount",
        "approximate_balance",
        "current_step",
        "size",
    }
)

#: Third-party payloads kept exactly as received: their inner names are not ours to rename.
OPAQUE_FIELDS = frozenset({"webhookSummary", "webhook_responses"})

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class Note:
    """Something the migration changed or decided about one source item's field."""

    zoneinfo: str
    sk: str
    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {
            "zoneinfo": self.zoneinfo,
            "sk": self.sk,
            "field": self.field,
            "message": self.message,
        }


class NoteSink:
    """Collects notes for one source item."""

    def __init__(self, zoneinfo: str, sk: str, notes: list[Note]) -> None:
        self.zoneinfo, self.sk, self._notes = zoneinfo, sk, notes

    def add(self, field: str, message: str) -> None:
        self._notes.append(Note(self.zoneinfo, self.sk, field, message))


@lru_cache(maxsize=8192)
def snake_case(name: str) -> str:
    """``firstName`` → ``first_name``; names already in snake_case are unchanged."""
    return _CAMEL_BOUNDARY.sub("_", name).lower() if any(c.isupper() for c in name) else name


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def convert(
    value: Any, sink: NoteSink, path: str = "", renames: dict[str, str] | None = None
) -> Any:
    """Rename keys to snake_case recursively and coerce numeric fields.

    ``renames`` maps a snake_cased name to the target name at the top level only (e.g.
    ``updated_at`` → ``last_updated``). A name spelled the target's way wins over another
    spelling of the same field; when the two disagree, a note says so.
    """
    if isinstance(value, list):
        return [convert(v, sink, f"{path}[{i}]") for i, v in enumerate(value)]
    if not isinstance(value, dict):
        return value
    renames = renames or {}
    chosen: dict[str, tuple[bool, Any]] = {}  # target name -> (native spelling?, value)
    # Native spellings first, so they win whatever the source's key order.
    named = [(key, _target_name(key, renames), raw) for key, raw in value.items()]
    named.sort(key=lambda entry: entry[0] != entry[1])
    for key, target, raw in named:
        native = key == target
        field_path = _join(path, target)
        new = raw if target in OPAQUE_FIELDS else convert(raw, sink, field_path)
        if target in NUMERIC_FIELDS:
            new = coerce_number(new, sink, field_path)
        if target not in chosen:
            chosen[target] = (native, new)
            continue
        _, kept = chosen[target]
        if isinstance(kept, dict) and isinstance(new, dict):
            chosen[target] = (True, merge_preferring(kept, new, sink, field_path))
        elif kept != new:
            sink.add(field_path, f"spelled both ways with different values; kept {target!r}")
    return {name: v for name, (_, v) in chosen.items()}


def _target_name(key: str, renames: dict[str, str]) -> str:
    if key in renames:
        return renames[key]
    snake = snake_case(key)
    return renames.get(snake, snake)


def merge_preferring(
    kept: dict[str, Any], other: dict[str, Any], sink: NoteSink, path: str
) -> dict[str, Any]:
    """Deep-merge ``other`` into ``kept``; on a disagreement ``kept`` wins and a note is made."""
    out = dict(kept)
    for key, value in other.items():
        if key not in out:
            out[key] = value
        elif isinstance(out[key], dict) and isinstance(value, dict):
            out[key] = merge_preferring(out[key], value, sink, _join(path, key))
        elif out[key] != value:
            sink.add(_join(path, key), "spelled both ways with different values; kept snake_case")
    return out


def coerce_number(value: Any, sink: NoteSink, path: str) -> Any:
    """A number stored as text becomes a Decimal; text that is no number is kept, with a note."""
    if isinstance(value, bool) or not isinstance(value, str):
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
            if value is not None:
                sink.add(path, f"expected a number, found {type_name(value)}; kept as it is")
            return value
        if isinstance(value, float):
            return Decimal(str(value))
        if isinstance(value, int):
            return Decimal(value)
        return value
    text = value.strip().lstrip("$").replace(",", "")
    if text == "":
        return value
    if _NUMBER.match(text):
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
            pass
    sink.add(path, "expected a number, found text; kept as text")
    return value


def type_name(value: Any) -> str:
    """The DynamoDB-ish name of a value's type, for notes (never the value itself)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, (set, frozenset)):
        return "a set"
    if isinstance(value, (bytes, bytearray)):
        return "binary"
    if isinstance(value, str):
        return "text"
    return "a number" if isinstance(value, (int, float, Decimal)) else type(value).__name__


def normalise_time(value: Any, sink: NoteSink, path: str) -> str | None:
    """An ISO-8601 timestamp as UTC (``…Z``); None when absent or unreadable (with a note)."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        seconds = float(value)
        if seconds > 1e11:  # milliseconds since the epoch
            seconds /= 1000
        return _iso(datetime.fromtimestamp(seconds, UTC))
    try:
        parsed = datetime.fromisoformat(str(value).strip())
    except ValueError:
        sink.add(path, "not an ISO-8601 timestamp; ignored")
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return _iso(parsed)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_time(value: str | None) -> datetime:
    """For ordering: a normalised timestamp as a datetime, the earliest possible when absent."""
    if not value:
        return datetime.min.replace(tzinfo=UTC)
    return datetime.fromisoformat(value)
