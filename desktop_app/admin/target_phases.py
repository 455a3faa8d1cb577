"""The target side of ``admin migrate``: the planned items, and the check, write and verify
phases against the four tables (``migrate.py`` runs them in order)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from desktop_app.admin.checkpoint import Checkpoint, KeyPair
from desktop_app.admin.legacy_mapping import MappingResult
from desktop_app.admin.legacy_outcomes import SPEC_BY_LOGICAL
from desktop_app.admin.progress import Progress
from desktop_app.admin.source_backup import python_item
from desktop_app.admin.target_io import GET_LIMIT, batch_get, batch_put, chunked
from desktop_app.domain.canonical import item_content_hash
from desktop_app.remote.boto import BotoClient
from desktop_app.remote.tables import ALL_TABLES

ABSENT, PRESENT, DIFFERING, WRITTEN, WOULD_WRITE = (
    "absent",
    "present",
    "differing",
    "written",
    "would write",
)


@dataclass
class Planned:
    """One target item the mapping produced, ready to send."""

    table: str
    key: KeyPair
    typed: dict[str, Any]
    typed_key: dict[str, Any]
    hash: str
    state: str = ABSENT
    #: Content hash of the plaintext form of a sealed item (recognised by decrypted content).
    plain_hash: str | None = None


def plan_items(
    mapping: MappingResult, plain_hashes: dict[tuple[str, str, str], str] | None = None
) -> list[Planned]:
    from boto3.dynamodb.types import TypeSerializer

    serializer = TypeSerializer()
    plans: list[Planned] = []
    for target in mapping.targets:
        spec = SPEC_BY_LOGICAL[target.key.table]
        typed = {k: serializer.serialize(v) for k, v in target.item.items()}
        typed_key = {
            spec.partition_key: typed[spec.partition_key],
            spec.sort_key: typed[spec.sort_key],
        }
        key = (target.key.pk, target.key.zoneinfo)
        plan = Planned(target.key.table, key, typed, typed_key, target.item["content_hash"])
        plan.plain_hash = (plain_hashes or {}).get((target.key.table, *key))
        plans.append(plan)
    return plans


def _key_of(table: str, typed_item: dict[str, Any]) -> KeyPair:
    spec = SPEC_BY_LOGICAL[table]
    return (typed_item[spec.partition_key]["S"], typed_item[spec.sort_key]["S"])


def hash_of(table: str, typed_item: dict[str, Any]) -> str:
    """Recomputed over the attributes LeaseDesk writes, as the sync engine does: another
    system's attributes on an existing item do not make it "differing"."""
    return item_content_hash(table, python_item(typed_item))


def _read(
    client: BotoClient, table: str, targets: dict[str, str], plans: list[Planned]
) -> dict[KeyPair, dict[str, Any]]:
    """Each existing item (typed) among ``plans`` (≤100), by key."""
    found = batch_get(client, targets[table], [p.typed_key for p in plans])
    return {_key_of(table, item): item for item in found}


def _by_table(plans: list[Planned]) -> dict[str, list[Planned]]:
    out: dict[str, list[Planned]] = {spec.logical: [] for spec in ALL_TABLES}
    for plan in plans:
        out[plan.table].append(plan)
    return out


def check_targets(
    client: BotoClient,
    pool: ThreadPoolExecutor,
    plans: list[Planned],
    targets: dict[str, str],
    checkpoint: Checkpoint | None,
    progress: Progress,
    match: Callable[[Planned, dict[str, Any]], bool],
) -> None:
    """Classify every planned item as absent, present (same hash) or differing."""
    jobs: list[tuple[str, int, list[Planned]]] = []
    for table, table_plans in _by_table(plans).items():
        for index, chunk in enumerate(chunked(table_plans, GET_LIMIT)):
            done = checkpoint.checked.get((table, index)) if checkpoint else None
            if done is not None:
                for plan in chunk:
                    plan.state = next((s for s, keys in done.items() if plan.key in keys), ABSENT)
            else:
                jobs.append((table, index, chunk))
    progress.start("check", sum(len(chunk) for _, _, chunk in jobs))

    def check(job: tuple[str, int, list[Planned]]) -> None:
        table, index, chunk = job
        existing = _read(client, table, targets, chunk)
        outcome: dict[str, list[KeyPair]] = {ABSENT: [], PRESENT: [], DIFFERING: []}
        for plan in chunk:
            found = existing.get(plan.key)
            plan.state = ABSENT if found is None else PRESENT if match(plan, found) else DIFFERING
            outcome[plan.state].append(plan.key)
        if checkpoint is not None:
            checkpoint.record_checked(table, index, outcome)
        progress.advance(len(chunk))

    list(pool.map(check, jobs))
    progress.finish()


