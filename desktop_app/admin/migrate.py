"""``admin migrate``: the old single table into the four tables (docs/admin.md, "The legacy format").

Phases: backup (parallel segmented Scan to JSONL) → mapping (pure, from the backup) → check
(``BatchGetItem``: absent / present / differing) → write (``BatchWriteItem`` of the absent
items only) → verify (every target item read again, compared by content hash). Each phase
journals to the checkpoint, so a killed run started again ends exactly as one clean run, and a
finished run started again writes nothing. An existing target item is never overwritten."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.admin.aws_clients import AwsTarget
from desktop_app.admin.checkpoint import Checkpoint, KeyPair
from desktop_app.admin.legacy_mapping import MappingResult, map_legacy
from desktop_app.admin.legacy_outcomes import SPEC_BY_LOGICAL
from desktop_app.admin.legacy_pii import NO_KEY_REASON, Sealer, holds_clear_pii
from desktop_app.admin.progress import Progress
from desktop_app.admin.report import build_report
from desktop_app.admin.source_backup import backup_table, file_sha256, load_backup, python_item
from desktop_app.admin.target_io import (
    GET_LIMIT,
    ITEM_SIZE_LIMIT,
    WRITE_LIMIT,
    batch_get,
    batch_put,
    chunked,
    item_size,
)
from desktop_app.domain.canonical import item_content_hash
from desktop_app.remote.boto import BotoClient
from desktop_app.sync.errors import SyncFailure
from desktop_app.remote.tables import ALL_TABLES

OVERSIZE = "oversize"
ABSENT, PRESENT, DIFFERING, WRITTEN, WOULD_WRITE = (
    "absent",
    "present",
    "differing",
    "written",
    "would write",
)


class MigrationError(RuntimeError):
    """A problem the operator must fix before the migration can run (message says what)."""


@dataclass
class MigrateOptions:
    source_table: str
    target: AwsTarget = field(default_factory=AwsTarget)
    work_dir: Path = Path(".")
    dry_run: bool = False
    segments: int = 4
    workers: int = 4
    batch_size: int = WRITE_LIMIT
    #: KMS key that seals protected fields (None: ``DESKTOP_APP_KMS_KEY_ID``, else no key).
    kms_key_id: str | None = None
    #: Without a key, write protected fields in clear instead of refusing their applications.
    allow_clear_pii: bool = False


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


def run_migration(
    options: MigrateOptions, progress: Progress | None = None, client: BotoClient | None = None
) -> dict[str, Any]:
    """Run (or resume) one migration and return its report (see ``report.build_report``)."""
    if not 1 <= options.batch_size <= WRITE_LIMIT:
        raise MigrationError(f"--batch-size must be 1 to {WRITE_LIMIT}")
    progress = progress or Progress()
    pool_size = max(options.workers, options.segments) + 2
    client = client or options.target.client("dynamodb", max_pool_connections=pool_size)
    names = options.target.table_names
    targets = {spec.logical: names.for_spec(spec) for spec in ALL_TABLES}
    _require_tables(client, options.source_table, targets)
    started = time.monotonic()
    timings: dict[str, float] = {}
    checkpoint = None
    if not options.dry_run:
        checkpoint = Checkpoint.open(options.work_dir, options.source_table, targets)
        if checkpoint.resumed:
            progress.message(f"resuming run {checkpoint.run_id} from {checkpoint.path}")
    try:
        mark = time.monotonic()
        backup = _backup(client, options, checkpoint, progress)
        timings["backup"] = time.monotonic() - mark
        progress.message(f"backup: {backup['path']} ({backup['items']} items)")

        mark = time.monotonic()
        mapping = map_legacy(load_backup(Path(backup["path"])), fallback_time=backup["taken_at"])
        timings["map"] = time.monotonic() - mark
        mark = time.monotonic()
        sealer, pii = _protect(mapping, options, progress)
        plans = _plan(mapping, pii.pop("plain_hashes"))
        oversize = _drop_oversize(mapping, plans)
        plans = [p for p in plans if p.state != OVERSIZE]
        timings["seal"] = time.monotonic() - mark
        match = _matcher(sealer)

        with ThreadPoolExecutor(max_workers=options.workers, thread_name_prefix="migrate") as pool:
            mark = time.monotonic()
            _check(client, pool, plans, targets, checkpoint, progress, match)
            timings["check"] = time.monotonic() - mark

            todo = _to_write(client, pool, plans, targets, checkpoint, match)
            mark = time.monotonic()
            if options.dry_run:
                for plan in todo:
                    plan.state = WOULD_WRITE
            else:
                write_batches(client, pool, todo, targets, options.batch_size, checkpoint, progress)
            timings["write"] = time.monotonic() - mark

            mark = time.monotonic()
            verification = (
                None if options.dry_run else verify(client, pool, plans, targets, progress, match)
            )
            timings["verify"] = time.monotonic() - mark
        if checkpoint is not None:
            checkpoint.record_complete()
        timings["total"] = time.monotonic() - started
        return build_report(
            run_id=checkpoint.run_id if checkpoint else "dry-run",
            resumed=bool(checkpoint and checkpoint.resumed),
            source_table=options.source_table,
            targets=targets,
            dry_run=options.dry_run,
            backup=backup,
            mapping=mapping,
            states={(p.table, p.key): p.state for p in plans},
            verification=verification,
            timings=timings,
            pii=pii,
            oversize=oversize,
        )
    finally:
        if checkpoint is not None:
            checkpoint.close()


def _require_tables(client: BotoClient, source: str, targets: dict[str, str]) -> None:
    missing = []
    for name in [source, *targets.values()]:
        try:
            client.describe_table(TableName=name)
        except client.exceptions.ResourceNotFoundException:
            missing.append(name)
    if missing:
        hint = "" if source in missing else " (run `desktop-app admin create-tables` first)"
        raise MigrationError("table(s) not found: " + ", ".join(missing) + hint)


def _backup(
    client: BotoClient, options: MigrateOptions, checkpoint: Checkpoint | None, progress: Progress
) -> dict[str, Any]:
    if checkpoint is not None and checkpoint.backup is not None:
        path = Path(checkpoint.backup["path"])
        if path.exists() and file_sha256(path) == checkpoint.backup["sha256"]:
            return checkpoint.backup
        raise MigrationError(
            f"the interrupted run's backup {path} is missing or changed; move "
            f"{checkpoint.path} aside to start a new run"
        )
    run_id = checkpoint.run_id if checkpoint else "dry-run"
    path = options.work_dir.resolve() / f"backup-{options.source_table}-{run_id}.jsonl"
    estimate = client.describe_table(TableName=options.source_table)["Table"].get("ItemCount", 0)
    info = backup_table(
        client, options.source_table, path, options.segments, progress, estimate
    ).as_dict()
    if checkpoint is not None:
        checkpoint.record_backup(info)
    return info


def _protect(
    mapping: MappingResult, options: MigrateOptions, progress: Progress
) -> tuple[Sealer | None, dict[str, Any]]:
    """Seal protected fields with the KMS key; without one, refuse the applications that hold
    any (or, with ``allow_clear_pii``, let them through in clear)."""
    key_id = options.kms_key_id or os.environ.get("DESKTOP_APP_KMS_KEY_ID") or None
    holders = sorted(
        {str(t.item["appid"]) for t in mapping.targets if holds_clear_pii(t.key.table, t.item)}
    )
    if key_id:
        cache = (
            None
            if options.dry_run
            else options.work_dir.resolve() / (f"sealed-{options.source_table}.jsonl")
        )
        sealer = Sealer(options.target.client("kms"), key_id, cache)
        try:
            plain_hashes = sealer.seal_all(mapping.targets)
        except SyncFailure as exc:  # KMS refused or unreachable: the key id, rights, network
            raise MigrationError(f"{exc} (KMS key {key_id})") from exc
        progress.message(f"protected fields sealed with KMS in {len(plain_hashes)} person item(s)")
        return sealer, {
            "mode": "encrypted",
            "kms_key_id": key_id,
            "plain_hashes": plain_hashes,
            "items_sealed": len(plain_hashes),
            "applications_refused": 0,
        }
    if options.allow_clear_pii:
        return None, {
            "mode": "clear (--allow-clear-pii)",
            "plain_hashes": {},
            "items_sealed": 0,
            "applications_in_clear": len(holders),
            "applications_refused": 0,
        }
    for appid in holders:
        mapping.reject_application(appid, NO_KEY_REASON)
    return None, {
        "mode": "refused (no KMS key)",
        "plain_hashes": {},
        "items_sealed": 0,
        "applications_refused": len(holders),
    }


def _drop_oversize(mapping: MappingResult, plans: list[Planned]) -> int:
    """Applications with a mapped item over DynamoDB's item size limit are rejected whole,
    before anything is written (a batch holding one would fail as a whole)."""
    over = [p for p in plans if item_size(p.typed) > ITEM_SIZE_LIMIT]
    appids: dict[str, Planned] = {}
    for plan in over:
        appids.setdefault(str(plan.typed["appid"]["S"]), plan)
    for appid, plan in appids.items():
        size = item_size(plan.typed)
        mapping.reject_application(
            appid,
            f"application not migrated: its {plan.table} item {plan.key[0]!r} would be {size} "
            f"bytes, over the {ITEM_SIZE_LIMIT}-byte item limit (DynamoDB's is 400 KB)",
        )
    for plan in plans:
        if str(plan.typed["appid"]["S"]) in appids:
            plan.state = OVERSIZE
    return len(appids)


def _matcher(sealer: Sealer | None) -> Callable[[Planned, dict[str, Any]], bool]:
    """Whether an existing target item holds what ``plan`` would write: the same content hash,
    or (a sealed item written with another sealed form) the same decrypted content."""

    def match(plan: Planned, found: dict[str, Any]) -> bool:
        if _hash_of(plan.table, found) == plan.hash:
            return True
        if sealer is None or plan.plain_hash is None:
            return False
        try:
            return sealer.plain_hash(plan.table, python_item(found)) == plan.plain_hash
        except (SyncFailure, KeyError, TypeError, ValueError):  # does not open: not ours
            return False

    return match


def _plan(
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


def _hash_of(table: str, typed_item: dict[str, Any]) -> str:
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


def _check(
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


def _to_write(
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
