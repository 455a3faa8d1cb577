"""The legacy single table mapped onto the four tables (docs/admin.md, "The legacy format").

:func:`map_legacy` is a pure function of the whole source snapshot: the same snapshot always
gives the same target items in the same order, which is what makes a resumed migration end
exactly as a clean one. Every source item comes out accounted for as migrated, merged or
rejected with a reason."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from desktop_app.admin.legacy_fields import (
    Note,
    NoteSink,
    convert,
    normalise_time,
    parse_time,
)
from desktop_app.admin.legacy_outcomes import (
    MIGRATED,
    REJECTED,
    STATUS_MAP,
    ApplicationRejected,
    SourceOutcome,
    TargetItem,
    TargetKey,
)
from desktop_app.admin.legacy_people import Person, build_people
from desktop_app.domain.canonical import item_content_hash

#: Top-level names of an application item, after snake_casing, that the target spells otherwise.
APP_RENAMES = {
    "updated_at": "last_updated",
    "last_updated_at": "last_updated",
    "webhook_response": "webhook_responses",
}

#: v1 attributes that belong to a person, not to the application item.
V1_PERSON_ATTRS = frozenset({"applicant_info", "occupants", "co_applicant", "guarantor"})

#: Attributes the mapping sets itself; a source value under these names is not copied.
KEY_ATTRS = frozenset({"zoneinfo", "sk", "appid", "status", "created_at", "last_updated"})


#: A Cognito identity id (``<region>:<uuid>``): the only kind of ``zoneinfo`` the target's keys
#: and the IAM policy's leading-key condition can place under one account.
IDENTITY_ID = re.compile(
    r"^[a-z]{2}(?:-[a-z]+)+-\d+:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)


@dataclass
class MappingResult:
    targets: list[TargetItem]
    sources: list[SourceOutcome]
    notes: list[Note]

    def reject_application(self, appid: str, reason: str) -> list[TargetKey]:
        """Take every target item of ``appid`` out and reject each source item that fed one
        (an application is migrated whole or not at all). Returns the keys taken out."""
        keys = {t.key for t in self.targets if t.item.get("appid") == appid}
        self.targets = [t for t in self.targets if t.key not in keys]
        for source in self.sources:
            if any(k in keys for k in source.targets):
                source.outcome, source.reason, source.targets = REJECTED, reason, []
        return sorted(keys)


@dataclass
class _Group:
    """One legacy application: its APP#/APPLICATION item and its people's items."""

    zoneinfo: str
    legacy_id: str | None  # None for a v1 item
    app: dict[str, Any] | None = None
    applicant: dict[str, Any] | None = None
    coapps: dict[int, dict[str, Any]] = field(default_factory=dict)
    guarantors: dict[int, dict[str, Any]] = field(default_factory=dict)
    #: Why the application cannot be migrated whole (found while filing its items), if so.
    conflict: str = ""
    #: Source items filed under it but not kept in the fields above (the conflicting ones).
    extra_sks: list[str] = field(default_factory=list)

    @property
    def appid(self) -> str:
        return f"{self.zoneinfo}#{self.legacy_id if self.legacy_id is not None else 'v1'}"

    def person_items(self) -> list[dict[str, Any]]:
        items = [self.applicant] if self.applicant else []
        items += [self.coapps[n] for n in sorted(self.coapps)]
        items += [self.guarantors[n] for n in sorted(self.guarantors)]
        return items


@dataclass
class _Accepted:
    group: _Group
    app_item: dict[str, Any]
    people: list[Person]


def map_legacy(items: list[dict[str, Any]], *, fallback_time: str) -> MappingResult:
    """Map every source item (DynamoDB values as Python: numbers as Decimal).

    ``fallback_time`` stands in for an application's timestamps when it has none (the time
    the source was backed up, so a resumed run uses the same one)."""
    notes: list[Note] = []
    outcomes: dict[tuple[str, str], SourceOutcome] = {}
    groups: dict[tuple[str, str | None], _Group] = {}

    for item in sorted(items, key=lambda i: (str(i.get("zoneinfo")), str(i.get("sk")))):
        zoneinfo, sk = str(item.get("zoneinfo", "")), str(item.get("sk", ""))
        placed = _place(item, zoneinfo, sk, groups)
        if placed:
            outcomes[(zoneinfo, sk)] = SourceOutcome(zoneinfo, sk, REJECTED, placed)

    accepted: list[_Accepted] = []
    for group in groups.values():
        result = _map_group(group, notes, outcomes, fallback_time)
        if result is not None:
            accepted.append(result)
    accepted = _without_v1_collisions(accepted, outcomes)

    targets = _finalise(accepted, outcomes)
    sources = [outcomes[k] for k in sorted(outcomes)]
    return MappingResult(targets=targets, sources=sources, notes=notes)


