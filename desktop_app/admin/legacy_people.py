"""People of one legacy application (applicant, co-applicants, guarantors) as person-table items.

v1 nests them in the application item (``applicantInfo``, one ``coApplicant``, one
``guarantor``); v2 has one item each. The same person entered twice under one application
(identical info) is merged into the first entry and the duplicate reported as merged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.admin.legacy_fields import Note, NoteSink, convert, normalise_time, type_name
from desktop_app.admin.legacy_outcomes import (
    MERGED,
    STATUS_MAP,
    ApplicationRejected,
    SourceOutcome,
    TargetKey,
)
from desktop_app.domain.canonical import canonical_json

PERSON_RENAMES = {
    "co_applicant_info": "coapplicant_info",
    "webhook_summary": "webhookSummary",
    "user_id": "legacy_user_id",
    "updated_at": "last_updated",
}

#: (logical table, info attribute, key suffix letter, v1 attribute, v1 signatures key)
ROLES = {
    "applicant": ("applicant", "applicant_info", "", "applicant_info", "applicant"),
    "coapplicant": ("coapplicant", "coapplicant_info", "co", "co_applicant", "co_applicant"),
    "guarantor": ("guarantor", "guarantor_info", "g", "guarantor", "guarantor"),
}

_SET_BY_MAPPING = frozenset({"zoneinfo", "sk", "appid", "status", "created_at", "last_updated"})


@dataclass
class Person:
    table: str
    item: dict[str, Any]
    source_sks: list[str] = field(default_factory=list)


def build_people(
    *,
    group_appid: str,
    zoneinfo: str,
    v1: dict[str, Any] | None,
    v1_sk: str,
    applicant: dict[str, Any] | None,
    coapps: dict[int, dict[str, Any]],
    guarantors: dict[int, dict[str, Any]],
    status: str,
    times: tuple[str, str],
    notes: list[Note],
    outcomes: dict[tuple[str, str], SourceOutcome],
) -> list[Person]:
    """Person items of one accepted application; the applicant's ``userId`` is set later."""
    base = {"zoneinfo": zoneinfo, "appid": group_appid}
    people: list[Person] = []
    # entries: (role, n, converted person attributes, source sk, sink)
    entries: list[tuple[str, int, dict[str, Any], str, NoteSink]] = []

    if v1 is not None:
        sink = NoteSink(zoneinfo, v1_sk, notes)
        signatures: dict[str, Any] = (
            v1["signatures"] if isinstance(v1.get("signatures"), dict) else {}
        )
        for role in ("applicant", "coapplicant", "guarantor"):
            _, info_attr, _, v1_attr, sig_key = ROLES[role]
            found = v1.get(v1_attr)
            found_list = found if isinstance(found, list) else [found]
            for i, x in enumerate(found_list):
                if x is not None and not isinstance(x, dict):
                    where = v1_attr if found_list is not found else f"{v1_attr}[{i}]"
                    message = f"expected a map, found {type_name(x)}"
                    if found_list is found:
                        message += "; not migrated"
                    else:
                        message += "; kept on the application item"
                    sink.add(where, message)
            for n, info in enumerate(x for x in found_list if isinstance(x, dict) and x):
                attrs: dict[str, Any] = {info_attr: info}
                if role == "applicant" and "occupants" in v1:
                    attrs["occupants"] = v1["occupants"]
                if signatures.get(sig_key):
                    attrs["signature"] = signatures[sig_key]
                entries.append((role, n, attrs, v1_sk, sink))
        if "applicant_info" not in v1 and v1.get("occupants"):
            entries.insert(0, ("applicant", 0, {"occupants": v1["occupants"]}, v1_sk, sink))
    else:
        sources = [("applicant", 0, applicant)] if applicant else []
        sources += [("coapplicant", n, coapps[n]) for n in sorted(coapps)]
        sources += [("guarantor", n, guarantors[n]) for n in sorted(guarantors)]
        for role, n, raw in sources:
            sink = NoteSink(zoneinfo, raw["sk"], notes)
            attrs = convert(raw, sink, renames=PERSON_RENAMES)
            own_status = attrs.get("status")
            if own_status is not None:
                mapped = (
                    STATUS_MAP.get(own_status.strip().lower())
                    if isinstance(own_status, str)
                    else None
                )
                if mapped is None:
                    raise ApplicationRejected(raw["sk"], f"unknown status {own_status!r}")
                if mapped != status:
                    sink.add("status", "differs from the application's; took the application's")
            own_info = attrs.get(ROLES[role][1])
            if own_info is not None and not isinstance(own_info, dict):
                message = f"expected a map, found {type_name(own_info)}; kept as it is"
                sink.add(ROLES[role][1], message)
            entries.append((role, n, attrs, raw["sk"], sink))

    seen: dict[tuple[str, str], Person] = {}
    for role, n, attrs, sk, sink in entries:
        table, info_attr, letter, _, _ = ROLES[role]
        created = normalise_time(attrs.get("created_at"), sink, "created_at") or times[0]
        updated = normalise_time(attrs.get("last_updated"), sink, "last_updated") or times[1]
        item = dict(base)
        if role != "applicant":
            item["userId"] = f"{group_appid}#{letter}{n}"
        for name, value in attrs.items():
            if name not in _SET_BY_MAPPING:
                item[name] = value
        item.update(status=status, created_at=created, last_updated=updated)

        fingerprint = (table, canonical_json(attrs.get(info_attr, {})))
        first = seen.get(fingerprint)
        if first is not None and role != "applicant":
            _merge_into(first, item, sink)
            if sk not in first.source_sks:
                key = TargetKey(table, first.item["userId"], zoneinfo)
                outcomes[(zoneinfo, sk)] = SourceOutcome(
                    zoneinfo, sk, MERGED, f"same {info_attr} as {first.source_sks[0]}", [key]
                )
            else:
                sink.add(info_attr, "the same person twice in one item; merged")
            continue
        person = Person(table, item, [sk])
        seen[fingerprint] = person
        people.append(person)
    return people


def _merge_into(first: Person, dup: dict[str, Any], sink: NoteSink) -> None:
    """Fold a duplicate's extra occupants into the kept entry; note other differences."""
    kept_occupants = first.item.get("occupants")
    extra = dup.get("occupants") or []
    if isinstance(extra, list) and extra:
        kept = list(kept_occupants) if isinstance(kept_occupants, list) else []
        known = {canonical_json(o) for o in kept}
        added = [o for o in extra if canonical_json(o) not in known]
        if added:
            first.item["occupants"] = kept + added
            sink.add("occupants", "duplicate's extra occupants added to the merged person")
    for name in ("legacy_user_id", "signature"):
        if dup.get(name) and first.item.get(name) != dup[name]:
            if first.item.get(name):
                sink.add(name, "differs between the merged entries; kept the first entry's")
            else:
                first.item[name] = dup[name]
