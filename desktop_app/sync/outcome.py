"""What one sync run did, per application and overall."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Result(StrEnum):
    """What one sync run did with one application (the values are ``sync --json``'s keys)."""

    SYNCED = "synced"  # the remote holds this revision (pushed now, or read back as ours)
    UNCHANGED = "unchanged"  # nothing to push
    MERGED = "merged"  # the remote had moved; non-overlapping changes merged and pushed
    CONFLICT = "conflict"  # overlapping changes wait for the agent
    NEEDS_ATTENTION = "needs_attention"  # retrying cannot help; the agent must change a field
    RETRY_LATER = "retry_later"  # transient trouble after all retries; stays pending
    OFFLINE = "offline"  # not attempted or interrupted: the network is gone
    SIGN_IN_REQUIRED = "sign_in_required"
    DELETED = "deleted"  # a deleted draft removed from the remote
    #: Internal to one push: "this application's people got new ids: push again".
    REKEYED = "rekeyed"


SYNCED = Result.SYNCED
UNCHANGED = Result.UNCHANGED
MERGED = Result.MERGED
CONFLICT = Result.CONFLICT
NEEDS_ATTENTION = Result.NEEDS_ATTENTION
RETRY_LATER = Result.RETRY_LATER
OFFLINE = Result.OFFLINE
SIGN_IN_REQUIRED = Result.SIGN_IN_REQUIRED
DELETED = Result.DELETED

#: Outcomes after which something is still not on the remote.
NOT_DONE = frozenset({CONFLICT, NEEDS_ATTENTION, RETRY_LATER, OFFLINE, SIGN_IN_REQUIRED})


@dataclass(frozen=True)
class AppOutcome:
    application_id: str
    result: Result
    message: str = ""
    #: For needs attention: the wizard step and field to fix.
    step: str = ""
    field: str = ""


@dataclass
class SyncReport:
    outcomes: list[AppOutcome] = field(default_factory=list)
    pulled: int = 0  # applications brought down or refreshed from the remote
    #: Applications this machine did not hold, brought down by the pull (their trail's start).
    new_on_pull: list[str] = field(default_factory=list)
    merged_on_pull: int = 0
    #: Needs-attention entries pushed again this run (their cause may have been fixed).
    retried: int = 0
    #: Applications deleted here because another machine deleted them from the remote.
    deleted_on_pull: int = 0
    #: Remote items refused by pull: their partition key is not under our identity id.
    refused: list[str] = field(default_factory=list)
    online: bool = True
    sign_in_required: bool = False
    errors: list[str] = field(default_factory=list)
    round_trips: int = 0
    #: The pull was a full reconciliation (not a delta from the watermark).
    reconciled: bool = False
    #: Applications a reconciliation found changed or deleted that no delta pull had brought.
    missed_by_delta: int = 0

    def count(self, result: Result) -> int:
        return sum(1 for o in self.outcomes if o.result == result)

    @property
    def failed(self) -> bool:
        """Anything not done: the CLI's exit status 1."""
        return (
            any(o.result in NOT_DONE for o in self.outcomes)
            or bool(self.errors)
            or bool(self.refused)
            or not self.online
            or self.sign_in_required
        )

    def summary(self) -> dict[str, int | bool]:
        out: dict[str, int | bool] = {}
        for o in self.outcomes:
            key = str(o.result)
            out[key] = int(out.get(key, 0)) + 1
        out.update(pulled=self.pulled, refused=len(self.refused), online=self.online)
        if self.missed_by_delta:
            out["missed_by_delta"] = self.missed_by_delta
        return out
