"""The engine's writes to the local store: recording a confirmed push, adopting the remote's
copy, and merging when both sides changed. Each is one local transaction, so a crash leaves
either the old state or the new, and the outbox always says what is still to push."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

from desktop_app.domain.ids import new_id
from desktop_app.domain.models import Application
from desktop_app.storage.sync_records import UNSET, AppSyncState, Receipt, StateUpdate, SyncState
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync import deletion
from desktop_app.sync.keys import appid_for
from desktop_app.sync.merge import (
    MergeResult,
    app_doc,
    doc_to_application,
    snapshot_of,
    three_way,
)
from desktop_app.sync.receipts import receipts_for_items, receipts_for_transaction
from desktop_app.sync.transaction import ApplicationTransaction

RemoteItems = list[tuple[str, dict[str, Any]]]


class ConfirmationKind(StrEnum):
    PUSHED = "pushed"  # the remote holds the transaction's items
    UNCHANGED = "unchanged"  # nothing needed pushing: only the revision is acknowledged
    DELETED = "deleted"  # the remote no longer holds the application


PUSHED = ConfirmationKind.PUSHED
UNCHANGED = ConfirmationKind.UNCHANGED
DELETED = ConfirmationKind.DELETED


class Loaded(NamedTuple):
    """What pushing one application needs from the store."""

    state: SyncState | None
    receipts: list[Receipt]
    app: Application | None
    revision: int | None  # of the application, or of its tombstone


@dataclass(frozen=True)
class Confirmation:
    """A push the remote confirmed (or found unneeded), to record locally."""

    kind: ConfirmationKind
    app_id: str
    revision: int
    tx: ApplicationTransaction | None = None
    app: Application | None = None


def remote_version(items: RemoteItems) -> int:
    return next(int(i.get("version", 0)) for t, i in items if t == "app")


class LocalSide:
    def __init__(
        self,
        store: Any,
        identity_id: str,
        now: Callable[[], str],
        on_changed: Callable[[str], None] | None = None,
    ) -> None:
        self.store = store
        self.identity_id = identity_id
        self.now = now
        self.on_changed = on_changed or (lambda _id: None)

    def load(self, ids: list[str]) -> dict[str, Loaded]:
        """What pushing ``ids`` needs from the store, in one read."""
        with sync_uow(self.store) as uow:
            rows = uow.sync.load_many(ids, uow.codec)
        return {app_id: Loaded(*row) for app_id, row in rows.items()}

    def needs_attention(
        self, app_id: str, revision: int | None, reason: str, step: str, field: str
    ) -> None:
        """List the application in needs attention (at ``revision``; None: its current one)."""
        with sync_uow(self.store) as uow:
            self.list_attention(uow, app_id, revision, reason, step, field)
            uow.commit()

    def list_attention(
        self, uow: Any, app_id: str, revision: int | None, reason: str, step: str, field: str
    ) -> None:
        """:meth:`needs_attention` inside the caller's unit of work."""
        if revision is None:
            revision = uow.sync.local_revision(app_id) or 0
        uow.sync.set_attention(app_id, revision, reason, step, field)
        uow.sync.put_state(
            StateUpdate(
                app_id,
                appid=appid_for(self.identity_id, app_id),
                state=AppSyncState.NEEDS_ATTENTION,
            )
        )

    def confirm(self, confirmations: list[Confirmation]) -> None:
        """Record what the remote confirmed, for many applications in one local transaction
        (one fsync, not one per application). If the process dies before this commits, the
        outbox still lists them: the next run's transaction fails its conditions, the read-back
        finds our own write, and it is confirmed then."""
        if not confirmations:
            return
        ts = self.now()
        acknowledged = [(c.app_id, c.revision) for c in confirmations]
        receipts: dict[str, list[Receipt]] = {}
        states: list[StateUpdate] = []
        for c in confirmations:
            if c.kind is ConfirmationKind.UNCHANGED:
                states.append(
                    StateUpdate(
                        c.app_id,
                        appid=appid_for(self.identity_id, c.app_id),
                        synced_revision=c.revision,
                        state=AppSyncState.SYNCED,
                    )
                )
                continue
            pushed = c.kind is ConfirmationKind.PUSHED
            assert c.tx is not None
            receipts[c.app_id] = receipts_for_transaction(c.tx, ts) if pushed else []
            states.append(
                StateUpdate(
                    c.app_id,
                    appid=appid_for(self.identity_id, c.app_id),
                    remote_version=c.tx.target_version if pushed else 0,
                    synced_revision=c.revision,
                    snapshot=snapshot_of(c.app) if pushed and c.app is not None else None,
                    state=AppSyncState.SYNCED,
                    last_synced_at=ts,
                )
            )
        with sync_uow(self.store) as uow:
            uow.outbox.acknowledge_many(acknowledged)
            uow.sync.confirm_many(acknowledged, receipts, states)
            uow.commit()

    def adopt_remote(
        self, remote_app: Application, items: RemoteItems, expected_revision: int | None
    ) -> None:
        """Make the local copy the remote's (missing locally, or no unsynced local changes)."""
        ts = self.now()
        with sync_uow(self.store) as uow:
            if expected_revision is None:
                uow.sync.drop_tombstone(remote_app.id)
                uow.outbox.drop(remote_app.id)
                revision = uow.applications.add(remote_app)
            else:
                revision = uow.applications.save(remote_app, expected_revision=expected_revision)
            uow.outbox.acknowledge(remote_app.id, revision)
            self._remote_state(uow, remote_app, items, ts, revision, AppSyncState.SYNCED)
            uow.commit()
        self.on_changed(remote_app.id)

    def merge_remote(
        self,
        local_app: Application,
        local_revision: int,
        base_doc: dict[str, Any],
        remote_app: Application,
        items: RemoteItems,
    ) -> MergeResult:
        """Both sides changed since the last sync: keep both. Non-overlapping changes merge into
        the local copy (which stays pending, to be pushed over the remote's version); overlapping
        ones are recorded as conflicts and the application waits for the agent."""
        result = three_way(base_doc, app_doc(local_app), app_doc(remote_app))
        merged = doc_to_application(result.merged, local_app)
        ts = self.now()
        with sync_uow(self.store) as uow:
            if app_doc(merged) != app_doc(local_app):
                uow.applications.save(merged, expected_revision=local_revision)
            state = AppSyncState.CONFLICT if result.conflicts else AppSyncState.PENDING
            self._remote_state(uow, remote_app, items, ts, None, state)
            uow.sync.add_conflicts(
                local_app.id,
                remote_version(items),
                [(c.path, c.base, c.local, c.remote) for c in result.conflicts],
            )
            uow.commit()
        self.on_changed(local_app.id)
        return result

    def rekey_people(self, app_id: str, revision: int, person_ids: set[str]) -> None:
        """Give the people ``person_ids`` of a never-synced application new ids (and the
        documents and signatures that point at them): their remote keys are taken by another
        application's people. Saved as a new revision, so it is pushed with the new keys."""
        with sync_uow(self.store) as uow:
            app, current = uow.applications.get(app_id)
            if current != revision:
                return  # edited meanwhile: the next round reads it again
            renamed = {pid: new_id() for pid in person_ids}
            copy = app.model_copy(deep=True)
            for _, person in copy.people():
                person.id = renamed.get(person.id, person.id)
            for doc in copy.documents:
                doc.person_id = renamed.get(doc.person_id, doc.person_id)
            for sig in copy.signatures:
                sig.person_id = renamed.get(sig.person_id, sig.person_id)
            uow.applications.save(copy, expected_revision=revision)
            uow.commit()
        self.on_changed(app_id)

    def remote_deleted(self, app_id: str) -> deletion.RemoteDeletion:
        """The remote no longer holds the application (confirmed): delete it here, or record
        the "deleted there, changed here" conflict (``sync/deletion.py``)."""
        with sync_uow(self.store) as uow:
            result = deletion.apply_remote_deletion(uow, app_id)
            uow.commit()
        self.on_changed(app_id)
        return result

    def deleted_here_changed_there(
        self, app_id: str, remote_app: Application, items: RemoteItems
    ) -> None:
        """Record the "deleted here, changed there" conflict (``sync/deletion.py``)."""
        with sync_uow(self.store) as uow:
            deletion.record_deleted_here(
                uow,
                app_id,
                deletion.remote_side(remote_app),
                remote_version(items),
                receipts_for_items(items, self.now(), self.identity_id),
            )
            uow.commit()
        self.on_changed(app_id)

    def _remote_state(
        self,
        uow: Any,
        remote_app: Application,
        items: RemoteItems,
        ts: str,
        synced_revision: int | None,
        state: AppSyncState,
    ) -> None:
        """The remote's copy becomes the base of the next merge; its items the receipts."""
        if synced_revision is None and uow.sync.state(remote_app.id) is None:
            synced_revision = 0
        uow.sync.put_state(
            StateUpdate(
                remote_app.id,
                appid=appid_for(self.identity_id, remote_app.id),
                remote_version=remote_version(items),
                snapshot=snapshot_of(remote_app),
                state=state,
                last_synced_at=ts,
                synced_revision=UNSET if synced_revision is None else synced_revision,
            )
        )
        uow.sync.replace_receipts(remote_app.id, receipts_for_items(items, ts, self.identity_id))
