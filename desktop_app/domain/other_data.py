""""Other data" as the review shows it: what other systems wrote to an application's items
(``other``) and inside the maps LeaseDesk owns (``unknown``), one row per value, as short plain
text. Read-only: LeaseDesk never changes it. Values under a name that looks personal (an SSN,
a birth date, an account, an income, contact details, anything encrypted) are masked."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from desktop_app.domain.models import Application, Role

MAX_TEXT = 120
MASK = "•••• (hidden)"
_PERSONAL = re.compile(
    r"ssn|social|itin|tax_?id|birth|dob|bank|account|routing|iban|income|salary|wage|"
    r"balance|phone|e_?mail|passport|licen[cs]e|address|_enc$|secret|token",
    re.IGNORECASE,
)
_ROLE_NOUNS = {Role.APPLICANT: "Applicant", Role.CO_APPLICANT: "Co-applicant", Role.GUARANTOR: "Guarantor"}


def is_personal(name: str) -> bool:
    return bool(_PERSONAL.search(name))


def _text(typed: Any, depth: int = 0) -> str:
    """Typed JSON as compact text; personal-looking names inside maps masked."""
    if not isinstance(typed, dict) or len(typed) != 1:
        return "?"
    ((tag, value),) = typed.items()
    if tag == "NULL":
        return "null"
    if tag == "BOOL":
        return "yes" if value else "no"
    if tag in ("S", "N"):
        return str(value)
    if tag == "B":
        return f"<{len(value) * 3 // 4} bytes>"
    if tag in ("SS", "NS"):
        return "{" + ", ".join(str(v) for v in value) + "}"
    if tag == "BS":
        return f"{{{len(value)} binary values}}"
    if depth > 4:
        return "…"
    if tag == "L":
        return "[" + ", ".join(_text(v, depth + 1) for v in value) + "]"
    if tag == "M":
        return "{" + ", ".join(
            f"{k}: {MASK if is_personal(k) else _text(v, depth + 1)}" for k, v in value.items()
        ) + "}"
    return "?"


def short_text(name: str, typed: Any) -> str:
    if is_personal(name):
        return MASK
    text = " ".join(_text(typed).split())  # no line breaks or runs of blanks
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _walk(model: BaseModel, where: str, out: list[tuple[str, str]]) -> None:
    for name, typed in sorted(getattr(model, "unknown", {}).items()):
        out.append((f"{where} › {name}" if where else name, short_text(name, typed)))
    for field in type(model).model_fields:
        value = getattr(model, field)
        if isinstance(value, BaseModel):
            _walk(value, f"{where} › {field}" if where else field, out)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _walk(item, f"{where} › {field} {i + 1}" if where else f"{field} {i + 1}", out)


def other_rows(app: Application) -> list[tuple[str, str]]:
    """(where › name, short text) for every value other systems keep on ``app``."""
    out: list[tuple[str, str]] = []
    for name, typed in sorted(app.other.items()):
        out.append((f"Application › {name}", short_text(name, typed)))
    _walk(app.application_info, "Application", out)
    counts: dict[Role, int] = {}
    for role, person in app.people():
        counts[role] = counts.get(role, 0) + 1
        who = _ROLE_NOUNS[role] + ("" if role is Role.APPLICANT else f" {counts[role]}")
        for name, typed in sorted(person.other.items()):
            out.append((f"{who} › {name}", short_text(name, typed)))
        _walk(person, who, out)
    for i, doc in enumerate(app.documents):
        _walk(doc, f"Document {i + 1}", out)
    for i, sig in enumerate(app.signatures):
        _walk(sig, f"Signature {i + 1}", out)
    return out
