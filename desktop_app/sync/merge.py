"""Field-by-field three-way merge of an application (docs/architecture.md, "Sync rules"): base = the application as last
synced, local = this machine's, remote = what the tables now hold. A field only one side
changed takes that side's value; a field both changed to different values is a conflict,
recorded for the agent to resolve (the merged document keeps the local value meanwhile).

People, documents and signatures are matched by their ids, not by their position in a list, so
adding a co-applicant on each machine merges. A person removed on one side and edited on the
other is one conflict over the whole person."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop_app.domain.canonical import _decimal_str
from desktop_app.domain.models import Application
from desktop_app.sync.values import to_dynamo

#: Lists whose elements carry an identity: list name -> the element's id field.
KEYED_LISTS = {
    "co_applicants": "id",
    "guarantors": "id",
    "documents": "id",
    "signatures": "person_id",
}
#: Not merged: bookkeeping that changes with every save.
IGNORED = frozenset({"created_at", "updated_at"})
PRESENT = "#"


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def app_doc(app: Application) -> dict[str, Any]:
    """A comparable JSON document of ``app`` (numbers as normalised decimal strings)."""
    doc: dict[str, Any] = _norm(to_dynamo(app.model_dump(mode="python")))
    return doc


def snapshot_of(app: Application) -> str:
    """What is kept of the application as last synced (the base of the next merge)."""
    return app.model_dump_json()


def base_doc(snapshot: str | None) -> dict[str, Any]:
    """The merge base from a stored snapshot; none (or unreadable) means "no base": every
    difference is then a conflict for the agent, never a silent overwrite."""
    if not snapshot:
        return {}
    try:
        return app_doc(Application.model_validate_json(snapshot))
    except ValueError:
        return {}


def _norm(value: Any) -> Any:
    if isinstance(value, Decimal):
        return _decimal_str(value)
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


def flatten(doc: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def walk(prefix: str, value: Any, top: bool) -> None:
        if isinstance(value, dict) and value:
            for k, v in value.items():
                if top and k in IGNORED:
                    continue
                name = f"{prefix}.{k}" if prefix else k
                if top and k in KEYED_LISTS and isinstance(v, list):
                    for element in v:
                        elem = f"{name}.@{element[KEYED_LISTS[k]]}"
                        out[f"{elem}.{PRESENT}"] = True
                        walk(elem, element, False)
                else:
                    walk(name, v, False)
        else:
            out[prefix] = value

    walk("", doc, True)
    return out


def unflatten(
    flat: dict[str, Any], order: dict[str, list[str]] | None = None, *, top: bool = True
) -> dict[str, Any]:
    """Back to a document; keyed lists follow ``order`` (ids), then the rest in key order."""
    nested: dict[str, Any] = {}
    for path, value in flat.items():
        if path == PRESENT or path.endswith("." + PRESENT):
            continue
        parts = path.split(".")
        node = nested
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    for name in KEYED_LISTS if top else ():
        elements = nested.pop(name, {})
        present = [k for k in (order or {}).get(name, []) if k in elements]
        present += sorted(k for k in elements if k not in present)
        nested[name] = [elements[k] for k in present if k in elements]
    return nested


@dataclass
class FieldConflict:
    path: str
    base: Any
    local: Any
    remote: Any


@dataclass
class MergeResult:
    merged: dict[str, Any]
    conflicts: list[FieldConflict] = field(default_factory=list)
    taken_from_remote: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _element_of(path: str) -> str | None:
    parts = path.split(".")
    if len(parts) >= 2 and parts[0] in KEYED_LISTS and parts[1].startswith("@"):
        return f"{parts[0]}.{parts[1]}"
    return None


def _sub(flat: dict[str, Any], elem: str) -> dict[str, Any] | None:
    if f"{elem}.{PRESENT}" not in flat:
        return None
    inner = {k[len(elem) + 1 :]: v for k, v in flat.items() if k.startswith(elem + ".")}
    return unflatten(inner, top=False)


def order_of(doc: dict[str, Any]) -> dict[str, list[str]]:
    return {name: [f"@{e[key]}" for e in doc.get(name, [])] for name, key in KEYED_LISTS.items()}


def three_way(base: dict[str, Any], local: dict[str, Any], remote: dict[str, Any]) -> MergeResult:
    b, lo, r = flatten(base), flatten(local), flatten(remote)
    merged: dict[str, Any] = {}
    conflicts: dict[str, FieldConflict] = {}
    from_remote: list[str] = []
    for path in sorted(set(b) | set(lo) | set(r)):
        bv, lv, rv = b.get(path, MISSING), lo.get(path, MISSING), r.get(path, MISSING)
        if _same(lv, rv) or _same(rv, bv):
            value = lv
        elif _same(lv, bv):
            value = rv
            from_remote.append(path)
        else:
            value = lv
            elem = _element_of(path)
            if elem is not None and (
                f"{elem}.{PRESENT}" not in lo or f"{elem}.{PRESENT}" not in r
            ):  # the element is present on one side only
                conflicts[elem] = FieldConflict(elem, _sub(b, elem), _sub(lo, elem), _sub(r, elem))
            else:
                conflicts[path] = FieldConflict(path, _plain(bv), _plain(lv), _plain(rv))
        if value is not MISSING:
            merged[path] = value
    # A whole-element conflict keeps the local side of the element as it is.
    for c in conflicts.values():
        elem = _element_of(c.path)
        if elem == c.path:
            for k in [k for k in merged if k.startswith(elem + ".")]:
                del merged[k]
            if c.local is not None:
                merged.update({f"{elem}.{k}": v for k, v in flatten(c.local).items()})
                merged[f"{elem}.{PRESENT}"] = True
    order = order_of(local)
    for name, ids in order_of(remote).items():
        order[name] += [i for i in ids if i not in order[name]]
    return MergeResult(unflatten(merged, order), list(conflicts.values()), from_remote)


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _plain(v: Any) -> Any:
    return None if v is MISSING else v


def resolve(
    doc: dict[str, Any], path: str, value: Any, order: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """``doc`` with the field (or whole person/document at ``path``) set to ``value``
    (``None`` for a whole element removes it)."""
    flat = flatten(doc)
    elem = _element_of(path)
    if elem == path:
        for k in [k for k in flat if k.startswith(path + ".")]:
            del flat[k]
        if value is not None:
            flat.update({f"{path}.{k}": v for k, v in flatten(value).items()})
            flat[f"{path}.{PRESENT}"] = True
    else:
        flat[path] = value
    return unflatten(flat, order or order_of(doc))


def doc_to_application(doc: dict[str, Any], like: Application) -> Application:
    """A merged document back to an application (timestamps from ``like``)."""
    data = dict(doc)
    data["created_at"] = like.created_at.isoformat()
    data["updated_at"] = like.updated_at.isoformat()
    return Application.model_validate_json(json.dumps(data))
