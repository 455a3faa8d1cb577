"""The sync engine: drains the outbox one application at a time per worker, each application
as one conditioned, idempotent ``TransactWriteItems``; then pulls (``pull.py``).

Per application (``push_one``): build the items, refuse oversize ones before sending, send the
transaction; after a timeout or a failed condition read the items back — our own committed
write (same version and content hash) is success, a remote that moved on is merged three-way
(``local_side.py``). ``TransactionConflict``/``ThrottlingError`` cancellations are retried
here; throttling and 5xx were already retried by botocore's retry mode."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, NamedTuple

from desktop_app.domain.models import Application
from desktop_app.storage.sync_repository import Receipt, SyncState, sync_uow
from desktop_app.sync import deletion
from desktop_app.sync import outcome as oc
from desktop_app.sync.errors import (
    ConditionFailed,
    CredentialsExpired,
    Offline,
    Permanent,
    RetryableCancellation,
    SyncFailure,
    Transient,
)
from desktop_app.sync.keys import appid_for
from desktop_app.sync.local_side import DELETED, PUSHED, UNCHANGED, Confirmation, LocalSide
from desktop_app.sync.mapping import SPECS, ItemTransform, application_from_items, application_items
from desktop_app.sync.merge import base_doc
from desktop_app.sync.outcome import AppOutcome, SyncReport
from desktop_app.sync.pull import Puller
from desktop_app.sync.ownership import OwnedRemote
from desktop_app.sync.queue import drain
from desktop_app.sync.remote_store import RemoteStore
from desktop_app.sync.transaction import ApplicationTransaction, PlannedDelete, plan_transaction

log = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 8
#: Runs in a row an application may end in "retry later" before it needs attention.
FAILED_RUNS_FOR_ATTENTION = 3
#: The revision recorded with such an entry: none is 0, so it never blocks the next run.
RETRIED_EVERY_RUN = 0
#: A round's answer "this application's people got new ids: push again".
_REKEYED = AppOutcome("", "rekeyed")


def _where(exc: BaseException) -> str:
    """file:line of the innermost frame, for logs that must not carry the message."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"


