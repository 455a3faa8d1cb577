"""The sync engine: one run pushes the outbox (``queue.py`` drains it through a
``pusher.py`` :class:`Pusher`, each worker packing its batch of applications into shared
transactions: ``pack_sender.py``) and then pulls
(``pull.py``), and keeps the run's bookkeeping (failures in a row, last run, last errors).

Callers hand their callbacks in — at construction, or for one run (``run_once``'s
``on_changed``/``on_progress``) — and never patch the engine's parts."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync.errors import CredentialsExpired, Offline, SyncFailure
from desktop_app.sync.local_side import Confirmation, Loaded, LocalSide
from desktop_app.sync.mapping import ItemTransform
from desktop_app.sync.outcome import AppOutcome, Result, SyncReport
from desktop_app.sync.ownership import OwnedRemote
from desktop_app.sync.pack_sender import push_batch
from desktop_app.sync.packing import PACK_APPLICATIONS
from desktop_app.sync.pull import Puller
from desktop_app.sync.pusher import Pusher, PushResult
from desktop_app.sync.queue import drain
from desktop_app.sync.remote_store import RemoteStore

DEFAULT_CONCURRENCY = 8
#: Runs in a row an application may end in "retry later" before it needs attention.
FAILED_RUNS_FOR_ATTENTION = 3
#: The revision recorded with such an entry: none is 0, so it never blocks the next run.
RETRIED_EVERY_RUN = 0

__all__ = ["DEFAULT_CONCURRENCY", "Loaded", "SyncEngine", "utc_now_iso"]


def utc_now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _no_step(_path: str) -> str:
    return ""


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
        step_label: Callable[[str], str] = _no_step,
        pack: int = PACK_APPLICATIONS,
    ) -> None:
        """``step_label``: the label of the wizard step that edits a field path, for needs-
        attention entries (the services layer passes the wizard's; sync knows no wizard).
        ``pack``: applications a worker may send in one transaction (1: one each)."""
        self.store = store
        # Every read goes through the ownership gate (foreign items are refused).
        self.remote = (
            remote if isinstance(remote, OwnedRemote) else OwnedRemote(remote, identity_id)
        )
        self.identity_id = identity_id
        self.concurrency = max(1, concurrency)
        self.pack = max(1, pack)
        self.now = now
        self.sleep = sleep
        self.transform = transform
        self.on_progress = on_progress or (lambda done, total: None)
        self._on_changed = on_changed or (lambda _id: None)
        #: The current run's own callbacks (``run_once``'s), beside the engine's.
        self._run_changed: Callable[[str], None] | None = None
        #: A fingerprint of the account and settings the engine runs with: when it differs
        #: from the last run's, what needed attention is retried.
        self.context = context
        self.local = LocalSide(store, identity_id, now, self._changed)
        self._stop = threading.Event()  # set when the network (or the sign-in) is gone
        self.pusher = Pusher(
            self.remote,
            self.local,
            identity_id,
            stop=self._stop,
            now=now,
            sleep=sleep,
            transform=transform,
            cancel_retries=cancel_retries,
            max_rounds=max_rounds,
            step_label=step_label,
        )

    def _changed(self, app_id: str) -> None:
        self._on_changed(app_id)
        if self._run_changed is not None:
            self._run_changed(app_id)

    # -- a whole run -------------------------------------------------------------------------
    def run_once(
        self,
        *,
        pull: bool = True,
        retry_attention: bool = False,
        on_changed: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> SyncReport:
        """One push and pull. ``retry_attention``: also push the applications waiting in
        "needs attention" at an unchanged revision (their cause may be fixed); they are retried
        anyway when the engine's ``context`` (account and settings) differs from the last run's.
        ``on_changed``/``on_progress``: this run's callbacks, called besides the engine's."""
        self._run_changed = on_changed
        try:
            return self._run(pull, retry_attention, on_progress)
        finally:
            self._run_changed = None

    def _run(
        self,
        pull: bool,
        retry_attention: bool,
        on_progress: Callable[[int, int], None] | None,
    ) -> SyncReport:
        report = SyncReport()
        self._stop.clear()
        self.remote.take_refused()
        with sync_uow(self.store) as uow:
            context_changed = uow.sync.meta("context") != self.context
        ids, report.retried = self._pending(retry_attention or context_changed)
        report.outcomes = self._drain(ids, on_progress)
        self._track_failures(report)
        results = {o.result for o in report.outcomes}
        report.online = Result.OFFLINE not in results
        report.sign_in_required = Result.SIGN_IN_REQUIRED in results
        if pull and not self._stop.is_set():
            try:
                self.pull(report)
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
        return self._drain(self.pending_ids(retry_attention=retry_attention), None)

    def push_one(self, app_id: str, loaded: Loaded | None = None) -> PushResult:
        """Push one application; the confirmation is for the caller to record."""
        return self.pusher.push_one(app_id, loaded)

    def load(self, ids: list[str]) -> dict[str, Loaded]:
        """What pushing ``ids`` needs from the store, in one read."""
        return self.local.load(ids)

    def pull(self, report: SyncReport) -> None:
        """Bring down what the remote holds newer than this machine (into ``report``)."""
        Puller(self.remote, self.local, self.identity_id, self.transform, now=self.now).pull(report)

    def _drain(
        self, ids: list[str], on_progress: Callable[[int, int], None] | None
    ) -> list[AppOutcome]:
        engine_progress = self.on_progress

        def progress(done: int, total: int) -> None:
            engine_progress(done, total)
            if on_progress is not None:
                on_progress(done, total)

        def confirm(confirmations: list[Confirmation]) -> None:
            self.local.confirm(confirmations)

        return drain(
            ids,
            load=self.load,
            push=self.pusher.push_one,
            confirm=confirm,
            on_progress=progress,
            stop=self._stop,
            concurrency=self.concurrency,
            push_many=lambda batch: push_batch(self.pusher, batch),
            pack=self.pack,
        )

    # -- bookkeeping ---------------------------------------------------------------------
    def _track_failures(self, report: SyncReport) -> None:
        """Count the runs in a row each application ends in "retry later"; at
        FAILED_RUNS_FOR_ATTENTION it is listed in needs attention with its reason (and still
        tried every run: its cause may be passing)."""
        touched = [
            o for o in report.outcomes if o.result not in (Result.OFFLINE, Result.SIGN_IN_REQUIRED)
        ]
        if not touched:
            return
        with sync_uow(self.store) as uow:
            failing: dict[str, int] = dict(uow.sync.meta("failing_runs", {}) or {})
            attention: list[tuple[str, str]] = []
            for i, o in enumerate(report.outcomes):
                if o.result in (Result.OFFLINE, Result.SIGN_IN_REQUIRED):
                    continue
                if o.result is not Result.RETRY_LATER:
                    failing.pop(o.application_id, None)
                    continue
                runs = failing[o.application_id] = failing.get(o.application_id, 0) + 1
                if runs >= FAILED_RUNS_FOR_ATTENTION:
                    reason = f"Not synced after {runs} tries in a row ({o.message})."
                    attention.append((o.application_id, reason))
                    report.outcomes[i] = AppOutcome(
                        o.application_id, Result.NEEDS_ATTENTION, reason
                    )
            uow.sync.set_meta("failing_runs", failing)
            for app_id, reason in attention:
                self.local.list_attention(uow, app_id, RETRIED_EVERY_RUN, reason, "", "")
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
                o.result in (Result.RETRY_LATER, Result.NEEDS_ATTENTION) for o in report.outcomes
            )
            if report.online and not report.sign_in_required and not incomplete:
                uow.sync.set_meta("last_synced_at", ts)
            errors = [
                f"{o.application_id}: {o.message}"
                for o in report.outcomes
                if o.result in (Result.RETRY_LATER, Result.NEEDS_ATTENTION)
            ]
            uow.sync.set_meta("last_errors", (errors + report.errors + report.refused)[:20])
            uow.commit()