def _place(
    item: dict[str, Any], zoneinfo: str, sk: str, groups: dict[tuple[str, str | None], _Group]
) -> str:
    """File one source item under its application; returns a rejection reason, or ''."""
    if not zoneinfo:
        return "no zoneinfo (owning account)"
    if not IDENTITY_ID.match(zoneinfo):
        return "zoneinfo is not an identity id (<region>:<uuid>); its keys would not be its own"

    def group(legacy_id: str | None) -> _Group:
        return groups.setdefault((zoneinfo, legacy_id), _Group(zoneinfo, legacy_id))

    if sk == "APPLICATION":
        group(None).app = item
        return ""
    kind, _, rest = sk.partition("#")
    if kind == "APP" and rest:
        group(rest).app = item
        return ""
    if kind == "APPLICANT" and rest:
        group(rest).applicant = item
        return ""
    if kind in ("COAPP", "GUARANTOR"):
        legacy_id, _, n = rest.rpartition("#")
        if legacy_id and n.isdigit():
            owner = group(legacy_id)
            people = owner.coapps if kind == "COAPP" else owner.guarantors
            if int(n) in people:
                owner.conflict = (
                    f"{people[int(n)]['sk']!r} and {sk!r} have the same number once parsed"
                )
                owner.extra_sks.append(sk)
                return ""
            people[int(n)] = item
            return ""
    return f"unrecognised sort key {sk!r}"


def _map_group(
    group: _Group,
    notes: list[Note],
    outcomes: dict[tuple[str, str], SourceOutcome],
    fallback_time: str,
) -> _Accepted | None:
    people_items = group.person_items()
    if group.conflict:
        sks = [i["sk"] for i in people_items] + group.extra_sks
        sks += [group.app["sk"]] if group.app is not None else []
        for sk in sks:
            outcomes[(group.zoneinfo, sk)] = SourceOutcome(
                group.zoneinfo, sk, REJECTED, f"application not migrated: {group.conflict}"
            )
        return None
    if group.app is None:
        reason = f"orphan: its application item APP#{group.legacy_id} is missing"
        for item in people_items:
            outcomes[(group.zoneinfo, item["sk"])] = SourceOutcome(
                group.zoneinfo, item["sk"], REJECTED, reason
            )
        return None

    app_sk = group.app["sk"]
    sink = NoteSink(group.zoneinfo, app_sk, notes)
    converted = convert(group.app, sink, renames=APP_RENAMES)
    raw_status = converted.get("status", "")
    status = STATUS_MAP.get(raw_status.strip().lower()) if isinstance(raw_status, str) else None
    if status is None:
        reason = f"unknown status {raw_status!r}"
        outcomes[(group.zoneinfo, app_sk)] = SourceOutcome(group.zoneinfo, app_sk, REJECTED, reason)
        for item in people_items:
            outcomes[(group.zoneinfo, item["sk"])] = SourceOutcome(
                group.zoneinfo, item["sk"], REJECTED, f"its application was rejected: {reason}"
            )
        return None

    created = normalise_time(converted.get("created_at"), sink, "created_at")
    updated = normalise_time(converted.get("last_updated"), sink, "last_updated")
    created = created or updated or fallback_time
    updated = updated or created

    app_item: dict[str, Any] = {"appid": group.appid, "zoneinfo": group.zoneinfo}
    if group.legacy_id is not None:
        app_item["legacy_appid"] = group.legacy_id
        if converted.get("appid") not in (None, group.legacy_id):
            sink.add("appid", "differs from the id in the sort key; kept the sort key's")
    for name, value in converted.items():
        if name in KEY_ATTRS or (
            group.legacy_id is None
            and name in V1_PERSON_ATTRS
            and (name == "occupants" or isinstance(value, (dict, list)))
        ):
            continue  # moved to the person items (anything else stays here, with a note)
        app_item[name] = value
    app_item.update(status=status, created_at=created, last_updated=updated)

    try:
        people = _people(group, converted, app_sk, status, (created, updated), notes, outcomes)
    except ApplicationRejected as rejected:
        sks = [app_sk] + [i["sk"] for i in people_items]
        for sk in sks:
            why = rejected.reason if sk == rejected.sk else f"{rejected.sk}: {rejected.reason}"
            outcomes[(group.zoneinfo, sk)] = SourceOutcome(
                group.zoneinfo, sk, REJECTED, f"application not migrated: {why}"
            )
        return None
    return _Accepted(group, app_item, people)


