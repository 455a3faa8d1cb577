"""Reading an application from items other systems also write: what LeaseDesk does not know is
kept, not refused.

- Attributes of an item that LeaseDesk does not own (``domain/canonical.LEASEDESK_ATTRIBUTES``)
  and that are not bookkeeping go to ``other`` of the application or the person, in typed JSON
  (``sync/foreign.py``). LeaseDesk never writes them.
- Fields inside an owned map that the model does not know (``applicant_info.some_new_field``),
  or whose value has a type the model cannot read, go to ``unknown`` of the model they sit in;
  the push writes them back exactly as read.
- A person's id comes from its item's key (``keys.person_id_of``), so every load gives the same
  ids and a push writes the same keys.
- The old table's signature images (``{"applicant": "data:image/png;base64,…"}`` on the
  application, a bare data URL on the person) are read as signatures of the people they name.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from desktop_app.domain.canonical import LEASEDESK_ATTRIBUTES
from desktop_app.domain.models import (
    FIRST_STEP,
    LAST_STEP,
    OTHER_FIELDS,
    Application,
    ApplicationInfo,
    Document,
    Person,
    Role,
    Signature,
    Status,
)
from desktop_app.domain.signing import LATEST_SCHEME, signed_content_hash
from desktop_app.sync.foreign import encode
from desktop_app.sync.keys import local_id_of, person_id_of
from desktop_app.sync.values import from_dynamo

#: Set per write by the sync engine: neither content nor other systems' data.
BOOKKEEPING = frozenset({"version", "created_at", "last_updated", "content_hash"})
#: The old table's names for each role in its ``signatures`` map.
_LEGACY_SIGNATURE_ROLES = {
    "applicant": Role.APPLICANT,
    "co_applicant": Role.CO_APPLICANT,
    "coApplicant": Role.CO_APPLICANT,
    "coapplicant": Role.CO_APPLICANT,
    "guarantor": Role.GUARANTOR,
}
_MAX_REPAIRS = 50


def _model_of(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    for arg in get_args(annotation):
        model, in_list = _model_of(arg)
        if model is not None:
            return model, in_list or get_origin(annotation) is list
    return None, False


class _Reader:
    """Splits raw maps into what a model knows and what it keeps as ``unknown``; remembers the
    raw value of every field it passes on, so a field the model then refuses can be moved to
    ``unknown`` exactly as read."""

    def __init__(self) -> None:
        self.raw_of: dict[int, dict[str, Any]] = {}

    def model_map(self, model: type[BaseModel], raw: Any) -> Any:
        if not isinstance(raw, dict):
            return from_dynamo(raw)  # refused by validation, then kept by ``repair``
        known: dict[str, Any] = {}
        unknown: dict[str, Any] = {}
        fields = model.model_fields
        for name, value in raw.items():
            info = fields.get(name)
            if info is None or name in OTHER_FIELDS:
                unknown[name] = encode(value)
                continue
            inner, in_list = _model_of(info.annotation)
            if inner is None:
                known[name] = from_dynamo(value)
            elif in_list and isinstance(value, list):
                known[name] = [self.model_map(inner, v) for v in value]
            else:
                known[name] = self.model_map(inner, value)
        if unknown:
            known["unknown"] = unknown
        self.raw_of[id(known)] = raw
        return known

    def repair(self, data: dict[str, Any], error: ValidationError) -> bool:
        """Move each refused field to its model's ``unknown``; False when none could be."""
        moved = False
        for problem in error.errors():
            loc = problem["loc"]
            parent: Any = data
            for step in loc[:-1]:
                try:
                    parent = parent[step]
                except (KeyError, IndexError, TypeError):
                    parent = None
                    break
            last = loc[-1] if loc else None
            if not isinstance(parent, dict) or not isinstance(last, str) or last not in parent:
                continue
            raw = self.raw_of.get(id(parent))
            value = parent.pop(last)
            if parent is data:  # an attribute of the app item: the model's default stands
                moved = True
                continue
            original = raw[last] if raw is not None and last in raw else value
            parent.setdefault("unknown", {})[last] = encode(original)
            moved = True
        return moved


def _others(table: str, item: dict[str, Any]) -> dict[str, Any]:
    owned = LEASEDESK_ATTRIBUTES[table]
    return {k: encode(v) for k, v in item.items() if k not in owned and k not in BOOKKEEPING}


def _status(value: Any) -> str:
    """A status LeaseDesk does not know (another system's "archived") reads as submitted: the
    application opens read-only, so nothing LeaseDesk writes can overwrite it."""
    known = {s.value for s in Status}
    return value if isinstance(value, str) and value in known else Status.SUBMITTED.value


def _step(value: Any) -> int:
    """Another system's ``current_step`` as a step of the wizard: the nearest one when out of
    range (it is where the wizard opens, and the local store indexes it as a 64-bit integer),
    the first when it is not a whole number."""
    value = from_dynamo(value)
    if not isinstance(value, int) or isinstance(value, bool):
        return FIRST_STEP
    return min(max(value, FIRST_STEP), LAST_STEP)


