"""The daily metrics table (``services/metrics.py``): one row per day, metric and label set.
Counters use ``count``; histograms also keep ``total`` and their bucket counts (JSON), so a
percentile can be estimated per day or over the kept window. Names, labels and numbers only:
never an application's content."""

from __future__ import annotations

from sqlalchemy import Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.storage.orm import Base


class DailyMetricRow(Base):
    __tablename__ = "daily_metrics"

    #: The UTC day, ``YYYY-MM-DD``.
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    #: The labels as canonical JSON (sorted keys), ``{}`` for none.
    labels: Mapped[str] = mapped_column(String(300), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[float] = mapped_column(Float, default=0.0)
    #: Histogram bucket counts as a JSON list (one per upper bound, then +Inf); ``""`` for a counter.
    buckets: Mapped[str] = mapped_column(Text, default="")
