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
from desktop_app.admin.checkpoint import Checkpoint
from desktop_app.admin.legacy_mapping import MappingResult, map_legacy
from desktop_app.admin.legacy_pii import NO_KEY_REASON, Sealer, holds_clear_pii
from desktop_app.admin.progress import Progress
from desktop_app.admin.report import build_report
from desktop_app.admin.source_backup import backup_table, file_sha256, load_backup, python_item
from desktop_app.admin.target_io import (
    ITEM_SIZE_LIMIT,
    WRITE_LIMIT,
    item_size,
)
from desktop_app.admin.target_phases import (
    WOULD_WRITE,
    Planned,
    check_targets,
    hash_of,
    plan_items,
    to_write,
    verify,
    write_batches,
)
from desktop_app.remote.boto import BotoClient
from desktop_app.remote.tables import ALL_TABLES
from desktop_app.sync.errors import SyncFailure

OVERSIZE = "oversize"
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
        plans = plan_items(mapping, pii.pop("plain_hashes"))
        oversize = _drop_oversize(mapping, plans)
        plans = [p for p in plans if p.state != OVERSIZE]
        timings["seal"] = time.monotonic() - mark
        match = _matcher(sealer)

        with ThreadPoolExecutor(max_workers=options.workers, thread_name_prefix="migrate") as pool:
            mark = time.monotonic()
            check_targets(client, pool, plans, targets, checkpoint, progress, match)
            timings["check"] = time.monotonic() - mark

            todo = to_write(client, pool, plans, targets, checkpoint, match)
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
        if hash_of(plan.table, found) == plan.hash:
            return True
        if sealer is None or plan.plain_hash is None:
            return False
        try:
            return sealer.plain_hash(plan.table, python_item(found)) == plan.plain_hash
        except (SyncFailure, KeyError, TypeError, ValueError):  # does not open: not ours
            return False

    return match
