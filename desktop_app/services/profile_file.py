"""Building profiles from JSON: a list of ``{name, address, applicant_multiple,
guarantor_multiple}``. Every entry is checked before anything is saved; each problem names the
entry (1-based, as a person counts) and the field, never the value."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from desktop_app.domain.nyc_rules import BuildingProfile
from desktop_app.i18n import _

FIELDS = ("name", "address", "applicant_multiple", "guarantor_multiple")


@dataclass(frozen=True)
class EntryError:
    entry: int  # 1-based; 0 for the file as a whole
    field: str
    message: str

    def __str__(self) -> str:
        if self.entry == 0:
            return self.message
        if self.field:
            return _("Entry {n}, {field}: {message}").format(
                n=self.entry, field=self.field, message=self.message
            )
        return _("Entry {n}: {message}").format(n=self.entry, message=self.message)


def parse_profiles(text: str) -> tuple[list[BuildingProfile], list[EntryError]]:
    """The profiles in ``text``, or the reasons none can be imported (then the list is empty)."""
    try:
        data = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        return [], [
            EntryError(0, "", _("Not valid JSON (line {line}, column {column}): {error}").format(
                line=exc.lineno, column=exc.colno, error=exc.msg
            ))
        ]
    except RecursionError:
        return [], [EntryError(0, "", _("Not a list of building profiles: nested too deeply"))]
    if not isinstance(data, list):
        return [], [EntryError(0, "", _("Expected a JSON list of building profiles: [{...}, {...}]"))]
    profiles: list[BuildingProfile] = []
    errors: list[EntryError] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(data, start=1):
        profile, problems = _check_entry(number, raw)
        errors += problems
        if profile is None:
            continue
        key = profile.address.casefold()
        if key in seen:
            errors.append(EntryError(
                number, "address", _("Same address as entry {n}").format(n=seen[key])
            ))
        seen.setdefault(key, number)
        profiles.append(profile)
    return ([] if errors else profiles), errors


def _check_entry(number: int, raw: Any) -> tuple[BuildingProfile | None, list[EntryError]]:
    if not isinstance(raw, dict):
        return None, [EntryError(number, "", _("Each entry must be an object with an address"))]
    errors = [
        EntryError(
            number, str(key), _("Unknown field (expected one of {fields})").format(
                fields=", ".join(FIELDS)
            )
        )
        for key in raw
        if key not in FIELDS
    ]
    for key in ("applicant_multiple", "guarantor_multiple"):
        if isinstance(raw.get(key), bool):
            errors.append(EntryError(number, key, _("Expected a number such as 40")))
    try:
        profile = BuildingProfile.model_validate(raw)
    except ValidationError as exc:
        for err in exc.errors():
            field = ".".join(str(p) for p in err["loc"]) or ""
            errors.append(EntryError(number, field, _friendly(err)))
        return None, errors
    if not profile.address.strip():
        errors.append(EntryError(number, "address", _("Enter the building's address")))
    return (None if errors else profile), errors


def _friendly(err: ErrorDetails) -> str:
    kind = err.get("type", "")
    if kind == "missing":
        return _("Missing (required)")
    if kind == "string_type":
        return _("Expected text")
    if kind == "greater_than":
        return _("Must be greater than 0")
    if kind.startswith("decimal") or kind.endswith("_parsing") or kind == "decimal_type":
        return _("Expected a number such as 40")
    return str(err.get("msg", "Invalid value"))
