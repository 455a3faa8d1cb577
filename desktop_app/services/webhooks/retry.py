"""When to try a delivery again: exponential back-off with full jitter, over about a day."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

#: Seconds before attempt n+1 (before jitter): 30 s doubling, capped at 4 h; the sum of the
#: schedule is 18 to 24 hours, after which the delivery needs attention.
BASE_SECONDS = 30.0
CAP_SECONDS = 4 * 3600.0
MAX_ATTEMPTS = 15


def delay(attempt: int, rand: random.Random | None = None) -> float:
    """The wait after the ``attempt``-th failure (1-based): three quarters fixed, a quarter jitter."""
    r: float = (rand or random).random()
    ceiling: float = min(CAP_SECONDS, BASE_SECONDS * 2 ** (attempt - 1))
    return ceiling * (0.75 + 0.25 * r)


def next_attempt(now: datetime, attempt: int, rand: random.Random | None = None) -> datetime | None:
    """When to retry after the ``attempt``-th failure; None once the schedule is spent."""
    if attempt >= MAX_ATTEMPTS:
        return None
    return now + timedelta(seconds=delay(attempt, rand))


def schedule_span(attempts: int = MAX_ATTEMPTS) -> tuple[float, float]:
    """(shortest, longest) total seconds the schedule waits across its retries."""
    full = [min(CAP_SECONDS, BASE_SECONDS * 2 ** (n - 1)) for n in range(1, attempts)]
    return sum(full) * 0.75, sum(full)