def to_write(
    client: BotoClient,
    pool: ThreadPoolExecutor,
    plans: list[Planned],
    targets: dict[str, str],
    checkpoint: Checkpoint | None,
    match: Callable[[Planned, dict[str, Any]], bool],
) -> list[Planned]:
    """The absent items still to write; on a resumed run, first read again the ones the
    interrupted run may have written after its last journal line."""
    absent = [p for p in plans if p.state == ABSENT]
    if checkpoint is None:
        return absent
    todo = []
    for plan in absent:
        if plan.key in checkpoint.written.get(plan.table, ()):
            plan.state = WRITTEN
        else:
            todo.append(plan)
    if not checkpoint.resumed or not todo:
        return todo

    def recheck(job: tuple[str, list[Planned]]) -> list[Planned]:
        table, chunk = job
        existing = _read(client, table, targets, chunk)
        left = []
        for plan in chunk:
            found = existing.get(plan.key)
            if found is None:
                left.append(plan)
            elif match(plan, found):  # our own write, journaled too late
                plan.state = WRITTEN
                checkpoint.record_written(table, [plan.key])
            else:
                plan.state = DIFFERING
        return left

    jobs = [(t, c) for t, ps in _by_table(todo).items() for c in chunked(ps, GET_LIMIT)]
    return [plan for left in pool.map(recheck, jobs) for plan in left]


def write_batches(
    client: BotoClient,
    pool: ThreadPoolExecutor,
    todo: list[Planned],
    targets: dict[str, str],
    batch_size: int,
    checkpoint: Checkpoint | None,
    progress: Progress,
) -> None:
    """``BatchWriteItem`` the items in batches of ``batch_size``, journaling each batch."""
    jobs = [(t, b) for t, ps in _by_table(todo).items() for b in chunked(ps, batch_size)]
    progress.start("write", len(todo))

    def write(job: tuple[str, list[Planned]]) -> None:
        table, batch = job
        batch_put(client, targets[table], [p.typed for p in batch])
        if checkpoint is not None:
            checkpoint.record_written(table, [p.key for p in batch])
        for plan in batch:
            plan.state = WRITTEN
        progress.advance(len(batch))

    list(pool.map(write, jobs))
    progress.finish()


def verify(
    client: BotoClient,
    pool: ThreadPoolExecutor,
    plans: list[Planned],
    targets: dict[str, str],
    progress: Progress,
    match: Callable[[Planned, dict[str, Any]], bool],
) -> dict[str, Any]:
    """Read every target item again; compare counts and content hashes with the mapping."""
    progress.start("verify", len(plans))
    tables: dict[str, dict[str, int]] = {
        t: {
            "expected": 0,
            "found": 0,
            "matching": 0,
            "differing_kept": 0,
            "missing": 0,
            "mismatched": 0,
        }
        for t in _by_table(plans)
    }
    problems: list[dict[str, str]] = []

    def read(job: tuple[str, list[Planned]]) -> list[tuple[Planned, dict[str, Any] | None]]:
        table, chunk = job
        existing = _read(client, table, targets, chunk)
        progress.advance(len(chunk))
        return [(plan, existing.get(plan.key)) for plan in chunk]

    jobs = [(t, c) for t, ps in _by_table(plans).items() for c in chunked(ps, GET_LIMIT)]
    for results in pool.map(read, jobs):
        for plan, found in results:
            counts = tables[plan.table]
            counts["expected"] += 1
            if found is None:
                counts["missing"] += 1
                problems.append(
                    {
                        "table": plan.table,
                        "pk": plan.key[0],
                        "zoneinfo": plan.key[1],
                        "problem": "missing",
                    }
                )
                continue
            counts["found"] += 1
            if plan.state == DIFFERING:
                counts["differing_kept"] += 1
            elif match(plan, found):
                counts["matching"] += 1
            else:
                counts["mismatched"] += 1
                problems.append(
                    {
                        "table": plan.table,
                        "pk": plan.key[0],
                        "zoneinfo": plan.key[1],
                        "problem": "content hash differs from the mapping",
                    }
                )
    progress.finish()
    ok = not problems
    return {"ok": ok, "tables": tables, "problems": problems}
