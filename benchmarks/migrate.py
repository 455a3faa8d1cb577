"""``admin migrate`` on 10,000 generated legacy items, against a ThreadedMotoServer started here
(in a child process, so moto and the engine do not share one interpreter lock).

Two figures:

- **write phase ratio** = time of a bare ``BatchWriteItem`` loop (25 per call, same number of
  threads, same client settings, the same output items into fresh tables) ÷ time of the
  engine's write phase (its ``BatchWriteItem`` batches plus checkpoint journaling and
  bookkeeping). 1.0 means the engine adds nothing; higher is better; the target is ≥ 0.8.
  Medians of: the command's own write phase, then the bare loop, then ``--alternate N`` pairs
  (default 1) of the bare loop and the engine's write phase (the same function the command
  runs, with a real checkpoint) in alternating order (engine-bare-bare-engine-...), so drift
  and warm-up favour neither side; on a busy machine a single pair swings by tens of percent.
- **whole command**: backup (parallel Scan to JSONL), mapping, existence checks, writes,
  verification and the report, end to end. No target: moto's timings are not DynamoDB's.

    .venv/bin/python benchmarks/migrate.py [--items 10000] [--workers 4] [--alternate N]

Always exits 0.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

SOURCE = "rental_applications"
STATUSES = ["in_progress", "started", "draft", "", "complete", "completed", "submitted"]


def generate(count: int, seed: int = 7) -> list[dict]:
    """Synthetic legacy items (v1 and v2 mixed, with the untidy cases), exactly ``count``."""
    rng = random.Random(seed)
    items: list[dict] = []

    def person(n: int) -> dict:
        return {
            "first_name": f"Given{n}",
            "last_name": f"Family{n}",
            "email": f"user{n}@example.com",
            "phone": f"+1212555{n % 10000:04d}",
            "annual_income": rng.choice(
                [Decimal(rng.randint(20, 250) * 1000), str(rng.randint(20, 250) * 1000)]
            ),
            "employment": {"employer": "Acme", "title": "Clerk"},
        }

    account = 0
    while len(items) < count:
        account += 1
        zone = f"us-east-1:{uuid.UUID(int=rng.getrandbits(128))}"  # an identity id's form
        stamp = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T10:00:00Z"
        if rng.random() < 0.2:
            items.append(
                {
                    "zoneinfo": zone,
                    "sk": "APPLICATION",
                    "status": rng.choice(STATUSES + ["archived?"]),
                    "applicationInfo": {
                        "buildingAddress": f"{account} Broadway",
                        "monthlyRent": "2500",
                    },
                    "currentStep": "3",
                    "applicantInfo": {"firstName": f"Given{account}", "lastName": "V1"},
                    "occupants": [],
                    "createdAt": stamp,
                    "updatedAt": stamp,
                    **(
                        {"coApplicant": {"firstName": "Co", "lastName": f"V1{account}"}}
                        if rng.random() < 0.3
                        else {}
                    ),
                }
            )
        for app_no in range(rng.randint(1, 2)):
            appid = f"app-{account:06d}{app_no}"
            if rng.random() > 0.02:  # 2 % orphans: people without their APP# item
                items.append(
                    {
                        "zoneinfo": zone,
                        "sk": f"APP#{appid}",
                        "appid": appid,
                        "application_info": {
                            "building_address": f"{account} Main St",
                            "monthly_rent": Decimal(3000),
                        },
                        "current_step": rng.randint(1, 7),
                        "status": rng.choice(STATUSES),
                        "storage_mode": "direct",
                        "flow_type": "web",
                        "flow_version": "2",
                        "created_at": stamp,
                        "last_updated": stamp,
                    }
                )
            items.append(
                {
                    "zoneinfo": zone,
                    "sk": f"APPLICANT#{appid}",
                    "applicant_info": person(account),
                    "occupants": [],
                    "webhookSummary": {},
                }
            )
            coapps = rng.choice([0, 0, 1, 2])
            for n in range(coapps):
                items.append(
                    {
                        "zoneinfo": zone,
                        "sk": f"COAPP#{appid}#{n}",
                        "coapplicant_info": person(account * 10 + n),
                        "occupants": [],
                    }
                )
            if coapps and rng.random() < 0.05:  # the same co-applicant entered twice
                items.append({**items[-1], "sk": f"COAPP#{appid}#{coapps}"})
            if rng.random() < 0.4:
                items.append(
                    {
                        "zoneinfo": zone,
                        "sk": f"GUARANTOR#{appid}#0",
                        "guarantor_info": person(account * 100),
                    }
                )
    return items[:count]


def serve(port: int, ready, stop) -> None:
    """Child process: moto's ThreadedMotoServer, on its own interpreter (and core)."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    ready.set()
    stop.wait()
    server.stop()


