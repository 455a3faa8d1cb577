"""``desktop-app admin verify``: read the four tables and report what does not hold together
(docs/admin.md, "admin verify"), with counts and example keys, never values:

- ``orphaned_person``: a person item whose application item is missing;
- ``missing_primary_applicant``: an application item with no applicant item;
- ``people_list``: an application whose list of people names items that are not there, at
  another version or another application's (``sync/people_list.py``'s rule), and
  ``unlisted_person``: a person item of an application whose list does not name it;
- ``changed_outside``: LeaseDesk's attributes no longer hash to the item's ``content_hash``
  (another system changed them: reported as such, not as corruption);
- ``foreign_key``: a partition key outside its ``zoneinfo``'s prefix, or a ``zoneinfo`` that is
  no identity id;
- ``clear_pii``: a person item holding an SSN, date of birth or bank account in clear where it
  should be sealed (``<field>_enc``);
- ``table_state``: point-in-time recovery off, deletion protection off, encryption off, an
  index missing or not ACTIVE (each table's state is in the report);
- ``legacy_unaccounted`` (with a legacy table): a legacy item that is neither in the four
  tables nor deliberately left out by the migration's mapping, and ``legacy_rejected``: one the
  mapping rejects (with its reason), which the old table's deletion would lose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.admin.aws_clients import AwsTarget
from desktop_app.admin.legacy_mapping import IDENTITY_ID
from desktop_app.admin.table_scan import scan_items, table_state
from desktop_app.domain.canonical import item_content_hash
from desktop_app.remote.tables import ALL_TABLES, TableSpec
from desktop_app.sync.field_crypto import OCCUPANT_PII_FIELDS, REMOTE_PII_FIELDS
from desktop_app.sync.keys import is_owned_key
from desktop_app.sync.people_list import listed_people, people_list_problems

EXAMPLES = 5
PERSON_TABLES = ("applicant", "coapplicant", "guarantor")
SPECS: dict[str, TableSpec] = {s.logical: s for s in ALL_TABLES}

DESCRIPTIONS = {
    "orphaned_person": "person items whose application item is missing",
    "missing_primary_applicant": "application items without their primary applicant",
    "people_list": "applications whose list of people disagrees with their person items",
    "unlisted_person": "person items missing from their application's list of people",
    "changed_outside": "items whose LeaseDesk attributes were changed outside LeaseDesk",
    "foreign_key": "keys outside any identity's prefix",
    "clear_pii": "items holding personal data in clear where it should be encrypted",
    "table_state": "table settings: recovery, deletion protection, encryption, indexes",
    "legacy_unaccounted": "legacy items not found in the four tables",
    "legacy_rejected": "legacy items the migration leaves out (lost with the old table)",
}


@dataclass
class Finding:
    count: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, example: str) -> None:
        self.count += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(example)


@dataclass
class VerifyReport:
    items: dict[str, int] = field(default_factory=dict)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    findings: dict[str, Finding] = field(default_factory=dict)
    legacy: dict[str, Any] | None = None

    def add(self, kind: str, example: str) -> None:
        self.findings.setdefault(kind, Finding()).add(example)

    @property
    def ok(self) -> bool:
        return not any(f.count for f in self.findings.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "items": self.items,
            "tables": self.tables,
            "findings": {
                kind: {"description": DESCRIPTIONS[kind], "count": f.count, "examples": f.examples}
                for kind, f in sorted(self.findings.items())
            },
            "legacy": self.legacy,
        }

    def text(self) -> str:
        lines = [f"{name}: {n} items" for name, n in self.items.items()]
        for name, state in self.tables.items():
            pitr = state["point_in_time_recovery"]
            since = state["earliest_restorable_time"]
            lines.append(
                f"{name}: point-in-time recovery {pitr}"
                + (f" (earliest restorable {since})" if since else "")
                + f", deletion protection {'on' if state['deletion_protection'] else 'off'}"
                + f", encryption {state['encryption']}"
                + f", indexes {', '.join(f'{k} {v}' for k, v in state['indexes'].items()) or 'none'}"
                + (
                    f", zoneinfo-index projects {state['zone_projection']}"
                    if state.get("zone_projection")
                    else ""
                )
            )
        if self.legacy is not None:
            lines.append(
                f"legacy table {self.legacy['table']}: {self.legacy['items']} items, "
                f"{self.legacy['accounted']} accounted for"
            )
        for kind, f in sorted(self.findings.items()):
            lines.append(f"FOUND {f.count} {DESCRIPTIONS[kind]} ({kind}); e.g.:")
            lines.extend(f"  {example}" for example in f.examples)
        lines.append("OK: no findings" if self.ok else f"{len(self.findings)} kind(s) of findings")
        return "\n".join(lines)


def _key(table: str, item: dict[str, Any]) -> str:
    return f"{table}:{item.get(SPECS[table].partition_key)}"


def check_items(tables: dict[str, list[dict[str, Any]]], report: VerifyReport) -> None:
    """The item checks over the four tables' items (logical table -> items)."""
    apps = {a["appid"]: a for a in tables.get("app", []) if isinstance(a.get("appid"), str)}
    people_by_key: dict[tuple[str, str], dict[str, Any]] = {}
    people_of: dict[Any, list[tuple[str, dict[str, Any]]]] = {}
    for table in PERSON_TABLES:
        for item in tables.get(table, []):
            people_by_key[(table, str(item.get(SPECS[table].partition_key)))] = item
            people_of.setdefault(item.get("appid"), []).append((table, item))
    for table, items in tables.items():
        for item in items:
            _check_one(table, item, report)
    for (table, _pk), item in people_by_key.items():
        if item.get("appid") not in apps:
            report.add("orphaned_person", f"{_key(table, item)} (appid {item.get('appid')})")
    for appid, app in apps.items():
        mine = people_of.get(appid, [])
        if not any(t == "applicant" for t, _ in mine):
            report.add("missing_primary_applicant", _key("app", app))
        listed = listed_people(app)
        if listed is None and "people" not in app:
            continue
        found: dict[tuple[str, str], dict[str, Any] | None] = {
            (t, k): people_by_key.get((t, k)) for t, k, _v in (listed or [])
        }
        problems = people_list_problems(app, found)
        if problems:
            report.add("people_list", f"{_key('app', app)}: {problems[0]}")
        names = {(t, k) for t, k, _v in (listed or [])}
        for t, person in mine:
            if listed is not None and (t, str(person.get(SPECS[t].partition_key))) not in names:
                report.add("unlisted_person", _key(t, person))