def _png_of(value: Any) -> bytes | None:
    """The image bytes of an old-table signature (a ``data:image/png;base64,`` URL)."""
    if not isinstance(value, str) or not value.startswith("data:") or "," not in value:
        return None
    try:
        return base64.b64decode(value.split(",", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return None


def _legacy_signatures(app_value: Any, people: list[tuple[Role, str, Any]]) -> list[tuple[str, bytes]]:
    """(person id, image) of the old table's signatures: a map of data URLs on the application
    (``app_value``), or a data URL as a person's ``signature``."""
    found: dict[str, bytes] = {}
    if isinstance(app_value, dict):
        firsts: dict[Role, str] = {}
        for role, pid, _ in people:
            firsts.setdefault(role, pid)
        for name, value in app_value.items():
            named = _LEGACY_SIGNATURE_ROLES.get(name)
            png = _png_of(value)
            if named is not None and png is not None and named in firsts:
                found[firsts[named]] = png
    for _, pid, value in people:
        png = _png_of(value)
        if png is not None:
            found.setdefault(pid, png)
    return list(found.items())


def read_application(
    identity_id: str, a: dict[str, Any], people: list[tuple[str, dict[str, Any]]],
    specs: dict[str, Any], roles: dict[str, Role],
) -> Application:
    """The application of app item ``a`` and its person items (already restored from field
    encryption, as boto3 reads them)."""
    reader = _Reader()
    signatures_raw = a.get("signatures")
    data: dict[str, Any] = {
        "id": local_id_of(identity_id, a["appid"]),
        "status": _status(a.get("status", Status.DRAFT.value)),
        "current_step": _step(a.get("current_step", FIRST_STEP)),
        "flow_type": from_dynamo(a.get("flow_type", "desktop-agent")),
        "flow_version": str(from_dynamo(a.get("flow_version", "1"))),
        "application_info": reader.model_map(ApplicationInfo, a.get("application_info") or {}),
        "documents": [reader.model_map(Document, d) for d in _list(a.get("uploaded_files"))],
        "signatures": [],
        "submitted_at": from_dynamo(a.get("submitted_at")),
        "amends": from_dynamo(a.get("amends")),
        "co_applicants": [],
        "guarantors": [],
        "other": _others("app", a),
    }
    if data["status"] != a.get("status", Status.DRAFT.value):
        data["other"]["status"] = encode(a["status"])  # shown; the application stays read-only
    if a.get("created_at"):
        data["created_at"] = from_dynamo(a["created_at"])
    if a.get("last_updated"):
        data["updated_at"] = from_dynamo(a["last_updated"])
    ordered = sorted(people, key=lambda p: (p[0], _position(p[1])))
    person_signatures: list[tuple[Role, str, Any]] = []
    for table, item in ordered:
        role = roles[table]
        person = reader.model_map(Person, item.get(specs[table].person_attribute) or {})
        if not isinstance(person, dict):
            person = {}
        raw_info = reader.raw_of.get(id(person), {})
        person_id = person_id_of(identity_id, item[specs[table].partition_key])
        # The id is the key's; occupants are an attribute of their own. The same names inside
        # the map (another writer's) are kept as they were.
        for name in ("id", "occupants"):
            if name in person and not (name == "id" and person[name] == person_id):
                person.setdefault("unknown", {})[name] = encode(raw_info.get(name, person[name]))
            person.pop(name, None)
        person["id"] = person_id
        person["occupants"] = reader.model_map(Person, {"occupants": _list(item.get("occupants"))}).get(
            "occupants", []
        )
        person["other"] = _others(table, item)
        person_signatures.append((role, person["id"], item.get("signature")))
        if role is Role.APPLICANT:
            data["primary_applicant"] = person
        else:
            data["co_applicants" if role is Role.CO_APPLICANT else "guarantors"].append(person)
    data["signatures"] = [reader.model_map(Signature, s) for s in _list(signatures_raw)]
    legacy = _legacy_signatures(signatures_raw, person_signatures)
    app = _validate(reader, data)
    if legacy:
        _add_legacy_signatures(app, legacy)
    return app


def _validate(reader: _Reader, data: dict[str, Any]) -> Application:
    for _ in range(_MAX_REPAIRS):
        try:
            return Application.model_validate_json(json.dumps(data))
        except ValidationError as error:
            if not reader.repair(data, error):
                raise
    return Application.model_validate_json(json.dumps(data))


def _add_legacy_signatures(app: Application, legacy: list[tuple[str, bytes]]) -> None:
    """The old table kept no hash of what was signed: its signatures are taken to cover the
    application as first read here, so an edit after that asks for a new signature."""
    signed = [
        Signature(
            person_id=pid,
            signer_name=(app.person(pid) or Person()).full_name,
            signed_at=app.created_at,
            image_png=png,
            scheme=LATEST_SCHEME,
        )
        for pid, png in legacy
        if app.signature_for(pid) is None  # a signature in LeaseDesk's shape wins
    ]
    if not signed:
        return
    app.signatures += signed
    current = signed_content_hash(app, LATEST_SCHEME)
    for s in signed:
        s.content_hash = current


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _position(item: dict[str, Any]) -> int:
    value = from_dynamo(item.get("position", 0))
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
