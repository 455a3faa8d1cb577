"""Metrics on the agent's machine (docs/ui.md, "Diagnostics"): counters and histograms kept per
UTC day for 30 days in the account's store (``daily_metrics``). Qt-free.

Anyone may call the module functions from any thread::

    from desktop_app.services import metrics
    metrics.count("webhook_deliveries", outcome="delivered")
    metrics.observe("push_latency_seconds", 0.42)

A call adds to a buffer in memory and, when a store is bound (``bind``, done by the composition
root for the open store), writes it through at once; with no store bound (before sign-in, a
store being replaced) it waits for the next ``bind``. A metric never raises into its caller.
Names and label values are short identifiers (outcomes, kinds, causes): never an application's
content, a person or a token.
"""

from __future__ import annotations

import bisect
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

log = logging.getLogger(__name__)

KEEP_DAYS = 30

# The names the app records (docs/ui.md lists them with their labels).
SYNC_RUNS = "sync_runs"  # kind=push|pull|full, outcome=ok|offline|attention|conflicts|error|sign_in
PUSH_LATENCY = "push_latency_seconds"  # per application pushed
ITEMS_SENT, ITEMS_RECEIVED = "items_sent", "items_received"
BYTES_SENT, BYTES_RECEIVED = "bytes_sent", "bytes_received"
SIGN_INS = "sign_ins"  # outcome=ok|failed, cause=...
CREDENTIAL_REFRESHES = "credential_refreshes"  # outcome=ok|failed, cause=...
WEBHOOK_DELIVERIES = "webhook_deliveries"  # outcome=...

#: Histogram bucket upper bounds (seconds), then +Inf.
LATENCY_BOUNDS: tuple[float, ...] = (
    0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
)  # fmt: skip
_MAX_LABEL = 60


def _today() -> date:
    return datetime.now(UTC).date()


def labels_key(labels: dict[str, str]) -> str:
    clean = {str(k)[:_MAX_LABEL]: str(v)[:_MAX_LABEL] for k, v in labels.items()}
    return json.dumps(clean, sort_keys=True, separators=(",", ":"))


@dataclass
class Series:
    """One metric with one label set, summed over the days asked for."""

    name: str
    labels: dict[str, str]
    count: int = 0
    total: float = 0.0
    buckets: list[int] | None = None  # histograms only: per bound, then +Inf
    by_day: dict[str, int] = field(default_factory=dict)

    @property
    def is_histogram(self) -> bool:
        return self.buckets is not None

    def quantile(self, q: float) -> float | None:
        """The bucket bound below which ``q`` of the observations fall (None without any)."""
        if not self.buckets or self.count == 0:
            return None
        rank, seen = q * self.count, 0
        for bound, n in zip((*LATENCY_BOUNDS, float("inf")), self.buckets, strict=True):
            seen += n
            if seen >= rank:
                return bound
        return float("inf")

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "labels": self.labels, "count": self.count}
        if self.is_histogram:
            out.update(sum=round(self.total, 6), p50=self.quantile(0.5), p95=self.quantile(0.95))
        else:
            out["value"] = int(self.total)
        out["by_day"] = self.by_day
        return out