def _as_stored(value):
    """A value as DynamoDB gives it back: every number a Decimal."""
    if isinstance(value, dict):
        return {k: _as_stored(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_stored(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_source(client, items: list[dict]) -> None:
    from boto3.dynamodb.types import TypeSerializer

    from desktop_app.admin.target_io import batch_put, chunked

    serializer = TypeSerializer()
    client.create_table(
        TableName=SOURCE,
        KeySchema=[
            {"AttributeName": "zoneinfo", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "zoneinfo", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    typed = [{k: serializer.serialize(v) for k, v in item.items()} for item in items]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda batch: batch_put(client, SOURCE, batch), chunked(typed, 25)))


def bare_write(client, names: dict[str, str], plans, workers: int) -> float:
    """The baseline: plain BatchWriteItem calls of 25, unprocessed items sent again."""
    batches = []
    for table, name in names.items():
        typed = [p.typed for p in plans if p.table == table]
        batches += [(name, typed[i : i + 25]) for i in range(0, len(typed), 25)]

    def write(job) -> None:
        table, batch = job
        request = {table: [{"PutRequest": {"Item": item}} for item in batch]}
        while request:
            request = client.batch_write_item(RequestItems=request).get("UnprocessedItems") or {}

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(write, batches))
    return time.perf_counter() - started


def fmt(values: list[float]) -> str:
    return "/".join(f"{v:.1f}" for v in values)


def alternate(client, plans, names, pairs: int, workers: int) -> tuple[list[float], list[float]]:
    """The engine's write phase (its own function, with a real checkpoint) and the bare loop,
    alternating which goes first, each into fresh tables: steadier than one pair on a busy box."""
    from desktop_app.admin.checkpoint import Checkpoint
    from desktop_app.admin.create_tables import ensure_tables
    from desktop_app.admin.target_phases import ABSENT, write_batches
    from desktop_app.admin.progress import Progress

    engine_runs: list[float] = []
    bare_runs: list[float] = []
    for pair in range(pairs):
        for kind in ("bare", "engine") if pair % 2 == 0 else ("engine", "bare"):
            prefix = f"alt{pair}{kind}-"
            ensure_tables(client, prefix)
            if kind == "bare":
                bare_runs.append(bare_write(client, names(prefix), plans, workers))
                continue
            for plan in plans:
                plan.state = ABSENT
            with tempfile.TemporaryDirectory() as work:
                checkpoint = Checkpoint.open(Path(work), SOURCE, names(prefix))
                quiet = Progress(stream=open(os.devnull, "w"))  # noqa: SIM115
                with ThreadPoolExecutor(workers) as pool:
                    started = time.perf_counter()
                    write_batches(client, pool, plans, names(prefix), 25, checkpoint, quiet)
                    engine_runs.append(time.perf_counter() - started)
                checkpoint.close()
    return engine_runs, bare_runs


def main() -> int:
    parser = argparse.ArgumentParser(description="admin migrate benchmark")
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--alternate",
        type=int,
        default=1,
        metavar="N",
        help="extra alternating pairs of the engine's write phase and the bare loop (default 1)",
    )
    args = parser.parse_args()

    import multiprocessing

    from desktop_app.admin.aws_clients import AwsTarget
    from desktop_app.admin.create_tables import ensure_tables
    from desktop_app.admin.legacy_mapping import map_legacy
    from desktop_app.admin.migrate import MigrateOptions, run_migration
    from desktop_app.admin.target_phases import plan_items
    from desktop_app.admin.progress import Progress
    from desktop_app.admin.report import summary, write_report
    from desktop_app.remote.tables import ALL_TABLES

    def _names(prefix: str) -> dict[str, str]:
        return {spec.logical: spec.name(prefix) for spec in ALL_TABLES}

    port = free_port()
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Event(), context.Event()
    server = context.Process(target=serve, args=(port, ready, stop), daemon=True)
    server.start()
    if not ready.wait(120):
        print("moto did not start", file=sys.stderr)
        return 0
    try:
        url = f"http://127.0.0.1:{port}"
        engine_target = AwsTarget(endpoint_url=url, region="us-east-1", table_prefix="engine-")
        client = engine_target.client("dynamodb", max_pool_connections=args.workers + 4)
        items = generate(args.items)
        load_source(client, items)
        for prefix in ("warmup-", "engine-", "bare0-"):
            ensure_tables(client, prefix)

        # The bare loop writes the same output items: the mapping of the same source items.
        loaded = [{k: _as_stored(v) for k, v in item.items()} for item in items]
        plans = plan_items(map_legacy(loaded, fallback_time="2026-01-01T00:00:00Z"))
        bare_write(client, _names("warmup-"), plans[:1000], args.workers)  # connections, caches

        with tempfile.TemporaryDirectory() as work:
            work_dir = Path(work)
            quiet = Progress(stream=open(os.devnull, "w"))  # noqa: SIM115
            started = time.perf_counter()
            options = MigrateOptions(
                SOURCE, engine_target, work_dir, workers=args.workers, allow_clear_pii=True
            )
            report = run_migration(options, progress=quiet, client=client)
            report_path = write_report(report, work_dir)
            summary(report, report_path)
            whole = time.perf_counter() - started

        # Engine, bare, then the alternating pairs (bare first): engine-bare-bare-engine-...
        engine_runs = [report["timings_seconds"]["write"]]
        bare_runs = [bare_write(client, _names("bare0-"), plans, args.workers)]
        more_engine, more_bare = alternate(client, plans, _names, args.alternate, args.workers)
        engine_runs += more_engine
        bare_runs += more_bare

        engine_keys = sorted((t["table"], t["pk"], t["zoneinfo"]) for t in report["target_items"])
        if engine_keys != sorted((p.table, *p.key) for p in plans):
            print("WARNING: the bare loop did not write the engine's items", file=sys.stderr)
        engine, bare = statistics.median(engine_runs), statistics.median(bare_runs)
        written = sum(t["written"] for t in report["tables"].values())
        print(
            f"source items {report['source']['items']}, target items written {written} "
            f"(bare: {len(plans)}), workers {args.workers}, batches of 25"
        )
        print(
            f"engine write phase {fmt(engine_runs)} s (the command's first), median {engine:.2f} s;"
            f" bare BatchWriteItem {fmt(bare_runs)} s, median {bare:.2f} s"
        )
        print(
            f"migrate write phase ratio {bare / engine:.2f} (target >= 0.8; bare time / engine "
            "time, medians, higher is better)"
        )
        phases = ", ".join(
            f"{k} {v:.2f}" for k, v in report["timings_seconds"].items() if k != "total"
        )
        print(f"phases (s): {phases}")
        print(f"migrate whole command {whole:.2f} s (no target)")
        if not report["verification"]["ok"] or written != len(plans):
            print("WARNING: the engine's migration did not verify", file=sys.stderr)
    finally:
        stop.set()
        server.join(30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
