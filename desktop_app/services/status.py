"""Reading the sync status, without an engine or a sign-in: the status bar and the list's sync
column, ``desktop-app status`` (its JSON is documented in docs/formats.md and docs/sync.md),
one application's receipt, what needs attention and what is in conflict. The UI and the command
line read status only through here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop_app.storage.sync_records import AppSyncState, Attention, Conflict
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync.deletion import DELETED_HERE
from desktop_app.sync.status import (
    SyncStatus,
    application_receipt,
    application_states,
    read_status,
)

__all__ = ["AppSyncState", "AttentionEntry", "LocalStatus", "StatusService", "SyncStatus"]


@dataclass(frozen=True)
class AttentionEntry:
    application_id: str
    reason: str
    #: The label of the wizard step where ``field`` is edited ("" when none is known).
    step: str
    field: str


@dataclass
class LocalStatus:
    """What ``desktop-app status`` shows: local counts and the sync state."""

    profile: str
    drafts: int
    submitted: int
    total: int
    sync: SyncStatus
    conflicted_applications: list[str]
    needs_attention: list[AttentionEntry] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``status --json`` document (key order included)."""
        return {
            "profile": self.profile,
            "applications": {
                "draft": self.drafts,
                "submitted": self.submitted,
                "total": self.total,
            },
            "pending": self.sync.pending,
            "synced": self.sync.synced,
            "conflicts": len(self.conflicted_applications),
            "conflicted_applications": self.conflicted_applications,
            "needs_attention": [
                {
                    "application_id": a.application_id,
                    "reason": a.reason,
                    "step": a.step,
                    "field": a.field,
                }
                for a in self.needs_attention
            ],
            "last_synced": self.sync.last_synced_at,
            "last_run": self.sync.last_run_at,
            "online": self.sync.online,
            "sign_in_required": self.sync.sign_in_required,
            "errors": self.sync.errors,
        }


class StatusService:
    """Status reads over one store; each call is one short local read."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def sync_status(self) -> SyncStatus:
        return read_status(self.store)

    def application_states(self) -> dict[str, AppSyncState]:
        """Application id -> sync state, for the list's sync column."""
        return application_states(self.store)

    def receipt(self, app_id: str) -> dict[str, Any]:
        return application_receipt(self.store, app_id)

    def needs_attention(self) -> list[Attention]:
        with sync_uow(self.store) as uow:
            return uow.sync.attention()

    def conflicts(self, app_id: str) -> list[Conflict]:
        with sync_uow(self.store) as uow:
            return uow.sync.conflicts(app_id)

    def deleted_here_conflicts(self) -> list[str]:
        """Applications deleted here that another machine changed since: they have no row in
        the list, so the agent is asked about them directly."""
        with sync_uow(self.store) as uow:
            return sorted({c.application_id for c in uow.sync.conflicts() if c.path == DELETED_HERE})

    def local_status(self, profile: str) -> LocalStatus:
        with self.store.uow() as uow:
            counts = uow.applications.counts()
        sync = read_status(self.store)
        with sync_uow(self.store) as uow:
            attention = uow.sync.attention()
            conflicted = sorted(uow.sync.conflicted_ids())
        return LocalStatus(
            profile=profile,
            drafts=counts.get("draft", 0),
            submitted=counts.get("submitted", 0),
            total=sum(counts.values()),
            sync=sync,
            conflicted_applications=conflicted,
            needs_attention=[
                AttentionEntry(a.application_id, a.reason, a.step, a.field) for a in attention
            ],
        )
