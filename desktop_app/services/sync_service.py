"""Sync use cases for the UI and the CLI: run a sync, read the status and receipts, list what
needs attention, and resolve conflicts field by field. Qt-free; the status bar and the conflict
dialog call these from the network/database workers.

The engine is handed this service's callbacks for each run (what changed locally, progress);
nothing of it is patched."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Any

from desktop_app.remote.tables import TableNames
from desktop_app.services import metrics
from desktop_app.services.audit import AuditTrail
from desktop_app.services.metered_remote import MeteredRemote
from desktop_app.services.status import StatusService, SyncStatus
from desktop_app.storage.sync_records import AppSyncState, Attention, Conflict, StateUpdate
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync.deletion import (
    DELETED_HERE,
    WHOLE_APPLICATION,
    accept_deletion,
    keep_deletion,
    keep_local,
    restore_remote,
)
from desktop_app.sync.engine import DEFAULT_CONCURRENCY, SyncEngine
from desktop_app.sync.merge import app_doc, doc_to_application, order_of, resolve
from desktop_app.sync.outcome import Result, SyncReport
from desktop_app.sync.remote_store import Boto3RemoteStore, default_client_config
from desktop_app.wizard.steps import step_for_field

LOCAL, REMOTE = "local", "remote"
#: A conflict's third answer: the value the agent typed (``resolve(..., merged={path: value})``).
MERGED = "merged"


def build_engine(
    store: Any,
    session_factory: Any,
    config: Any,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    **kw: Any,
) -> SyncEngine:
    """The engine for the signed-in account: a DynamoDB client from the accounts layer's
    ``AwsSessionFactory`` (renewing credentials), botocore's standard retry mode."""
    client = session_factory.client("dynamodb", config=default_client_config(concurrency))
    tables = TableNames.with_affixes(config.table_prefix, config.table_suffix)
    remote = MeteredRemote(Boto3RemoteStore(client, tables))
    kw.setdefault("context", settings_context(session_factory.identity_id, config))
    kw.setdefault("step_label", step_for_field)
    if "transform" not in kw:  # PII encrypted with KMS before it leaves (docs/architecture.md, "Remote schema and key rules")
        from desktop_app.services.remote_protection import field_crypto_for

        kw["transform"] = field_crypto_for(store, session_factory, config, remote)
    return SyncEngine(store, remote, session_factory.identity_id, concurrency=concurrency, **kw)


def settings_context(identity_id: str, config: Any) -> str:
    """A fingerprint of the account and the settings a sync runs with (no values kept): when
    it changes, what needed attention is retried."""
    dump = getattr(config, "model_dump_json", None)
    text = dump() if callable(dump) else repr(sorted(vars(config).items()))
    return hashlib.sha256(f"{identity_id}\n{text}".encode()).hexdigest()[:32]


def _counted(report: SyncReport) -> SyncReport:
    """Count the run in the metrics: its kind (a delta pull or a full reconciliation) and
    outcome."""
    if report.sign_in_required:
        outcome = "sign_in_required"
    elif not report.online:
        outcome = "offline"
    elif report.count(Result.CONFLICT):
        outcome = "conflicts"
    elif report.failed:
        outcome = "needs_attention" if report.count(Result.NEEDS_ATTENTION) else "error"
    else:
        outcome = "ok"
    kind = "full" if report.reconciled else "delta"
    metrics.count(metrics.SYNC_RUNS, kind=kind, outcome=outcome)
    return report


