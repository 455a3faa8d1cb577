"""The app item's list of its person items (``people``: ``[{"table", "key", "version"}]``,
written by every push): a reader finds an application's people by key rather than through the
account's index, which is eventually consistent and lists every application's people.

Each entry carries that person item's own version: a push writes the app item and only the
person items that changed, at the application's new version, and the list names the others at
the version they keep. :func:`people_list_problems` is the rule, for whoever checks the tables.

Applications written before the list (by older builds or the migration) have none: their
people are found as before, through the index, until their next push writes it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from desktop_app.domain.canonical import PEOPLE
from desktop_app.sync.mapping import SPECS

PERSON_TABLES = ("applicant", "coapplicant", "guarantor")

#: (table logical name, partition key, version)
Entry = tuple[str, str, int]


def listed_people(app_item: dict[str, Any]) -> list[Entry] | None:
    """The person items ``app_item`` names, or None when it names none (an application written
    before the list) or the list is not one LeaseDesk wrote (then it is not trusted)."""
    raw = app_item.get(PEOPLE)
    if not isinstance(raw, list):
        return None
    out: list[Entry] = []
    for entry in raw:
        if not isinstance(entry, dict):
            return None
        table, key, version = entry.get("table"), entry.get("key"), entry.get("version")
        if table not in PERSON_TABLES or not isinstance(key, str) or not key:
            return None
        if isinstance(version, bool) or not isinstance(version, (int, Decimal)):
            return None
        if version != int(version):
            return None
        out.append((table, key, int(version)))
    return out


def fetch_listed(
    remote: Any,
    identity_id: str,
    entries: list[Entry],
    held: dict[tuple[str, str], dict[str, Any]] | None = None,
) -> list[tuple[str, dict[str, Any]]] | None:
    """The items ``entries`` name, at the versions named: from ``held`` (items already listed)
    where they are there at that version, the rest by key (consistent reads, through the
    engine's ownership gate). None when one of them is not (or not yet) at its version: the
    application is read again later, never assembled from half of a write."""
    held = held or {}
    found: dict[tuple[str, str], dict[str, Any]] = {}
    missing = []
    for table, key, version in entries:
        item = held.get((table, key))
        if item is not None and _version(item) == version:
            found[(table, key)] = item
        else:
            missing.append(
                ((table, key), {SPECS[table].partition_key: key, "zoneinfo": identity_id})
            )
    if missing:
        for ident, item in remote.get_items(missing).items():
            if item is not None:
                found[ident] = item
    out = []
    for table, key, version in entries:
        item = found.get((table, key))
        if item is None or _version(item) != version:
            return None
        out.append((table, item))
    return out


def _version(item: dict[str, Any]) -> int:
    try:
        return int(item.get("version", -1))
    except (TypeError, ValueError, ArithmeticError):
        return -1


def list_is_stale(remote: Any, identity_id: str, app_item: dict[str, Any]) -> bool:
    """After :func:`fetch_listed` found the people not at their versions: True when the app
    item has moved on since it was read (a write in progress: read it again later); False when
    it has not, so the list names items that are not there (another system wrote it) and it is
    not to be trusted."""
    appid = app_item["appid"]
    now = remote.get_items([(("app", appid), {"appid": appid, "zoneinfo": identity_id})])
    again = now.get(("app", appid))
    return again is None or _version(again) != _version(app_item)


def people_list_problems(
    app_item: dict[str, Any], people: dict[tuple[str, str], dict[str, Any] | None]
) -> list[str]:
    """What breaks the people-list rule in one application as the remote holds it (empty: it
    holds). ``people``: (table, key) -> the item read by key (None: not there), for at least
    every person the list names. The rule: each person item is written at the application's
    version of the push that changed it and kept at that version by pushes that leave it be,
    so every listed item is there, at exactly the version the list names, belongs to this
    application, and is at no version above the app item's. An app item without a list
    (written before it) breaks nothing here. Messages name tables and versions, never content."""
    if PEOPLE not in app_item:
        return []
    entries = listed_people(app_item)
    if entries is None:
        return ["the app item's list of people is not one LeaseDesk wrote"]
    app_version = _version(app_item)
    problems = []
    for table, key, version in entries:
        item = people.get((table, key))
        if version > app_version:
            problems.append(
                f"a {table} item is listed at version {version}, above the application's "
                f"{app_version}"
            )
        if item is None:
            problems.append(f"a {table} item listed at version {version} is not there")
        elif _version(item) != version:
            problems.append(
                f"a {table} item listed at version {version} is at version {_version(item)}"
            )
        elif item.get("appid") != app_item.get("appid"):
            problems.append(f"a {table} item listed at version {version} is another application's")
    return problems
