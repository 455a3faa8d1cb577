"""Reading a receiver's answer: ``{"summary": {...}, "people": {"<userId>": {...}}}``. Only
this application's own people are accepted; each summary keeps a short allow-list of fields in
clear, the rest is sealed when written (``sync/webhook_attributes.py``)."""

from __future__ import annotations

import json
from decimal import Decimal
from dataclasses import dataclass, field
from typing import Any

#: Fields a summary keeps in clear (short scalars only); everything else is encrypted.
CLEAR_FIELDS = ("status", "reference_id", "decision_time")
_CLEAR_MAX = 100


@dataclass
class Answer:
    summary: dict[str, Any] | None = None
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: userIds the answer named that are not this application's people (refused).
    refused: list[str] = field(default_factory=list)


def parse(body: str | None, own_user_ids: set[str]) -> Answer:
    """The structured part of an answer; anything else (not JSON, another shape) is kept
    only as the opaque body."""
    if not body:
        return Answer()
    try:
        doc = json.loads(body, parse_float=Decimal)
    except ValueError:
        return Answer()
    if not isinstance(doc, dict):
        return Answer()
    out = Answer()
    if isinstance(doc.get("summary"), dict):
        out.summary = doc["summary"]
    people = doc.get("people")
    if isinstance(people, dict):
        for user_id, part in people.items():
            if user_id in own_user_ids and isinstance(part, dict):
                out.people[user_id] = part
            else:
                out.refused.append(str(user_id))
    return out


def split_clear(part: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(fields kept in clear, fields to seal) of one summary."""
    clear: dict[str, Any] = {}
    rest: dict[str, Any] = {}
    for key, value in part.items():
        if key in CLEAR_FIELDS and isinstance(value, str | int | bool) and len(str(value)) <= _CLEAR_MAX:
            clear[key] = value
        else:
            rest[key] = value
    return clear, rest
