"""The global sync status (status bar, ``status --json``) and one application's receipt."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from desktop_app.storage.sync_records import AppSyncState
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync.receipts import receipt_summary


@dataclass
class SyncStatus:
    online: bool | None  # None: no sync has run yet
    pending: int  # applications with changes not yet on the remote
    synced: int
    conflicts: int  # applications waiting for the agent to choose
    needs_attention: int
    last_synced_at: str | None
    last_run_at: str | None
    sign_in_required: bool = False
    errors: list[str] = field(default_factory=list)
    #: (done, total) while a sync runs
    progress: tuple[int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["progress"] = None if self.progress is None else list(self.progress)
        return out

    def line(self) -> str:
        """One line for the status bar."""
        if self.progress is not None:
            done, total = self.progress
            return f"Syncing {done}/{total}…"
        parts = [
            "Online" if self.online else "Offline" if self.online is False else "Not synced yet"
        ]
        if self.sign_in_required:
            parts.append("sign in to sync")
        parts.append(f"{self.pending} pending")
        if self.conflicts:
            parts.append(f"{self.conflicts} conflict{'s' if self.conflicts != 1 else ''}")
        if self.needs_attention:
            parts.append(f"{self.needs_attention} need attention")
        if self.last_synced_at:
            parts.append(f"last synced {self.last_synced_at[:16].replace('T', ' ')} UTC")
        return " · ".join(parts)


def read_status(store: Any) -> SyncStatus:
    with sync_uow(store) as uow:
        conflicted = uow.sync.conflicted_ids()
        attention = uow.sync.attention()
        pending = uow.outbox.pending()
        states = uow.sync.states()
        return SyncStatus(
            online=uow.sync.meta("online"),
            pending=len(pending),
            synced=sum(
                1 for a, s in states.items() if s.state is AppSyncState.SYNCED and a not in pending
            ),
            conflicts=len(conflicted),
            needs_attention=len(attention),
            last_synced_at=uow.sync.meta("last_synced_at"),
            last_run_at=uow.sync.meta("last_run_at"),
            sign_in_required=bool(uow.sync.meta("sign_in_required", False)),
            errors=list(uow.sync.meta("last_errors", []) or []),
        )


def application_receipt(store: Any, app_id: str) -> dict[str, Any]:
    """Per table: the version the server confirmed and when; plus the state and any reason."""
    with sync_uow(store) as uow:
        state = uow.sync.state(app_id)
        attention = uow.sync.attention_for(app_id)
        conflicts = uow.sync.conflicts(app_id)
        receipts = uow.sync.receipts(app_id)
    return {
        "state": state.state if state else AppSyncState.NEVER_SYNCED,
        "remote_version": state.remote_version if state else 0,
        "last_synced_at": state.last_synced_at if state else None,
        "tables": receipt_summary(receipts),
        "needs_attention": None
        if attention is None
        else {"reason": attention.reason, "step": attention.step, "field": attention.field},
        "conflicts": [c.path for c in conflicts],
    }


def application_states(store: Any) -> dict[str, AppSyncState]:
    """Application id -> its sync state for the list's sync column (a conflict first, then
    needs attention, then waiting to sync, else synced); applications never synced and not
    waiting are not listed."""
    with sync_uow(store) as uow:
        pending = uow.outbox.pending()
        states = uow.sync.states()
        conflicted = uow.sync.conflicted_ids()
        attention = {a.application_id for a in uow.sync.attention()}
    out: dict[str, AppSyncState] = {}
    for app_id in set(states) | set(pending):
        if app_id in conflicted:
            out[app_id] = AppSyncState.CONFLICT
        elif app_id in attention:
            out[app_id] = AppSyncState.NEEDS_ATTENTION
        elif app_id in pending:
            out[app_id] = AppSyncState.PENDING
        else:
            out[app_id] = AppSyncState.SYNCED
    return out
