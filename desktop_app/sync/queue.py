"""Draining the outbox: applications in flight with bounded concurrency, one application's
failure never blocking the others. The calling thread loads applications in chunks (one local
read per chunk), hands them to the workers, and records confirmations in batches (one local
commit per batch), so the local database stays off the network's critical path. It loads the
next chunk only when the workers' queue runs low: a backlog of thousands is never all in
memory at once (which also keeps the garbage collector's full passes short).

Given how to push a batch (``push_many``), each worker takes up to ``pack`` applications at
once — as many as share out the backlog among the workers, so a handful of edits still go out
side by side and a single edit alone, at once — for the pusher to pack into transactions.

It is given what it works with — how to load a chunk, push one application or a batch, record
confirmations and report progress — and knows nothing of the engine that calls it."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from queue import Empty, SimpleQueue
from typing import Any

from desktop_app.sync.local_side import Confirmation
from desktop_app.sync.outcome import AppOutcome, Result

PushResult = tuple[AppOutcome, Confirmation | None]


def batch_size(total: int, concurrency: int, pack: int) -> int:
    """Applications a worker takes at once: the backlog shared out among the workers, at most
    ``pack`` (1: one at a time)."""
    return max(1, min(pack, -(-total // max(1, concurrency))))

LOAD_CHUNK = 32  # applications read from the store at once (rounded to whole batches); the
# next chunk is read when fewer than this many are left waiting for a worker
COMMIT_EVERY = 64  # confirmations per local commit ...
COMMIT_AFTER_S = 0.25  # ... or after this long, whichever comes first


def drain(
    ids: list[str],
    *,
    load: Callable[[list[str]], Mapping[str, Any]],
    push: Callable[[str, Any], tuple[AppOutcome, Confirmation | None]],
    confirm: Callable[[list[Confirmation]], None],
    on_progress: Callable[[int, int], None],
    stop: threading.Event,
    concurrency: int,
    push_many: Callable[[list[tuple[str, Any]]], list[PushResult]] | None = None,
    pack: int = 1,
) -> list[AppOutcome]:
    """Push ``ids`` (``push(app_id, loaded)``, or in batches ``push_many([(app_id, loaded),
    ...])``), ``concurrency`` workers at a time, and return their outcomes in order. Once
    ``stop`` is set, those not yet started end "offline"."""
    total = len(ids)
    size = batch_size(total, concurrency, pack) if push_many is not None else 1
    chunk_size = size * max(1, LOAD_CHUNK // size)
    on_progress(0, total)
    outcomes: dict[str, AppOutcome] = {}
    confirmations: list[Confirmation] = []
    last_commit = time.monotonic()
    # Workers hand finished futures over here: O(1) per application, where waiting on the
    # whole in-flight set each time (concurrent.futures.wait) costs O(n) per completion.
    finished: SimpleQueue[Future[list[PushResult]]] = SimpleQueue()

    def flush(force: bool = False) -> None:
        nonlocal last_commit
        due = len(confirmations) >= COMMIT_EVERY or time.monotonic() - last_commit > COMMIT_AFTER_S
        if confirmations and (force or due):
            confirm(confirmations)
            confirmations.clear()
            last_commit = time.monotonic()

    def collect(future: Future[list[PushResult]]) -> None:
        for outcome, confirmation in future.result():
            outcomes[outcome.application_id] = outcome
            if confirmation is not None:
                confirmations.append(confirmation)

    def collect_ready() -> None:
        """Record every future finished so far; then flush if due and report progress."""
        while True:
            try:
                collect(finished.get_nowait())
            except Empty:
                break
        flush()
        on_progress(len(outcomes), total)

    def work(batch: list[tuple[str, Any]]) -> list[PushResult]:
        if stop.is_set():
            return [
                (AppOutcome(app_id, Result.OFFLINE, "not attempted: offline"), None)
                for app_id, _ in batch
            ]
        if push_many is not None and len(batch) > 1:
            return push_many(batch)
        return [push(app_id, loaded) for app_id, loaded in batch]

    chunks = [ids[start : start + chunk_size] for start in range(0, total, chunk_size)]
    submitted = 0

    with ThreadPoolExecutor(concurrency, thread_name_prefix="sync") as pool:

        def top_up() -> None:
            nonlocal submitted
            while chunks and submitted - len(outcomes) < chunk_size + concurrency * size:
                chunk = chunks.pop(0)
                loaded = load(chunk)
                for start in range(0, len(chunk), size):
                    batch = [(i, loaded.get(i)) for i in chunk[start : start + size]]
                    future = pool.submit(work, batch)
                    future.add_done_callback(finished.put)
                submitted += len(chunk)

        top_up()
        while len(outcomes) < total:
            try:
                collect(finished.get(timeout=COMMIT_AFTER_S))
            except Empty:
                pass
            collect_ready()
            top_up()
    flush(force=True)
    return [outcomes[i] for i in ids]
