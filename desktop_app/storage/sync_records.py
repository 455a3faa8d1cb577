"""The records the sync engine keeps per application (state, receipts, needs-attention
entries, conflicts) and the typed update of a state row; ``sync_repository.py`` reads and
writes them."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any, TypeAlias

from desktop_app.domain.models import Application


class AppSyncState(StrEnum):
    """One application's sync state, as stored in ``sync_state.state`` (the values are the
    column's, byte for byte)."""

    SYNCED = "synced"
    PENDING = "pending"
    CONFLICT = "conflict"
    NEEDS_ATTENTION = "needs_attention"
    #: Not stored: what a receipt says of an application with no state row.
    NEVER_SYNCED = "never_synced"


def state_of(value: str) -> AppSyncState:
    """The stored state as an :class:`AppSyncState`; a value this version does not know (a
    newer version wrote it) is kept as it is rather than failing every read of the table."""
    try:
        return AppSyncState(value)
    except ValueError:
        return value  # type: ignore[return-value]


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: A :class:`StateUpdate` field left as it is (a new row takes the column's default).
UNSET: Any = _Unset()


@dataclass(frozen=True)
class StateUpdate:
    """The columns of one application's state row to write; ``UNSET`` ones are left alone."""

    application_id: str
    appid: str = UNSET
    remote_version: int = UNSET
    synced_revision: int = UNSET
    snapshot: str | None = UNSET
    state: AppSyncState = UNSET
    last_synced_at: str | None = UNSET

    def values(self) -> dict[str, Any]:
        """The set columns (without ``application_id``)."""
        return {
            f.name: v
            for f in fields(self)
            if f.name != "application_id" and (v := getattr(self, f.name)) is not UNSET
        }


@dataclass(frozen=True)
class SyncState:
    application_id: str
    appid: str
    remote_version: int
    synced_revision: int
    snapshot: str | None
    state: AppSyncState
    last_synced_at: str | None


@dataclass(frozen=True)
class Receipt:
    table_name: str
    key: str
    person_id: str | None
    version: int
    content_hash: str
    confirmed_at: str
    #: The item's owned attributes as the remote holds them (JSON text; the sync engine's
    #: encoding), or None when not kept (receipts written before they were).
    owned: str | None = None


@dataclass(frozen=True)
class Attention:
    application_id: str
    revision: int
    reason: str
    step: str
    field: str
    created_at: str


@dataclass(frozen=True)
class Conflict:
    id: int
    application_id: str
    path: str
    base: Any
    local: Any
    remote: Any
    remote_version: int
    detected_at: str


#: What pushing one application needs (``SyncRepository.load_many``): its sync state, its
#: receipts, the application (None once deleted) and its revision (None when not stored).
LoadedForPush: TypeAlias = tuple[SyncState | None, list[Receipt], Application | None, int | None]