class MetricsRecorder:
    """``flush_every``: seconds between writes to the store (a sync of a thousand applications
    would otherwise write three small transactions per push); reading, binding and unbinding
    write what is pending at once."""

    def __init__(self, clock: Callable[[], date] = _today, flush_every: float = 5.0) -> None:
        self._clock = clock
        self._flush_every = flush_every
        self._last_flush = -flush_every
        self._lock = threading.Lock()
        self._store: Any = None
        self._pool: Any = None  # the bound store's pool: a closed store's engine has a new one
        # (day, name, labels key) -> [count, total, buckets or None]
        self._pending: dict[tuple[str, str, str], list[Any]] = {}

    # -- recording -------------------------------------------------------------------------
    def count(self, name: str, value: float = 1, **labels: str) -> None:
        self._add(name, labels, value, None)

    def observe(self, name: str, value: float, **labels: str) -> None:
        self._add(name, labels, value, bisect.bisect_left(LATENCY_BOUNDS, value))

    def _add(self, name: str, labels: dict[str, str], value: float, bucket: int | None) -> None:
        try:
            key = (self._clock().isoformat(), name[:100], labels_key(labels))
            with self._lock:
                entry = self._pending.setdefault(key, [0, 0.0, None])
                entry[0] += 1
                entry[1] += float(value)
                if bucket is not None:
                    if entry[2] is None:
                        entry[2] = [0] * (len(LATENCY_BOUNDS) + 1)
                    entry[2][bucket] += 1
            if time.monotonic() - self._last_flush >= self._flush_every:
                self.flush()
        except Exception as exc:  # noqa: BLE001 — a metric must never break what it measures
            log.info("a metric could not be recorded yet: %s", type(exc).__name__)

    # -- the store -------------------------------------------------------------------------
    def bind(self, store: Any) -> None:
        """Write to ``store`` from now on (None: keep in memory), and drop days past the window."""
        with self._lock:
            self._store = store
            self._pool = store.engine.pool if store is not None else None
        if store is not None:
            self.flush()
            self.prune()

    def unbind(self, store: Any) -> None:
        if self._store is store:
            try:
                self.flush()
            except Exception as exc:  # noqa: BLE001 — kept in memory for the next store
                log.info("metrics kept in memory: %s", type(exc).__name__)
        with self._lock:
            if self._store is store:
                self._store = None

    def flush(self) -> None:
        with self._lock:
            store, pending = self._store, self._pending
            if store is not None and store.engine.pool is not self._pool:
                self._store = store = None  # closed (its engine disposed): wait for the next
            if store is None or not pending:
                return
            self._pending = {}
            self._last_flush = time.monotonic()
        try:
            _write(store, pending)
        except Exception:
            with self._lock:  # put it back for the next try
                for key, (n, total, buckets) in pending.items():
                    entry = self._pending.setdefault(key, [0, 0.0, None])
                    entry[0] += n
                    entry[1] += total
                    if buckets is not None:
                        entry[2] = [a + b for a, b in zip(entry[2] or [0] * len(buckets), buckets, strict=True)]
            raise

    def prune(self) -> None:
        from sqlalchemy import delete

        from desktop_app.storage.orm_metrics import DailyMetricRow

        with self._lock:
            store = self._store
        if store is None:
            return
        oldest = (self._clock() - timedelta(days=KEEP_DAYS - 1)).isoformat()
        with store.engine.begin() as conn:
            conn.execute(delete(DailyMetricRow).where(DailyMetricRow.day < oldest))

    # -- reading ---------------------------------------------------------------------------
    def series(self, store: Any = None, days: int = KEEP_DAYS) -> list[Series]:
        """Every metric and label set over the last ``days`` days (this one included)."""
        from sqlalchemy import select

        from desktop_app.storage.orm_metrics import DailyMetricRow

        store = store or self._store
        oldest = (self._clock() - timedelta(days=days - 1)).isoformat()
        rows: Iterable[Any] = []
        if store is not None:
            if store is self._store:
                self.flush()
            with store.engine.connect() as conn:
                rows = conn.execute(
                    select(DailyMetricRow.__table__).where(DailyMetricRow.day >= oldest)
                ).all()
        out: dict[tuple[str, str], Series] = {}
        for row in rows:
            series = out.setdefault(
                (row.name, row.labels), Series(row.name, json.loads(row.labels))
            )
            series.count += row.count
            series.total += row.total
            amount = row.count if row.buckets else int(row.total)
            series.by_day[row.day] = series.by_day.get(row.day, 0) + amount
            if row.buckets:
                counts = json.loads(row.buckets)
                series.buckets = [a + b for a, b in zip(series.buckets or [0] * len(counts), counts, strict=True)]
        return sorted(out.values(), key=lambda s: (s.name, labels_key(s.labels)))


def _write(store: Any, pending: dict[tuple[str, str, str], list[Any]]) -> None:
    from sqlalchemy import select
    from sqlalchemy.dialects.sqlite import insert

    from desktop_app.storage.orm_metrics import DailyMetricRow

    table = DailyMetricRow.__table__
    with store.engine.begin() as conn:
        for (day, name, labels), (n, total, buckets) in pending.items():
            if buckets is not None:
                old = conn.execute(
                    select(table.c.buckets).where(
                        table.c.day == day, table.c.name == name, table.c.labels == labels
                    )
                ).scalar()
                if old:
                    buckets = [a + b for a, b in zip(json.loads(old), buckets, strict=True)]
            stmt = insert(table).values(
                day=day, name=name, labels=labels, count=n, total=total,
                buckets=json.dumps(buckets) if buckets is not None else "",
            )  # fmt: skip
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[table.c.day, table.c.name, table.c.labels],
                    set_={
                        "count": table.c.count + n,
                        "total": table.c.total + total,
                        "buckets": stmt.excluded.buckets,
                    },
                )
            )


#: The process's recorder: what the module functions use.
RECORDER = MetricsRecorder()


def count(name: str, value: float = 1, **labels: str) -> None:
    """Add ``value`` (default 1) to today's counter ``name`` with ``labels``."""
    RECORDER.count(name, value, **labels)


def observe(name: str, value: float, **labels: str) -> None:
    """Record one observation (seconds) in today's histogram ``name``."""
    RECORDER.observe(name, value, **labels)


def bind(store: Any) -> None:
    RECORDER.bind(store)


def unbind(store: Any) -> None:
    RECORDER.unbind(store)


def series(store: Any = None, days: int = KEEP_DAYS) -> list[Series]:
    return RECORDER.series(store, days)