def _check_one(table: str, item: dict[str, Any], report: VerifyReport) -> None:
    zoneinfo = item.get("zoneinfo")
    pk = item.get(SPECS[table].partition_key)
    if not (isinstance(zoneinfo, str) and IDENTITY_ID.match(zoneinfo)) or not is_owned_key(
        zoneinfo, pk
    ):
        report.add("foreign_key", _key(table, item))
    stored = item.get("content_hash")
    if stored is not None and item_content_hash(table, item) != stored:
        report.add("changed_outside", _key(table, item))
    if table in PERSON_TABLES and _holds_clear_pii(table, item):
        report.add("clear_pii", _key(table, item))


def _holds_clear_pii(table: str, item: dict[str, Any]) -> bool:
    info = item.get(SPECS[table].person_attribute)
    people = [(info, REMOTE_PII_FIELDS)]
    occupants = item.get("occupants")
    if isinstance(occupants, list):
        people += [(o, OCCUPANT_PII_FIELDS) for o in occupants]
    return any(
        isinstance(p, dict) and p.get(name) not in (None, "", [], {})
        for p, names in people
        for name in names
    )


def check_legacy(
    legacy_items: list[dict[str, Any]], tables: dict[str, list[dict[str, Any]]], report: VerifyReport
) -> dict[str, Any]:
    """Every legacy item is accounted for when each target item the migration's mapping makes
    of it is in the four tables; one the mapping rejects is reported with its reason."""
    from desktop_app.admin.legacy_mapping import map_legacy
    from desktop_app.admin.legacy_outcomes import REJECTED

    present = {
        (t, str(i.get(SPECS[t].partition_key)), str(i.get("zoneinfo")))
        for t, items in tables.items()
        for i in items
    }
    mapping = map_legacy(legacy_items, fallback_time="1970-01-01T00:00:00+00:00")
    accounted = 0
    for source in mapping.sources:
        name = f"legacy:{source.zoneinfo}/{source.sk}"
        if source.outcome == REJECTED:
            report.add("legacy_rejected", f"{name}: {source.reason}")
            continue
        missing = [k for k in source.targets if (k.table, k.pk, k.zoneinfo) not in present]
        if missing:
            report.add("legacy_unaccounted", f"{name} -> {missing[0].table}:{missing[0].pk}")
        else:
            accounted += 1
    return {"items": len(legacy_items), "accounted": accounted}


def verify(target: AwsTarget, *, legacy_table: str | None = None, segments: int = 4) -> VerifyReport:
    client = target.client("dynamodb", max_pool_connections=max(10, segments))
    report = VerifyReport()
    tables: dict[str, list[dict[str, Any]]] = {}
    for spec in ALL_TABLES:
        name = target.table_names.for_spec(spec)
        state = table_state(client, spec, name)
        report.tables[name] = state
        for problem in state["problems"]:
            report.add("table_state", f"{name}: {problem}")
        tables[spec.logical] = scan_items(client, name, segments)
        report.items[name] = len(tables[spec.logical])
    check_items(tables, report)
    if legacy_table is not None:
        legacy = scan_items(client, legacy_table, segments)
        report.legacy = {"table": legacy_table, **check_legacy(legacy, tables, report)}
    return report
