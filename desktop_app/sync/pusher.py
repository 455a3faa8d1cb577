"""Pushing one application: each as one conditioned, idempotent ``TransactWriteItems``.

Per application (:meth:`Pusher.push_one`): build the items, refuse oversize ones before
sending, send the transaction; after a timeout or a failed condition read the items back — our
own committed write (same version and content hash) is success, a remote that moved on is
merged three-way (``local_side.py``). ``TransactionConflict``/``ThrottlingError`` cancellations
are retried here, with back-off; throttling and 5xx were already retried by botocore's retry
mode.

The pusher works on what it is given: the remote (behind the ownership gate), the local side,
and a stop flag it sets when the network or the sign-in is gone. It knows nothing of the queue
that calls it or of the wizard (``step_label`` turns a field path into a step's label)."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from enum import StrEnum
from typing import Any

from desktop_app.domain.models import Application
from desktop_app.sync import audit_heads, deletion
from desktop_app.sync.errors import (
    ConditionFailed,
    CredentialsExpired,
    Offline,
    Permanent,
    RetryableCancellation,
    Transient,
)
from desktop_app.sync.keys import appid_for
from desktop_app.sync.local_side import (
    Confirmation,
    ConfirmationKind,
    Loaded,
    LocalSide,
    RemoteItems,
)
from desktop_app.sync.mapping import (
    SPECS,
    ItemTransform,
    application_from_items,
)
from desktop_app.sync.merge import base_doc
from desktop_app.sync.outcome import AppOutcome, Result
from desktop_app.sync.people_list import fetch_listed, list_is_stale, listed_people
from desktop_app.sync.push_items import items_to_write, unchanged_people_apart
from desktop_app.sync.transaction import (
    ApplicationTransaction,
    PlannedDelete,
    plan_transaction,
)

log = logging.getLogger(__name__)

#: A round's answer "this application's people got new ids: push again".
_REKEYED = AppOutcome("", Result.REKEYED)

PushResult = tuple[AppOutcome, Confirmation | None]


class Verdict(StrEnum):
    """What reading a transaction's items back says of it."""

    OURS = "ours"  # the transaction is committed
    UNAPPLIED = "unapplied"  # the remote is as we left it
    MOVED = "moved"  # someone else wrote


