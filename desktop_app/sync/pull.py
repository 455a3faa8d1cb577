"""Pull: list the account's items through each table's ``zoneinfo-index`` and bring down the
applications this machine lacks or holds at an older version (docs/architecture.md, "Sync rules").

Every item read has passed the engine's ownership gate (``ownership.py``): an item of another
account listed under our ``zoneinfo`` never gets here. The puller is given the remote (behind
that gate) and the local side; it knows nothing of the engine that calls it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from desktop_app.domain.canonical import item_content_hash
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync import delta, deletion
from desktop_app.sync.errors import Permanent
from desktop_app.sync.keys import local_id_of
from desktop_app.sync.local_side import LocalSide
from desktop_app.sync.mapping import SPECS, ItemTransform, application_from_items
from desktop_app.sync.merge import base_doc
from desktop_app.sync.outcome import SyncReport
from desktop_app.sync.zone_listing import is_whole, needs_read
from desktop_app.sync.people_list import (
    PERSON_TABLES,
    Entry,
    fetch_listed,
    list_is_stale,
    listed_people,
)

log = logging.getLogger(__name__)


def _utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Puller:
    def __init__(
        self,
        remote: Any,
        local: LocalSide,
        identity_id: str,
        transform: ItemTransform | None = None,
        now: Callable[[], str] = _utc_now_iso,
    ) -> None:
        self.remote = remote
        self.now = now
        self.local = local
        self.store = local.store
        self.identity_id = identity_id
        self.transform = transform
        #: Confirmed content hashes of every application (read once, when first needed).
        self._confirmed: dict[str, dict[tuple[str, str], str]] | None = None

    def pull(self, report: SyncReport) -> None:
        started = self.now()
        with sync_uow(self.store) as uow:
            watermark, reconciled_at, every = delta.load(uow)
        plan = delta.plan(started, watermark, reconciled_at, every=every)
        errors = len(report.errors)
        done = False
        if plan.since is not None:
            done = self._delta(plan.since, report)
        if not done:
            if plan.since is None:
                log.info("pull: full reconciliation (%s)", plan.why)
            # (What a delta from the watermark would have read: a change older than that was
            # missed by the deltas, when the deltas were running.)
            missed_before = None
            if watermark is not None and plan.why in ("daily", "clock went back", ""):
                missed_before = delta.iso(delta.parse(watermark) - delta.MARGIN)
            self._full(report, missed_before)
            report.reconciled = True
        if len(report.errors) == errors:
            with sync_uow(self.store) as uow:
                delta.record(uow, started, reconciled=report.reconciled)
                uow.commit()

    def _delta(self, since: str, report: SyncReport) -> bool:
        """Read what changed since ``since``; False when the changes index cannot be read
        (tables created before it: the full pull does, until ``admin create-tables`` adds it)."""
        remote = self.remote
        try:
            entries = list(remote.query_changes(self.identity_id, since))
        except (AttributeError, Permanent) as exc:
            log.warning("pull: the changes index is not readable (%s)", type(exc).__name__)
            return False
        with sync_uow(self.store) as uow:
            states = uow.sync.states()
            conflicted = uow.sync.conflicted_ids()
        wanted: dict[str, int] = {}
        for entry in entries:
            appid = str(entry.get("appid", ""))
            state = states.get(local_id_of(self.identity_id, appid))
            version = int(entry.get("version", 0))
            if state is None or state.remote_version != version:
                wanted[appid] = max(version, wanted.get(appid, 0))
        if not wanted:
            return True
        found = remote.get_items(
            [(("app", a), {"appid": a, "zoneinfo": self.identity_id}) for a in sorted(wanted)]
        )
        apps = [item for item in found.values() if item is not None]
        held = self._listed_items(apps)
        zone: dict[str, list[tuple[str, dict[str, Any]]]] | None = None
        for app_item in apps:
            listed = listed_people(app_item)
            people = (
                None if listed is None else fetch_listed(remote, self.identity_id, listed, held)
            )
            if people is None:
                if zone is None:  # written before the list: its people through the index
                    zone = self._zone_people()
                people = zone.get(str(app_item["appid"]), [])
            try:
                self._one(app_item, people, states, conflicted, report)
            except Exception as exc:  # noqa: BLE001 — one application never blocks the rest
                log.error("pull of one application failed: %s", type(exc).__name__)
                report.errors.append(f"pull: {type(exc).__name__}")
        return True

    def _listed_items(self, apps: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
        """The person items the app items list, in one batched read by key."""
        entries: dict[tuple[str, str], Entry] = {}
        for app_item in apps:
            for table, key, version in listed_people(app_item) or []:
                entries[(table, key)] = (table, key, version)
        if not entries:
            return {}
        found = self.remote.get_items(
            [
                ((t, k), {SPECS[t].partition_key: k, "zoneinfo": self.identity_id})
                for t, k, _v in entries.values()
            ]
        )
        return {ident: item for ident, item in found.items() if item is not None}

    def _zone_people(
        self, *, projected: bool = False
    ) -> dict[str, list[tuple[str, dict[str, Any]]]]:
        """The account's person items by appid, whole (or, ``projected``, as the index lists
        them)."""
        lister = self._list_zone if projected else self.remote.query_zone
        people: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for table in PERSON_TABLES:
            for item in lister(table, self.identity_id):
                people.setdefault(str(item.get("appid", "")), []).append((table, item))
        return people

    def _list_zone(self, table: str, identity_id: str) -> Any:
        lister = getattr(self.remote, "list_zone", None) or self.remote.query_zone
        return lister(table, identity_id)

    def _confirmed_hashes(self) -> dict[str, dict[tuple[str, str], str]]:
        if self._confirmed is None:
            with sync_uow(self.store) as uow:
                self._confirmed = uow.sync.receipt_hashes()
        return self._confirmed

    def _whole(
        self,
        apps: list[dict[str, Any]],
        people: dict[str, list[tuple[str, dict[str, Any]]]],
        states: dict[str, Any],
    ) -> list[tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]]:
        """Each listed application as whole items: as listed where the index projects ALL;
        otherwise read by key (app items, then their people in one batched read) only where
        :func:`zone_listing.needs_read` says the listing differs from the receipts."""
        out: list[tuple[dict[str, Any], list[tuple[str, dict[str, Any]]]]] = []
        wanted: list[str] = []
        confirmed = self._confirmed_hashes()
        for entry in apps:
            appid = str(entry["appid"])
            entries = people.get(appid, [])
            if is_whole("app", entry) and all(is_whole(t, p) for t, p in entries):
                out.append((entry, entries))
                continue
            local_id = local_id_of(self.identity_id, appid)
            state = states.get(local_id)
            version = None if state is None else state.remote_version
            if needs_read(entry, entries, version, confirmed.get(local_id, {})):
                wanted.append(appid)
        if not wanted:
            return out
        log.info("pull: %d of %d application(s) read by key", len(wanted), len(apps))
        found = self.remote.get_items(
            [(("app", a), {"appid": a, "zoneinfo": self.identity_id}) for a in wanted]
        )
        read = [item for item in found.values() if item is not None]
        keys: dict[tuple[str, str], dict[str, str]] = {}
        for app_item in read:
            named = [(t, k) for t, k, _v in listed_people(app_item) or []]
            named += [
                (t, str(p[SPECS[t].partition_key]))
                for t, p in people.get(str(app_item["appid"]), [])
            ]
            for t, k in named:
                keys[(t, k)] = {SPECS[t].partition_key: k, "zoneinfo": self.identity_id}
        held = self.remote.get_items(list(keys.items())) if keys else {}
        for app_item in read:
            appid = str(app_item["appid"])
            mine = {(t, k) for t, k, _v in listed_people(app_item) or []}
            mine |= {(t, str(p[SPECS[t].partition_key])) for t, p in people.get(appid, [])}
            whole = [(t, item) for t, k in sorted(mine) if (item := held.get((t, k))) is not None]
            out.append((app_item, whole))
        return out

    def _full(self, report: SyncReport, missed_before: str | None) -> None:
        # (Foreign items were refused by the engine's ownership gate: none arrive here.)
        apps = list(self._list_zone("app", self.identity_id))
        people = self._zone_people(projected=True)
        with sync_uow(self.store) as uow:
            states = uow.sync.states()
            conflicted = uow.sync.conflicted_ids()
        wholes = self._whole(apps, people, states)
        missed: list[str] = []
        for app_item, its_people in wholes:
            before = report.pulled + report.merged_on_pull
            try:
                self._one(app_item, its_people, states, conflicted, report)
            except Exception as exc:  # noqa: BLE001 — one application never blocks the rest
                log.error("pull of one application failed: %s", type(exc).__name__)
                report.errors.append(f"pull: {type(exc).__name__}")
                continue
            changed = report.pulled + report.merged_on_pull > before
            if changed and missed_before is not None:
                if str(app_item.get("last_updated", "")) < missed_before:
                    missed.append(str(app_item["appid"]))
        listed = {str(i.get("appid", "")) for i in apps}
        self._deleted_remotely(listed, states, conflicted, report)
        if missed:
            report.missed_by_delta += len(missed)
            log.warning(
                "reconciliation: %d application(s) changed that no delta pull read: %s",
                len(missed),
                ", ".join(missed),
            )

    def _changed_outside(self, local_id: str, items: list[tuple[str, dict[str, Any]]]) -> bool:
        """At the version we confirmed, do the items' LeaseDesk attributes still hash to what
        we confirmed? If not, a system other than LeaseDesk (the back office, a migration
        re-run) changed them without a new version: that is merged like any remote change."""
        now = {(t, i[SPECS[t].partition_key]): item_content_hash(t, i) for t, i in items}
        return now != self._confirmed_hashes().get(local_id, {})

    def _deleted_remotely(
        self, listed: set[str], states: dict[str, Any], conflicted: set[str], report: SyncReport
    ) -> None:
        """Applications the remote held (a confirmed version) and no longer lists: deleted on
        another machine. The index is eventually consistent, so absence is confirmed by a
        consistent read of the application's item before anything is deleted here."""
        gone = [
            s
            for app_id, s in states.items()
            if s.remote_version > 0 and s.appid not in listed and app_id not in conflicted
        ]
        if not gone:
            return
        found = self.remote.get_items(
            [(("app", s.appid), {"appid": s.appid, "zoneinfo": self.identity_id}) for s in gone]
        )
        for s in gone:
            if found.get(("app", s.appid)) is not None:
                continue  # written since the listing, or not yet in the index
            result = self.local.remote_deleted(s.application_id)
            if result is deletion.RemoteDeletion.APPLIED:
                report.deleted_on_pull += 1

    def _one(
        self,
        app_item: dict[str, Any],
        people: list[tuple[str, dict[str, Any]]],
        states: dict[str, Any],
        conflicted: set[str],
        report: SyncReport,
    ) -> None:
        version = int(app_item.get("version", 0))
        local_id = local_id_of(self.identity_id, app_item["appid"])
        state = states.get(local_id)
        listed = listed_people(app_item)
        found = None
        if listed is not None:
            held = {(t, i[SPECS[t].partition_key]): i for t, i in people}
            found = fetch_listed(self.remote, self.identity_id, listed, held)
            if found is None and list_is_stale(self.remote, self.identity_id, app_item):
                log.info("pull: an application's people are not readable at its version yet")
                return  # a write in progress; the next pull reads it whole
            if found is None:
                log.warning("pull: an application's list of people names items not held")
        if found is None:
            # Written before the app item listed its people (or the list is not usable): those
            # written with this version of the application (stale items of people removed by
            # a half-visible write are not part of it).
            people = [(t, i) for t, i in people if int(i.get("version", 0)) == version]
        else:
            people = found
        items = [("app", app_item), *people]
        if state is not None and state.remote_version > version:
            return  # ours is newer
        if state is not None and state.remote_version == version:
            if local_id in conflicted or not self._changed_outside(local_id, items):
                return  # up to date (or ours)
        remote_app = application_from_items(self.identity_id, app_item, people, self.transform)
        with sync_uow(self.store) as uow:
            tombstone = uow.sync.tombstone_revision(local_id) is not None
            if tombstone and uow.sync.pending_revision(local_id) is not None:
                return  # deleted here; the push of the deletion decides
            revision = None if tombstone else uow.sync.local_revision(local_id)
            if revision is not None:
                local_app, revision = uow.applications.get(local_id)
                state = uow.sync.state(local_id)  # with its snapshot
        if revision is None:
            # (Deleted here and that deletion pushed, yet the remote holds it again: the other
            # machine chose to keep it. It comes back.)
            self.local.adopt_remote(remote_app, items, None)
            report.pulled += 1
            report.new_on_pull.append(local_id)
            return
        if local_id in conflicted:
            return  # the agent is resolving; the resolution pushes over the remote's version
        unsynced = state is None or state.synced_revision != revision
        if not unsynced:
            self.local.adopt_remote(remote_app, items, revision)
            report.pulled += 1
            return
        base = base_doc(state.snapshot if state else None)
        self.local.merge_remote(local_app, revision, base, remote_app, items)
        report.merged_on_pull += 1
