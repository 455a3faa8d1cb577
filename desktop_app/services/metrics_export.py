"""The metrics (``services/metrics.py``) in the Prometheus text format and as JSON, for
``desktop-app status --metrics`` and the Diagnostics window. Counters are summed over the kept
window (30 days); the histogram keeps its buckets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from desktop_app.services.metrics import KEEP_DAYS, LATENCY_BOUNDS, Series

PREFIX = "leasedesk_"


def prometheus_text(series: list[Series]) -> str:
    from prometheus_client import CollectorRegistry, generate_latest
    from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily, Metric

    class Collector:
        def collect(self) -> Iterator[Metric]:
            by_name: dict[str, list[Series]] = {}
            for s in series:
                by_name.setdefault(s.name, []).append(s)
            for name, group in sorted(by_name.items()):
                keys = sorted({k for s in group for k in s.labels})
                doc = f"{name} over the last {KEEP_DAYS} days on this machine"
                if group[0].is_histogram:
                    histogram = HistogramMetricFamily(PREFIX + name, doc, labels=keys)
                    for s in group:
                        running, buckets = 0, []
                        for bound, n in zip(
                            (*LATENCY_BOUNDS, float("inf")), s.buckets or [], strict=True
                        ):
                            running += n
                            buckets.append(("+Inf" if bound == float("inf") else str(bound), running))
                        histogram.add_metric([s.labels.get(k, "") for k in keys], buckets, s.total)
                    yield histogram
                else:
                    counter = CounterMetricFamily(PREFIX + name, doc, labels=keys)
                    for s in group:
                        counter.add_metric([s.labels.get(k, "") for k in keys], s.total)
                    yield counter

    registry = CollectorRegistry(auto_describe=False)
    registry.register(Collector())
    return generate_latest(registry).decode("utf-8")


def metrics_json(series: list[Series]) -> dict[str, Any]:
    return {"days": KEEP_DAYS, "metrics": [s.to_json() for s in series]}
