"""An application deleted on the remote (by the agent's other machine): applied here when this
machine has nothing unsynced of it, otherwise recorded as one conflict over the whole
application ("deleted there, changed here") for the agent to resolve — keep this machine's
copy (re-created on the remote at the next sync) or accept the deletion.

Every function works inside the caller's unit of work (one local transaction)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from desktop_app.domain.models import Application
from desktop_app.storage.repository import NotFound
from desktop_app.storage.sync_records import AppSyncState, Receipt, StateUpdate

#: The conflict path of "deleted on the other machine, changed here".
WHOLE_APPLICATION = "@application"
#: The conflict path of "deleted here, changed on the other machine since".
DELETED_HERE = "@deleted-here"


class RemoteDeletion(StrEnum):
    """What applying a remote deletion here did."""

    APPLIED = "deleted"
    CONFLICT = "conflict"
    NOTHING = "nothing"


APPLIED, CONFLICT, NOTHING = RemoteDeletion.APPLIED, RemoteDeletion.CONFLICT, RemoteDeletion.NOTHING


def _local_side(app: Application) -> dict[str, Any]:
    """What the conflict shows of this machine's copy (sealed at rest like every conflict)."""
    p = app.primary_applicant
    return {"first_name": p.first_name, "last_name": p.last_name, "status": app.status.value}


def apply_remote_deletion(uow: Any, app_id: str) -> RemoteDeletion:
    """The remote no longer holds ``app_id`` (confirmed by a consistent read): delete it here
    when nothing of it is unsynced, else record the conflict. Returns APPLIED, CONFLICT or
    NOTHING (no longer here: only the sync state is dropped)."""
    state = uow.sync.state(app_id)
    if uow.sync.tombstone_revision(app_id) is not None:
        forget_local(uow, app_id)
        return APPLIED
    try:
        app, revision = uow.applications.get(app_id)
    except NotFound:
        uow.sync.forget(app_id)
        return NOTHING
    unsynced = (
        state is None
        or state.synced_revision != revision
        or uow.sync.pending_revision(app_id) is not None
    )
    # A submitted application is never deleted by LeaseDesk: gone from the remote, it is the
    # agent's call too.
    if unsynced or app.is_read_only:
        uow.sync.add_conflicts(
            app_id,
            state.remote_version if state else 0,
            [(WHOLE_APPLICATION, None, _local_side(app), None)],
        )
        uow.sync.put_state(StateUpdate(app_id, state=AppSyncState.CONFLICT))
        return CONFLICT
    uow.applications.mark_deleted(app_id)
    forget_local(uow, app_id)
    return APPLIED


def forget_local(uow: Any, app_id: str) -> None:
    """The application is deleted here and gone there: nothing of it is left to sync."""
    revision = uow.sync.tombstone_revision(app_id)
    if revision is not None:
        uow.outbox.acknowledge(app_id, revision)
    uow.sync.forget(app_id)


def keep_local(uow: Any, app_id: str) -> None:
    """Resolve "deleted there" with this machine's copy: the next push creates the items anew
    (as for an application never synced), and queues it with a new revision."""
    app, revision = uow.applications.get(app_id)
    uow.applications.save(app, expected_revision=revision)
    uow.sync.clear_conflicts(app_id)
    uow.sync.replace_receipts(app_id, [])
    uow.sync.put_state(
        StateUpdate(
            app_id, remote_version=0, synced_revision=0, snapshot=None, state=AppSyncState.PENDING
        )
    )


def record_deleted_here(
    uow: Any,
    app_id: str,
    remote_side: dict[str, Any],
    remote_version: int,
    receipts: list[Receipt],
) -> None:
    """This machine's deletion met a remote that moved on (another machine changed the
    application after this one last synced it): nothing is deleted there, the agent decides.
    The receipts become the remote's current items, so keeping the deletion deletes exactly
    what the remote holds now, over its versions."""
    uow.sync.add_conflicts(app_id, remote_version, [(DELETED_HERE, None, None, remote_side)])
    uow.sync.replace_receipts(app_id, receipts)
    uow.sync.put_state(
        StateUpdate(app_id, remote_version=remote_version, state=AppSyncState.CONFLICT)
    )


def keep_deletion(uow: Any, app_id: str) -> None:
    """Resolve "deleted here, changed there" by deleting it there too: the tombstone is still
    queued and its push now goes over the versions the remote holds."""
    uow.sync.clear_conflicts(app_id)
    uow.sync.put_state(StateUpdate(app_id, state=AppSyncState.PENDING))


def restore_remote(uow: Any, app_id: str) -> None:
    """Resolve "deleted here, changed there" with the other machine's copy: the local deletion
    is dropped and the next pull brings the application back as new."""
    uow.sync.drop_tombstone(app_id)
    uow.outbox.drop(app_id)
    uow.sync.forget(app_id)


def remote_side(app: Application) -> dict[str, Any]:
    """What the "deleted here" conflict shows of the remote copy."""
    return _local_side(app)


def accept_deletion(uow: Any, app_id: str) -> None:
    """Resolve "deleted there" by deleting it here too."""
    if uow.sync.tombstone_revision(app_id) is None:
        uow.applications.mark_deleted(app_id)
    forget_local(uow, app_id)