def _where(exc: BaseException) -> str:
    """file:line of the innermost frame, for logs that must not carry the message."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"


def _no_step(_path: str) -> str:
    return ""


def backoff(attempt: int) -> float:
    """Seconds to wait before retrying a cancelled transaction (jittered, capped at 3 s)."""
    delay: float = min(2.0, 0.05 * 2**attempt) * (0.5 + random.random())
    return delay


def pushed(app_id: str, loaded: Loaded, tx: ApplicationTransaction) -> PushResult:
    """The result of ``tx`` found on the remote: synced, with its confirmation to record."""
    assert loaded.revision is not None
    return AppOutcome(app_id, Result.SYNCED), Confirmation(
        ConfirmationKind.PUSHED, app_id, loaded.revision, tx, loaded.app
    )


class Pusher:
    def __init__(
        self,
        remote: Any,
        local: LocalSide,
        identity_id: str,
        *,
        stop: threading.Event,
        now: Callable[[], str],
        sleep: Callable[[float], None] = time.sleep,
        transform: ItemTransform | None = None,
        cancel_retries: int = 6,
        max_rounds: int = 3,
        step_label: Callable[[str], str] = _no_step,
    ) -> None:
        self.remote = remote
        self.local = local
        self.identity_id = identity_id
        self.stop = stop
        self.now = now
        self.sleep = sleep
        self.transform = transform
        self.cancel_retries = cancel_retries
        self.max_rounds = max_rounds
        self.step_label = step_label
        self._machine: str | None = None

    # -- one application ---------------------------------------------------------------------
    def push_one(self, app_id: str, loaded: Loaded | None = None) -> PushResult:
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
                if merged and outcome.result is Result.SYNCED:
                    outcome = AppOutcome(
                        app_id, Result.MERGED, "merged with the other machine's changes"
                    )
                return outcome, confirmation
            return AppOutcome(
                app_id, Result.RETRY_LATER, "the remote kept changing; will retry"
            ), None
        except Permanent as exc:
            step = exc.step or self.step_label(exc.field)
            self.local.needs_attention(app_id, None, exc.reason, step, exc.field)
            return AppOutcome(app_id, Result.NEEDS_ATTENTION, exc.reason, step, exc.field), None
        except Offline as exc:
            self.stop.set()
            return AppOutcome(app_id, Result.OFFLINE, f"offline ({exc})"), None
        except CredentialsExpired as exc:
            self.stop.set()
            return AppOutcome(app_id, Result.SIGN_IN_REQUIRED, str(exc)), None
        except (Transient, RetryableCancellation, ConditionFailed) as exc:
            return AppOutcome(app_id, Result.RETRY_LATER, f"{type(exc).__name__}: {exc}"), None
        except Exception as exc:  # noqa: BLE001 — one application never stops the others
            # Type and place only: messages (e.g. pydantic's) can quote field values (PII).
            log.error(
                "sync of one application failed unexpectedly: %s at %s",
                type(exc).__name__,
                _where(exc),
            )
            return AppOutcome(app_id, Result.RETRY_LATER, f"unexpected: {type(exc).__name__}"), None

    def _push_round(
        self, app_id: str, loaded: Loaded | None
    ) -> tuple[AppOutcome | None, Confirmation | None]:
        """One attempt; (None, None) means "the remote moved and we merged cleanly: again"."""
        loaded, planned = self.plan(app_id, loaded)
        if planned is None:
            return self._push_delete(app_id, loaded)
        if not isinstance(planned, ApplicationTransaction):
            return planned
        tx = planned
        state, _receipts, app, revision = loaded
        assert app is not None and revision is not None
        if self._send(tx):
            return pushed(app_id, loaded, tx)
        # The remote moved on: fetch it, merge three-way against the last synced snapshot.
        remote_items = self._fetch_remote(tx.appid)
        if remote_items is None and tx.target_version > 1:
            # Deleted on another machine since our last sync, changed here since.
            if self.local.remote_deleted(app_id) is deletion.RemoteDeletion.CONFLICT:
                return AppOutcome(
                    app_id, Result.CONFLICT, "deleted on another machine, changed here"
                ), None
            return AppOutcome(app_id, Result.DELETED, "deleted on another machine"), None
        if remote_items is None:
            taken = self._people_keys_taken(tx)
            if not taken:
                raise ConditionFailed("the application's item vanished from the remote")
            # Never synced, and some of its people's keys hold another application's person
            # (an amended copy that kept the submitted one's person ids): give them new ids.
            self.local.rekey_people(app_id, revision, taken)
            return _REKEYED, None
        remote_app = self._remote_application(remote_items)
        base = base_doc(state.snapshot if state else None)
        result = self.local.merge_remote(app, revision, base, remote_app, remote_items)
        if result.conflicts:
            return AppOutcome(
                app_id, Result.CONFLICT, f"{len(result.conflicts)} field(s) differ"
            ), None
        return None, None

    def plan(
        self, app_id: str, loaded: Loaded | None
    ) -> tuple[Loaded, ApplicationTransaction | PushResult | None]:
        """(what was loaded, the application's transaction — or its result when there is
        nothing to send, or None for a deletion), sizes checked (``Permanent`` if over)."""
        if loaded is None:
            loaded = self.local.load([app_id])[app_id]
        state, receipts, app, revision = loaded
        if app is None:
            return loaded, None
        assert revision is not None
        base_version = state.remote_version if state else 0
        known = {(r.table_name, r.key): r.version for r in receipts}
        items = items_to_write(
            app, state, receipts, self.identity_id, self.transform, self._audit_head(app_id)
        )
        hashes = {(r.table_name, r.key): r.content_hash for r in receipts}
        if state and base_version and {i.ident: i.content_hash for i in items} == hashes:
            return loaded, (
                AppOutcome(app_id, Result.UNCHANGED),
                Confirmation(ConfirmationKind.UNCHANGED, app_id, revision),
            )
        written, kept = unchanged_people_apart(items, receipts)
        tx = plan_transaction(
            appid_for(self.identity_id, app_id),
            base_version,
            written,
            known,
            created_at=app.created_at.isoformat(),
            now=self.now(),
            kept=kept,
        )
        tx.check_sizes()
        return loaded, tx

    def _audit_head(self, app_id: str) -> tuple[str, dict[str, Any]] | None:
        """This machine's audit head for the app item (``audit_heads.py``); None without a
        store that keeps a trail."""
        store = getattr(self.local, "store", None)
        if store is None or not hasattr(store, "engine"):
            return None
        if self._machine is None:
            self._machine = audit_heads.machine_id(store)
        head = audit_heads.local_head(store, app_id, self.now())
        return None if head is None else (audit_heads.head_attribute(self._machine), head)

    def _push_delete(self, app_id: str, loaded: Loaded) -> PushResult:
        state, receipts, _app, revision = loaded
        if revision is None:
            return AppOutcome(app_id, Result.UNCHANGED, "no longer in the store"), None
        if not state or not receipts:
            return AppOutcome(app_id, Result.DELETED, "never synced"), Confirmation(
                ConfirmationKind.UNCHANGED, app_id, revision
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
        deleted = Confirmation(ConfirmationKind.DELETED, app_id, revision, tx)
        if self._send(tx):
            return AppOutcome(app_id, Result.DELETED), deleted
        # Changed on another machine since this one last synced it: the agent decides.
        remote_items = self._fetch_remote(state.appid)
        if remote_items is None:  # deleted there as well
            return AppOutcome(app_id, Result.DELETED), deleted
        remote_app = self._remote_application(remote_items)
        self.local.deleted_here_changed_there(app_id, remote_app, remote_items)
        return AppOutcome(
            app_id,
            Result.CONFLICT,
            "deleted here, changed on another machine",
            field=deletion.DELETED_HERE,
        ), None

    def _remote_application(self, remote_items: RemoteItems) -> Application:
        app_item = next(i for t, i in remote_items if t == "app")
        people = [(t, i) for t, i in remote_items if t != "app"]
        return application_from_items(self.identity_id, app_item, people, self.transform)

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
                self.sleep(backoff(attempt))
            except (ConditionFailed, Transient) as exc:
                verdict = self.read_back(tx)
                if verdict is Verdict.OURS:
                    return True
                if verdict is Verdict.MOVED:
                    return False
                if isinstance(exc, Transient):
                    raise  # not committed; botocore already retried: try again next run
                # condition failed yet nothing moved: this machine's audit head would go back
                # (Permanent), or we raced with our own retry: try again
                audit_heads.refuse_if_behind(self.remote, tx)
        raise ConditionFailed("gave up")

    def read_back(self, tx: ApplicationTransaction) -> Verdict:
        """Read ``tx``'s items back (through the ownership gate) and judge what the remote
        holds: our transaction, the state it was planned over, or someone else's write."""
        idents = [(i.ident, i.key) for i in tx.items] + [(d.ident, d.key) for d in tx.deletes]
        found = self.remote.get_items(idents)
        ours = all(
            (got := found.get(i.ident)) is not None
            and int(got.get("version", -1)) == tx.target_version
            and got.get("content_hash") == i.content_hash
            for i in tx.items
        ) and all(found.get(d.ident) is None for d in tx.deletes)
        if ours:
            return Verdict.OURS
        unapplied = all(
            (found.get(i.ident) is None)
            if i.ident not in tx.expected
            else (found.get(i.ident) or {}).get("version") == tx.expected[i.ident]
            for i in tx.items
        ) and all(
            (found.get(d.ident) or {}).get("version") == d.expected_version for d in tx.deletes
        )
        return Verdict.UNAPPLIED if unapplied else Verdict.MOVED

    def _people_keys_taken(self, tx: ApplicationTransaction) -> set[str]:
        """Person ids of ``tx`` whose remote key already holds another application's item."""
        people = [(i.ident, i.key, i.person_id) for i in tx.items if i.person_id]
        found = self.remote.get_items([(ident, key) for ident, key, _ in people])
        return {
            person_id
            for ident, _, person_id in people
            if (got := found.get(ident)) is not None and got.get("appid") != tx.appid
        }

    def _fetch_remote(self, appid: str) -> RemoteItems | None:
        """The application's current items: the app item by key, then its people by key from
        the list it holds (written before the list: through the index)."""
        key = {"appid": appid, "zoneinfo": self.identity_id}
        app_item = self.remote.get_items([(("app", appid), key)]).get(("app", appid))
        if app_item is None:
            return None
        items: RemoteItems = [("app", app_item)]
        listed = listed_people(app_item)
        if listed is not None:
            people = fetch_listed(self.remote, self.identity_id, listed)
            if people is not None:
                return items + people
            if list_is_stale(self.remote, self.identity_id, app_item):
                raise ConditionFailed("the application's items are being written")
            log.warning("an application's list of people names items not held; using the index")
        for table in ("applicant", "coapplicant", "guarantor"):
            items += [
                (table, it)
                for it in self.remote.query_zone(table, self.identity_id)
                if it.get("appid") == appid
            ]
        return items
