"""When a pull reads only what changed, and from when (the watermark, the margin, the
reconciliation schedule).

A delta pull queries the app table's changes index (``zoneinfo``, ``last_updated``) from the
watermark less a margin. The watermark is this machine's clock when the last pull began, and
``last_updated`` is written by the clock of whichever machine pushed, so the margin is what
the two may differ by (two machines of the same agent) plus the index's propagation delay. A
change written by a clock behind by more than that, a deletion (which leaves no item), or a
change another system made without moving ``last_updated`` is found by the full
reconciliation: daily, when there is no watermark yet, and at start after an offline spell
longer than the margin window (or a clock that went back)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

#: How far behind this machine's clock another machine's may be and its change still be found
#: by the delta pull (and the index's propagation delay, a second or so).
MARGIN = timedelta(minutes=15)
#: How often the full reconciliation runs.
RECONCILE_EVERY = timedelta(days=1)

WATERMARK_KEY = "pull_watermark"
RECONCILED_KEY = "last_reconciled_at"
#: A store's own reconciliation period in seconds, when set (0: every pull is a full one).
EVERY_KEY = "reconcile_every_s"


def parse(ts: str) -> datetime:
    """An ISO time (as the engine's clock writes them) as an aware UTC datetime."""
    when = datetime.fromisoformat(ts)
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def iso(when: datetime) -> str:
    """The engine's own format (``utc_now_iso``), which ``last_updated`` is written in: ISO
    strings of one format and zone sort as the times do, as the index's range key needs."""
    return when.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Plan:
    """What one pull does: a full reconciliation (``since`` None) or a delta from ``since``;
    ``why`` names the reason for a reconciliation (for the log)."""

    since: str | None
    why: str = ""


def plan(
    now: str,
    watermark: str | None,
    last_reconciled: str | None,
    *,
    margin: timedelta = MARGIN,
    every: timedelta = RECONCILE_EVERY,
) -> Plan:
    """The pull to make at ``now`` given the last pull's watermark and the last reconciliation."""
    if watermark is None or last_reconciled is None:
        return Plan(None, "first pull")
    at, mark = parse(now), parse(watermark)
    if at - parse(last_reconciled) >= every:
        return Plan(None, "daily")
    if at < mark:
        return Plan(None, "clock went back")
    if at - mark > margin:
        return Plan(None, "offline spell")
    return Plan(iso(mark - margin))


def load(uow: Any) -> tuple[str | None, str | None, timedelta]:
    """(watermark, last reconciliation, reconciliation period) from the sync bookkeeping."""
    seconds = uow.sync.meta(EVERY_KEY)
    every = RECONCILE_EVERY if seconds is None else timedelta(seconds=float(seconds))
    return uow.sync.meta(WATERMARK_KEY), uow.sync.meta(RECONCILED_KEY), every


def set_period(uow: Any, every: timedelta) -> None:
    """This store's reconciliation period (zero: every pull reads the whole account)."""
    uow.sync.set_meta(EVERY_KEY, every.total_seconds())


def record(uow: Any, started: str, reconciled: bool) -> None:
    """After a pull that read everything it meant to: the watermark moves to when it began."""
    uow.sync.set_meta(WATERMARK_KEY, started)
    if reconciled:
        uow.sync.set_meta(RECONCILED_KEY, started)