class Loaded(NamedTuple):
    state: SyncState | None
    receipts: list[Receipt]
    app: Application | None
    revision: int | None  # of the application, or of its tombstone


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class SyncEngine:
    def __init__(
        self,
        store: Any,
        remote: RemoteStore,
        identity_id: str,
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        now: Callable[[], str] = utc_now_iso,
        sleep: Callable[[float], None] = time.sleep,
        transform: ItemTransform | None = None,
        on_changed: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        cancel_retries: int = 6,
        max_rounds: int = 3,
        context: str = "",
    ) -> None:
        self.store = store
        # Every read goes through the ownership gate (foreign items are refused).
        self.remote = remote if isinstance(remote, OwnedRemote) else OwnedRemote(remote, identity_id)
        self.identity_id = identity_id
        self.concurrency = max(1, concurrency)
        self.now = now
        self.sleep = sleep
        self.transform = transform
        self.on_progress = on_progress or (lambda done, total: None)
        self.cancel_retries = cancel_retries
        self.max_rounds = max_rounds
        #: A fingerprint of the account and settings the engine runs with: when it differs
        #: from the last run's, what needed attention is retried.
        self.context = context
        self.local = LocalSide(store, identity_id, now, on_changed)
        self._stop = threading.Event()  # set when the network (or the sign-in) is gone

    # -- a whole run -------------------------------------------------------------------------
    def run_once(self, *, pull: bool = True, retry_attention: bool = False) -> SyncReport:
        """One push and pull. ``retry_attention``: also push the applications waiting in
        "needs attention" at an unchanged revision (their cause may be fixed); they are retried
        anyway when the engine's ``context`` (account and settings) differs from the last run's."""
        report = SyncReport()
        self._stop.clear()
        self.remote.take_refused()
        with sync_uow(self.store) as uow:
            context_changed = uow.sync.meta("context") != self.context
        ids, report.retried = self._pending(retry_attention or context_changed)
        report.outcomes = drain(self, ids)
        self._track_failures(report)
        results = {o.result for o in report.outcomes}
        report.online = oc.OFFLINE not in results
        report.sign_in_required = oc.SIGN_IN_REQUIRED in results
        if pull and not self._stop.is_set():
            try:
                Puller(self).pull(report)
            except Offline:
                report.online = False
            except CredentialsExpired:
                report.sign_in_required = True
            except SyncFailure as exc:
                report.errors.append(f"pull: {exc}")
        report.refused += self.remote.take_refused()
        report.round_trips = getattr(self.remote, "round_trips", 0)
        self._record_run(report)
        return report

    def pending_ids(self, *, retry_attention: bool = False) -> list[str]:
        """Outbox entries worth trying now: not waiting on the agent (a conflict, or a needs-
        attention entry for the same revision, unless ``retry_attention``)."""
        return self._pending(retry_attention)[0]

    def _pending(self, retry_attention: bool) -> tuple[list[str], int]:
        """(ids to push, how many of them are needs-attention entries retried)."""
        with sync_uow(self.store) as uow:
            pending = uow.outbox.pending()
            conflicted = uow.sync.conflicted_ids()
            blocked = {a.application_id: a.revision for a in uow.sync.attention()}
        ids, retried = [], 0
        for app_id, rev in sorted(pending.items()):
            if app_id in conflicted:
                continue
            if blocked.get(app_id) == rev:
                if not retry_attention:
                    continue
                retried += 1
            ids.append(app_id)
        return ids, retried

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def push_pending(self, *, retry_attention: bool = False) -> list[AppOutcome]:
        return drain(self, self.pending_ids(retry_attention=retry_attention))

    def load(self, ids: list[str]) -> dict[str, Loaded]:
        """What pushing ``ids`` needs from the store, in one read."""
        with sync_uow(self.store) as uow:
            rows = uow.sync.load_many(ids, uow.codec)
        return {app_id: Loaded(*row) for app_id, row in rows.items()}

    # -- one application ---------------------------------------------------------------------
    def push_one(
        self, app_id: str, loaded: Loaded | None = None
    ) -> tuple[AppOutcome, Confirmation | None]:
        """Push one application; the confirmation is for the caller to record (in a batch)."""
        try:
            merged = False
            for _ in range(self.max_rounds):
                outcome, confirmation = self._push_round(app_id, loaded)
                loaded = None  # after a merge, read the store again
                if outcome is _REKEYED:
                    continue
                if outcome is None:
                    merged = True
                    continue
                if merged and outcome.result == oc.SYNCED:
                    outcome = AppOutcome(
                        app_id, oc.MERGED, "merged with the other machine's changes"
                    )
                return outcome, confirmation
            return AppOutcome(app_id, oc.RETRY_LATER, "the remote kept changing; will retry"), None
        except Permanent as exc:
            self._needs_attention(app_id, exc)
            return AppOutcome(app_id, oc.NEEDS_ATTENTION, exc.reason, exc.step, exc.field), None
        except Offline as exc:
            self._stop.set()
            return AppOutcome(app_id, oc.OFFLINE, f"offline ({exc})"), None
        except CredentialsExpired as exc:
            self._stop.set()
            return AppOutcome(app_id, oc.SIGN_IN_REQUIRED, str(exc)), None
        except (Transient, RetryableCancellation, ConditionFailed) as exc:
            return AppOutcome(app_id, oc.RETRY_LATER, f"{type(exc).__name__}: {exc}"), None
        except Exception as exc:  # noqa: BLE001 — one application never stops the others
            # Type and place only: messages (e.g. pydantic's) can quote field values (PII).
            log.error(
                "sync of one application failed unexpectedly: %s at %s",
                type(exc).__name__,
                _where(exc),
            )
            return AppOutcome(app_id, oc.RETRY_LATER, f"unexpected: {type(exc).__name__}"), None

    def _push_round(
        self, app_id: str, loaded: Loaded | None
    ) -> tuple[AppOutcome | None, Confirmation | None]:
        """One attempt; (None, None) means "the remote moved and we merged cleanly: again"."""
        if loaded is None:
            loaded = self.load([app_id])[app_id]
        state, receipts, app, revision = loaded
        if app is None:
            return self._push_delete(app_id, revision, state, receipts)
        base_version = state.remote_version if state else 0
        known = {(r.table_name, r.key): r.version for r in receipts}
        items = application_items(app, self.identity_id, self.transform)
        hashes = {(r.table_name, r.key): r.content_hash for r in receipts}
        if state and base_version and {i.ident: i.content_hash for i in items} == hashes:
            return AppOutcome(app_id, oc.UNCHANGED), Confirmation(UNCHANGED, app_id, revision)
        tx = plan_transaction(
            appid_for(self.identity_id, app_id),
            base_version,
            items,
            known,
            created_at=app.created_at.isoformat(),
            now=self.now(),
        )
        tx.check_sizes()
        if self._send(tx):
            return AppOutcome(app_id, oc.SYNCED), Confirmation(PUSHED, app_id, revision, tx, app)
        # The remote moved on: fetch it, merge three-way against the last synced snapshot.
        remote_items = self._fetch_remote(tx.appid)
        if remote_items is None and base_version:
            # Deleted on another machine since our last sync, changed here since.
            if self.local.remote_deleted(app_id) == deletion.CONFLICT:
                return AppOutcome(
                    app_id, oc.CONFLICT, "deleted on another machine, changed here"
                ), None
            return AppOutcome(app_id, oc.DELETED, "deleted on another machine"), None
        if remote_items is None:
            taken = self._people_keys_taken(tx)
            if not taken:
                raise ConditionFailed("the application's item vanished from the remote")
            # Never synced, and some of its people's keys hold another application's person
            # (an amended copy that kept the submitted one's person ids): give them new ids.
            self.local.rekey_people(app_id, revision, taken)
            return _REKEYED, None
        app_item = next(i for t, i in remote_items if t == "app")
        people = [(t, i) for t, i in remote_items if t != "app"]
        remote_app = application_from_items(self.identity_id, app_item, people, self.transform)
        base = base_doc(state.snapshot if state else None)
        result = self.local.merge_remote(app, revision, base, remote_app, remote_items)
        if result.conflicts:
            return AppOutcome(app_id, oc.CONFLICT, f"{len(result.conflicts)} field(s) differ"), None
        return None, None

    def _push_delete(self, app_id, revision, state, receipts):
        if revision is None:
            return AppOutcome(app_id, oc.UNCHANGED, "no longer in the store"), None
        if not state or not receipts:
            return AppOutcome(app_id, oc.DELETED, "never synced"), Confirmation(
                UNCHANGED, app_id, revision
            )
        deletes = [
            PlannedDelete(
                r.table_name,
                {SPECS[r.table_name].partition_key: r.key, "zoneinfo": self.identity_id},
                r.version,
            )
            for r in receipts
        ]
        tx = ApplicationTransaction(
            state.appid, state.remote_version + 1, [], {}, deletes, "", self.now()
        )
        if not self._send(tx):
            # Changed on another machine since this one last synced it: the agent decides.
            remote_items = self._fetch_remote(state.appid)
            if remote_items is None:  # deleted there as well
                return AppOutcome(app_id, oc.DELETED), Confirmation(DELETED, app_id, revision, tx)
            app_item = next(i for t, i in remote_items if t == "app")
            people = [(t, i) for t, i in remote_items if t != "app"]
            remote_app = application_from_items(self.identity_id, app_item, people, self.transform)
            self.local.deleted_here_changed_there(app_id, remote_app, remote_items)
            return AppOutcome(
                app_id,
                oc.CONFLICT,
                "deleted here, changed on another machine",
                field=deletion.DELETED_HERE,
            ), None
        return AppOutcome(app_id, oc.DELETED), Confirmation(DELETED, app_id, revision, tx)

    # -- the transaction and its read-back ---------------------------------------------------
    def _send(self, tx: ApplicationTransaction) -> bool:
        """True when the remote holds ``tx`` (sent now, or found committed by an earlier
        attempt); False when the remote moved on to something else."""
        for attempt in range(self.cancel_retries + 1):
            try:
                self.remote.transact_write(tx)
                return True
            except RetryableCancellation:
                if attempt == self.cancel_retries:
                    raise
                self.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
            except (ConditionFailed, Transient) as exc:
                verdict = self._read_back(tx)
                if verdict == "ours":
                    return True
                if verdict == "moved":
                    return False
                if isinstance(exc, Transient):
                    raise  # not committed; botocore already retried: try again next run
                # condition failed yet nothing moved: raced with our own retry; try again
        raise ConditionFailed("gave up")

    def _read_back(self, tx: ApplicationTransaction) -> str:
        """ "ours" (the transaction is committed), "unapplied" (the remote is as we left it),
        or "moved" (someone else wrote)."""
        idents = [(i.ident, i.key) for i in tx.items] + [(d.ident, d.key) for d in tx.deletes]
        found = self.remote.get_items(idents)
        ours = all(
            (got := found.get(i.ident)) is not None
            and int(got.get("version", -1)) == tx.target_version
            and got.get("content_hash") == i.content_hash
            for i in tx.items
        ) and all(found.get(d.ident) is None for d in tx.deletes)
        if ours:
            return "ours"
        unapplied = all(
            (found.get(i.ident) is None)
            if i.ident not in tx.expected
            else (found.get(i.ident) or {}).get("version") == tx.expected[i.ident]
            for i in tx.items
        ) and all(
            (found.get(d.ident) or {}).get("version") == d.expected_version for d in tx.deletes
        )
        return "unapplied" if unapplied else "moved"

    def _people_keys_taken(self, tx: ApplicationTransaction) -> set[str]:
        """Person ids of ``tx`` whose remote key already holds another application's item."""
        people = [(i.ident, i.key, i.person_id) for i in tx.items if i.person_id]
        found = self.remote.get_items([(ident, key) for ident, key, _ in people])
        return {
            person_id
            for ident, _, person_id in people
            if (got := found.get(ident)) is not None and got.get("appid") != tx.appid
        }

    def _fetch_remote(self, appid: str) -> list[tuple[str, dict]] | None:
        """The application's current items: the app item by key, people through the GSI."""
        key = {"appid": appid, "zoneinfo": self.identity_id}
        app_item = self.remote.get_items([(("app", appid), key)]).get(("app", appid))
        if app_item is None:
            return None
        items: list[tuple[str, dict]] = [("app", app_item)]
        for table in ("applicant", "coapplicant", "guarantor"):
            items += [
                (table, it)
                for it in self.remote.query_zone(table, self.identity_id)
                if it.get("appid") == appid
            ]
        return items

    # -- bookkeeping ---------------------------------------------------------------------
    def _needs_attention(self, app_id: str, exc: Permanent) -> None:
        with sync_uow(self.store) as uow:
            revision = uow.sync.local_revision(app_id) or 0
            uow.sync.set_attention(app_id, revision, exc.reason, exc.step, exc.field)
            uow.sync.put_state(
                app_id, appid=appid_for(self.identity_id, app_id), state="needs_attention"
            )
            uow.commit()

    def _track_failures(self, report: SyncReport) -> None:
        """Count the runs in a row each application ends in "retry later"; at
        FAILED_RUNS_FOR_ATTENTION it is listed in needs attention with its reason (and still
        tried every run: its cause may be passing)."""
        touched = [o for o in report.outcomes if o.result not in (oc.OFFLINE, oc.SIGN_IN_REQUIRED)]
        if not touched:
            return
        with sync_uow(self.store) as uow:
            failing: dict[str, int] = dict(uow.sync.meta("failing_runs", {}) or {})
            for i, o in enumerate(report.outcomes):
                if o.result in (oc.OFFLINE, oc.SIGN_IN_REQUIRED):
                    continue
                if o.result != oc.RETRY_LATER:
                    failing.pop(o.application_id, None)
                    continue
                runs = failing[o.application_id] = failing.get(o.application_id, 0) + 1
                if runs >= FAILED_RUNS_FOR_ATTENTION:
                    reason = f"Not synced after {runs} tries in a row ({o.message})."
                    uow.sync.set_attention(o.application_id, RETRIED_EVERY_RUN, reason, "", "")
                    uow.sync.put_state(
                        o.application_id,
                        appid=appid_for(self.identity_id, o.application_id),
                        state="needs_attention",
                    )
                    report.outcomes[i] = AppOutcome(o.application_id, oc.NEEDS_ATTENTION, reason)
            uow.sync.set_meta("failing_runs", failing)
            uow.commit()

    def _record_run(self, report: SyncReport) -> None:
        ts = self.now()
        with sync_uow(self.store) as uow:
            uow.sync.set_meta("last_run_at", ts)
            uow.sync.set_meta("online", report.online)
            uow.sync.set_meta("sign_in_required", report.sign_in_required)
            uow.sync.set_meta("context", self.context)
            # "Last synced" is a run that got everything it tried onto the remote: a failure
            # is never hidden behind a fresh time.
            incomplete = report.errors or any(
                o.result in (oc.RETRY_LATER, oc.NEEDS_ATTENTION) for o in report.outcomes
            )
            if report.online and not report.sign_in_required and not incomplete:
                uow.sync.set_meta("last_synced_at", ts)
            errors = [
                f"{o.application_id}: {o.message}"
                for o in report.outcomes
                if o.result in (oc.RETRY_LATER, oc.NEEDS_ATTENTION)
            ]
            uow.sync.set_meta("last_errors", (errors + report.errors + report.refused)[:20])
            uow.commit()