def _people(
    group: _Group,
    converted: dict[str, Any],
    app_sk: str,
    status: str,
    times: tuple[str, str],
    notes: list[Note],
    outcomes: dict[tuple[str, str], SourceOutcome],
) -> list[Person]:
    return build_people(
        group_appid=group.appid,
        zoneinfo=group.zoneinfo,
        v1=converted if group.legacy_id is None else None,
        v1_sk=app_sk,
        applicant=group.applicant,
        coapps=group.coapps,
        guarantors=group.guarantors,
        status=status,
        times=times,
        notes=notes,
        outcomes=outcomes,
    )


def _without_v1_collisions(
    accepted: list[_Accepted], outcomes: dict[tuple[str, str], SourceOutcome]
) -> list[_Accepted]:
    """A v2 application whose legacy id is ``v1`` would take the v1 item's target keys: it is
    rejected whole (the v1 item keeps them), never written in part."""
    v1_zones = {a.group.zoneinfo for a in accepted if a.group.legacy_id is None}
    kept = []
    for acc in accepted:
        group = acc.group
        if group.legacy_id == "v1" and group.zoneinfo in v1_zones:
            assert group.app is not None
            reason = "application not migrated: its id 'v1' collides with this account's v1 item"
            for sk in [group.app["sk"]] + [i["sk"] for i in group.person_items()]:
                outcomes[(group.zoneinfo, sk)] = SourceOutcome(group.zoneinfo, sk, REJECTED, reason)
            continue
        kept.append(acc)
    return kept


def _finalise(
    accepted: list[_Accepted], outcomes: dict[tuple[str, str], SourceOutcome]
) -> list[TargetItem]:
    """Give applicants their userId, add version and hash, and refuse colliding keys."""
    latest: dict[str, _Accepted] = {}
    for acc in accepted:
        if not any(p.table == "applicant" for p in acc.people):
            continue
        best = latest.get(acc.group.zoneinfo)
        if best is None or _recency(acc) > _recency(best):
            latest[acc.group.zoneinfo] = acc

    targets: dict[TargetKey, TargetItem] = {}
    for acc in sorted(accepted, key=lambda a: a.group.appid):
        zoneinfo = acc.group.zoneinfo
        app = acc.group.app
        assert app is not None  # an accepted group has its application item
        produced: list[tuple[TargetItem, list[str]]] = [(_finish("app", acc.app_item), [app["sk"]])]
        for person in acc.people:
            if person.table == "applicant":
                own = latest.get(zoneinfo) is acc
                person.item["userId"] = zoneinfo if own else f"{acc.group.appid}#applicant"
            produced.append((_finish(person.table, person.item), person.source_sks))
        for target, sks in produced:
            if target.key in targets:
                for sk in sks:
                    outcomes[(zoneinfo, sk)] = SourceOutcome(
                        zoneinfo, sk, REJECTED, f"target key {target.key.pk!r} already produced"
                    )
                continue
            targets[target.key] = target
            for sk in sks:
                out = outcomes.setdefault((zoneinfo, sk), SourceOutcome(zoneinfo, sk, MIGRATED))
                if out.outcome == MIGRATED:
                    out.targets.append(target.key)
    return [targets[k] for k in sorted(targets)]


def _recency(acc: _Accepted) -> tuple[datetime, datetime, str]:
    app = acc.app_item
    return (parse_time(app["last_updated"]), parse_time(app["created_at"]), acc.group.appid)


def _finish(table: str, item: dict[str, Any]) -> TargetItem:
    item["version"] = Decimal(1)
    item["content_hash"] = item_content_hash(table, item)  # the attributes LeaseDesk writes
    return TargetItem(TargetKey.of_item(table, item), item)