class SyncService:
    def __init__(
        self,
        store: Any,
        engine_factory: Callable[[], SyncEngine] | None,
        *,
        autosave: Any = None,
        retry_at_start: bool = True,
        request_sync: Callable[[str], None] | None = None,
    ) -> None:
        """``retry_at_start``: the first sync retries what needs attention (the app started,
        or this service was built for a new sign-in or new settings). ``request_sync(reason)``
        asks whoever runs this service (its scheduler, ``bootstrap.scheduled_sync``) for a run
        soon: after a conflict is resolved or a retry is asked for."""
        self.store = store
        self.statuses = StatusService(store)
        self._retry_attention = retry_at_start
        self._engine_factory = engine_factory
        self._engine: SyncEngine | None = None
        self.autosave = autosave
        #: Syncs and conflict choices are recorded in the application's audit trail.
        self.audit: AuditTrail = getattr(autosave, "audit", None) or AuditTrail(store)
        self.progress: tuple[int, int] | None = None
        self._changed_ids: set[str] = set()
        self._changed_lock = threading.Lock()
        self._request_sync = request_sync or (lambda _reason: None)

    def _changed(self, app_id: str) -> None:
        if self.autosave is not None:
            self.autosave.forget(app_id)
        with self._changed_lock:
            self._changed_ids.add(app_id)

    def take_changed(self) -> set[str]:
        """Applications the sync changed locally (pulled, merged, resolved) since last asked:
        for the UI to refresh what shows them."""
        with self._changed_lock:
            out, self._changed_ids = self._changed_ids, set()
        return out

    def _progress(self, done: int, total: int) -> None:
        self.progress = (done, total)

    def engine(self) -> SyncEngine | None:
        if self._engine is None and self._engine_factory is not None:
            self._engine = self._engine_factory()
        return self._engine

    def sync_once(self) -> SyncReport:
        try:
            engine = self.engine()
        except Exception as exc:  # noqa: BLE001 — e.g. SignInRequired from the accounts layer
            report = SyncReport(sign_in_required=True)
            report.errors.append(str(exc))
            return _counted(report)
        if engine is None:
            report = SyncReport(online=False)
            report.errors.append("No sync backend is configured; working offline.")
            return report
        retry, self._retry_attention = self._retry_attention, False
        try:
            return self._audited(_counted(
                engine.run_once(
                    retry_attention=retry, on_changed=self._changed, on_progress=self._progress
                )
            ))
        except BaseException:
            self._retry_attention = self._retry_attention or retry
            metrics.count(metrics.SYNC_RUNS, kind="sync", outcome="error")
            raise
        finally:
            self.progress = None

    def _audited(self, report: SyncReport) -> SyncReport:
        """Record each application the run put on the server, with the version it holds, and
        the start of the trail of each one it brought down."""
        self.audit.record_created(report.new_on_pull, "pull")
        done = [o.application_id for o in report.outcomes
                if o.result in (Result.SYNCED, Result.MERGED)]
        if done:
            with sync_uow(self.store) as uow:
                versions = {a: getattr(uow.sync.state(a), "remote_version", 0) for a in done}
            for app_id, version in versions.items():
                self.audit.record(app_id, "synced", version=version)
        return report

    def retry_attention(self) -> None:
        """Retry what needs attention at the next sync (the agent asked; or a cause, such as
        a setting, may have been fixed), and ask for that sync now."""
        self._retry_attention = True
        self._request_sync("retry needs attention")

    # -- reading ---------------------------------------------------------------------------
    def status(self) -> SyncStatus:
        status = self.statuses.sync_status()
        status.progress = self.progress
        return status

    def application_states(self) -> dict[str, AppSyncState]:
        return self.statuses.application_states()

    def receipt(self, app_id: str) -> dict[str, Any]:
        return self.statuses.receipt(app_id)

    def needs_attention(self) -> list[Attention]:
        return self.statuses.needs_attention()

    def conflicts(self, app_id: str) -> list[Conflict]:
        return self.statuses.conflicts(app_id)

    def deleted_here_conflicts(self) -> list[str]:
        return self.statuses.deleted_here_conflicts()

    # -- resolving conflicts ---------------------------------------------------------------
    def resolve(
        self, app_id: str, choices: dict[str, str], merged: dict[str, Any] | None = None
    ) -> int:
        """Apply the agent's choice (``"local"``, ``"remote"`` or ``"merged"``, the value in
        ``merged``) per conflicting field path; returns how many conflicts remain. When none
        remain the application is pushed at the next sync, over the remote version the
        conflicts were found against. A merged value the field refuses raises
        ``InvalidValue`` naming the field; nothing is saved then."""
        remaining = self._resolve(app_id, choices, merged or {})
        sides = {p: c for p, c in choices.items() if c in (LOCAL, REMOTE, MERGED)}
        if sides:
            self.audit.record(app_id, "conflict_resolved", sides=sides)
        return remaining

    def _resolve(self, app_id: str, choices: dict[str, str], merged: dict[str, Any]) -> int:
        with sync_uow(self.store) as uow:
            open_conflicts = uow.sync.conflicts(app_id)
            here = next((c for c in open_conflicts if c.path == DELETED_HERE), None)
            if here is not None and choices.get(here.path) in (LOCAL, REMOTE):
                # "local" keeps this machine's deletion; "remote" restores the other's copy.
                if choices[here.path] == LOCAL:
                    keep_deletion(uow, app_id)
                else:
                    restore_remote(uow, app_id)
                uow.commit()
                self._changed(app_id)
                self._request_sync("conflict resolved")
                return 0
            whole = next((c for c in open_conflicts if c.path == WHOLE_APPLICATION), None)
            if whole is not None and choices.get(whole.path) in (LOCAL, REMOTE):
                if choices[whole.path] == LOCAL:
                    keep_local(uow, app_id)
                else:
                    accept_deletion(uow, app_id)
                uow.commit()
                self._changed(app_id)
                if choices[whole.path] == LOCAL:
                    self._request_sync("conflict resolved")
                return 0
            app, revision = uow.applications.get(app_id)
            doc = app_doc(app)
            order = order_of(doc)
            done: list[int] = []
            for c in open_conflicts:
                choice = choices.get(c.path)
                if choice == MERGED and c.path in merged:
                    value = merged[c.path]
                elif choice in (LOCAL, REMOTE):
                    value = c.local if choice == LOCAL else c.remote
                else:
                    continue
                doc = resolve(doc, c.path, value, order)
                done.append(c.id)
            remaining = len(open_conflicts) - len(done)
            try:
                resolved = doc_to_application(doc, app)
            except ValueError as exc:  # a typed value the field refuses
                raise _refused(exc, [p for p, c in choices.items() if c == MERGED]) from None
            if done:
                # Saving always queues a push (a new outbox row), even when "local" won.
                uow.applications.save(resolved, expected_revision=revision)
                uow.sync.remove_conflicts(done)
            if remaining == 0:
                uow.sync.put_state(StateUpdate(app_id, state=AppSyncState.PENDING))
            uow.commit()
        self._changed(app_id)
        if remaining == 0:
            self._request_sync("conflict resolved")
        return remaining


def _refused(exc: ValueError, paths: list[str]) -> Exception:
    from desktop_app.domain.errors import FieldError
    from desktop_app.services.errors import InvalidValue

    errors = getattr(exc, "errors", None)
    reason = "this value is not valid here"
    if callable(errors):
        first = next(iter(errors()), None)
        if isinstance(first, dict) and first.get("msg"):
            reason = str(first["msg"])
    return InvalidValue(FieldError(paths[0] if paths else "", reason))
