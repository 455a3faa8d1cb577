"""How the stored JSON of an application seals and opens its PII at rest (docs/architecture.md, "Local store and secrets": SSN/ITIN,
dates of birth, incomes, bank accounts — the fields marked in ``domain/models.py``). Each sealed
value is the JSON of the field, encrypted with the application's id as associated data, so a
value copied into another application does not open."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from desktop_app.domain.models import Occupant, Person
from desktop_app.domain.pii import pii_fields, pii_paths
from desktop_app.storage.crypto import Cipher, is_sealed

PERSON_PII = pii_fields(Person)
OCCUPANT_PII = pii_fields(Occupant)
#: A field path inside a PII field; group 1 is the field (``[]`` in a PII path: any index).
_PII_PATH = re.compile(
    "^("
    + "|".join(re.escape(p).replace(r"\[\]", r"\[\d+\]") for p in pii_paths())
    + r")(?:[.\[].*)?$"
)


def pii_root(path: str) -> str | None:
    """The PII field a field path falls in (``co_applicants[0].other_income[1].monthly_amount``
    → ``co_applicants[0].other_income``), or ``None``."""
    match = _PII_PATH.match(path)
    return match.group(1) if match else None


def _people(doc: dict[str, Any]) -> list[dict[str, Any]]:
    people = [doc.get("primary_applicant") or {}]
    people += list(doc.get("co_applicants") or []) + list(doc.get("guarantors") or [])
    return [p for p in people if isinstance(p, dict)]


def _targets(doc: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    for person in _people(doc):
        for name in PERSON_PII:
            yield person, name
        for occupant in person.get("occupants") or []:
            if isinstance(occupant, dict):
                for name in OCCUPANT_PII:
                    yield occupant, name


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def seal_document(doc: dict[str, Any], cipher: Cipher, app_id: str) -> dict[str, Any]:
    """Seal every PII value in place (empty ones stay empty); returns ``doc``."""
    for holder, name in _targets(doc):
        value = holder.get(name)
        if not _empty(value) and not is_sealed(value):
            holder[name] = cipher.seal_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")), app_id)
    return doc


def open_document(doc: dict[str, Any], cipher: Cipher, app_id: str) -> dict[str, Any]:
    for holder, name in _targets(doc):
        value = holder.get(name)
        if is_sealed(value):
            holder[name] = json.loads(cipher.open_text(value, app_id))
    return doc


def has_clear_pii(doc: dict[str, Any]) -> bool:
    return any(not _empty(h.get(n)) and not is_sealed(h.get(n)) for h, n in _targets(doc))

