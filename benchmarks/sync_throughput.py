"""Sync throughput: a backlog of 1,000 applications (applicant, one co-applicant, one guarantor
each: four items) pushed through the engine's real boto3 adapter at its default concurrency (8),
to a remote that behaves like DynamoDB *in time*; beside it, in the same run and through the
same remote, (a) a bare ``TransactWriteItems`` loop over the same items at concurrency 8 (the
floor) and (b) one ``PutItem`` per item in sequence (what the old web service did).

The remote (child processes — moto, and the proxy — so that neither shares an interpreter lock
with the other or with the engine being measured):
- moto over HTTP (ThreadedMotoServer), patched in three ways, because moto alone is not a
  remote that behaves like DynamoDB in time (DESIGN §7):
  1. its storage calls (get/put/delete/update/query/scan/batch-get/transact) are serialized
     under one lock, so concurrent transactions cannot race inside it;
  2. its ``TransactWriteItems`` deep-copies whole tables before each call (its cost grows with
     the table); it is replaced by one that checks every condition first, snapshots only the
     items it touches, writes, and restores those items if a write fails;
  3. it re-measures an item's whole size on every attribute it stores (quadratic); a running
     total enforces the same limit.
- in front, the latency proxy of ``tests/fixtures/fault_proxy.py``: every request waits
  10 ms (a round trip from an office to its AWS region) plus 1 ms per item written before it
  is forwarded; concurrent requests wait concurrently (one thread each).

It prints both ratios (targets: engine >= 0.8x the bare loop, >= 20x the sequential puts), the
engine's round trips per application, and, without a target, the engine end to end (push and
pull) against plain, unpatched moto over HTTP for 200 applications (at concurrency 1: plain
moto's transactions race under concurrency, DESIGN §7).

    .venv/bin/python benchmarks/sync_throughput.py [--apps 1000] [--plain-apps 200]

Always exits 0."""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

IDENTITY = "us-east-1:0b0e0c0d-1234-4abc-8def-000000000bench"
ROUND_TRIP_S = 0.010
PER_ITEM_S = 0.001
CPU: dict[str, float] = {}  # this process's CPU seconds in the last run of each kind
BUSY = [0.0]  # seconds moto held its storage lock (in moto's process)


# -- the remote (child process) ---------------------------------------------------------------
def _patch_moto() -> None:
    import copy

    from moto.dynamodb.comparisons import get_filter_expression
    from moto.dynamodb.exceptions import (
        MultipleTransactionsException,
        TransactionCanceledException,
    )
    from moto.dynamodb.models import DynamoDBBackend

    lock = threading.RLock()
    depth = threading.local()

    class Serialized:
        """The storage lock; also sums the time it is held (moto's own busy time)."""

        def __enter__(self) -> None:
            lock.acquire()
            depth.n = getattr(depth, "n", 0) + 1
            if depth.n == 1:
                depth.t0 = time.perf_counter()

        def __exit__(self, *exc: object) -> None:
            depth.n -= 1
            if depth.n == 0:
                BUSY[0] += time.perf_counter() - depth.t0
            lock.release()

    serialized_section = Serialized()
    for name in (
        "get_item",
        "put_item",
        "delete_item",
        "update_item",
        "query",
        "scan",
        "batch_get_item",
        "create_table",
        "delete_table",
    ):
        original = getattr(DynamoDBBackend, name)

        def serialized(self, *a, __original=original, **kw):
            with serialized_section:
                return __original(self, *a, **kw)

        setattr(DynamoDBBackend, name, serialized)

    def transact_write_items(self, transact_items):
        with serialized_section:
            ops, seen = [], set()
            for entry in transact_items:
                op_type, op = next(iter(entry.items()))
                table = self.get_table(op["TableName"])
                if op_type == "Put":
                    key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
                    if table.range_key_attr is not None:
                        key[table.range_key_attr] = op["Item"][table.range_key_attr]
                else:
                    key = op["Key"]
                ident = (op["TableName"], json.dumps(key, sort_keys=True))
                if ident in seen:
                    raise MultipleTransactionsException()
                seen.add(ident)
                ops.append((op_type, op, key))
            errors, failed = [], False
            for _op_type, op, key in ops:
                current = self.get_item(op["TableName"], key)
                cond = op.get("ConditionExpression")
                if cond is not None and not get_filter_expression(
                    cond, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")
                ).expr(current):
                    errors.append(
                        ("ConditionalCheckFailed", "The conditional request failed", None)
                    )
                    failed = True
                else:
                    errors.append((None, None, None))
            if failed:
                raise TransactionCanceledException(errors)
            # A per-item snapshot instead of a copy of every table touched.
            snapshots = [
                (op["TableName"], key, copy.deepcopy(self.get_item(op["TableName"], key)))
                for _t, op, key in ops
            ]
            try:
                for op_type, op, key in ops:
                    if op_type == "Put":
                        self.put_item(op["TableName"], op["Item"])
                    elif op_type == "Delete":
                        self.delete_item(op["TableName"], key)
                    elif op_type == "Update":
                        self.update_item(
                            op["TableName"],
                            key,
                            update_expression=op["UpdateExpression"],
                            condition_expression=None,
                            expression_attribute_names=op.get("ExpressionAttributeNames"),
                            expression_attribute_values=op.get("ExpressionAttributeValues"),
                        )
            except Exception:
                for table_name, key, item in snapshots:
                    if item is None:
                        self.delete_item(table_name, key)
                    else:
                        self.put_item(table_name, item.to_json()["Attributes"])
                raise

    DynamoDBBackend.transact_write_items = transact_write_items

    # 3. moto re-measures the whole item on every attribute it stores (quadratic in the
    #    number of attributes); keep a running total instead — the same 405,000-byte limit.
    from moto.dynamodb.exceptions import ItemSizeTooLarge
    from moto.dynamodb.models import dynamo_type
    from moto.dynamodb.models.utilities import bytesize

    def _size(value):
        return value.size() if type(value) is dynamo_type.DynamoType else bytesize(str(value))

    def setitem(self, key, value):
        total = self.__dict__.get("_size")
        if total is None:
            total = sum(bytesize(k) + _size(v) for k, v in self.items())
        if key in self:
            total -= bytesize(key) + _size(dict.__getitem__(self, key))
        total += bytesize(key) + _size(value)
        if total > 405000:
            raise ItemSizeTooLarge
        dict.__setitem__(self, key, value)
        self.__dict__["_size"] = total

    dynamo_type.LimitedSizeDict.__setitem__ = setitem


def _serve_moto(port: int, patched: bool, busy, ready) -> None:
    import socketserver

    from moto.server import ThreadedMotoServer

    # moto's server (werkzeug) writes headers and body separately; with Nagle's algorithm on,
    # the proxy's delayed ACK would add ~40 ms to each request that is not overlapped.
    socketserver.StreamRequestHandler.disable_nagle_algorithm = True
    if patched:
        _patch_moto()

        def publish() -> None:  # moto's busy time, for the proxy's /__stats
            while True:
                time.sleep(0.05)
                busy.value = BUSY[0]

        threading.Thread(target=publish, daemon=True).start()
    ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False).start()
    ready.set()
    threading.Event().wait()


def _serve_proxy(port: int, moto_port: int, busy, ready) -> None:
    from tests.fixtures.fault_proxy import FaultProxy, items_written

    base = [0.0]

    def busy_stats(reset: bool = False) -> dict:
        value = busy.value - base[0]
        if reset:
            base[0] = busy.value
        return {"moto_busy_s": value}

    FaultProxy(
        f"http://127.0.0.1:{moto_port}",
        latency=lambda op, body: ROUND_TRIP_S + PER_ITEM_S * items_written(op, body),
        port=port,
        keep_requests=False,
        extra_stats=busy_stats,
    ).start()
    ready.set()
    threading.Event().wait()


class Remote:
    """moto and, in front of it, the latency proxy: each in a process of its own, so neither
    shares an interpreter lock with the other or with the engine being measured."""

    def __init__(self, *, patched: bool, latency: bool) -> None:
        from tests.fixtures.moto import free_port

        self.moto_port = free_port()
        self.proxy_port = free_port() if latency else 0
        ctx = mp.get_context("spawn")
        busy = ctx.Value("d", 0.0, lock=False)
        self.processes = []
        for target, args in [(_serve_moto, (self.moto_port, patched, busy))] + (
            [(_serve_proxy, (self.proxy_port, self.moto_port, busy))] if latency else []
        ):
            ready = ctx.Event()
            process = ctx.Process(target=target, args=(*args, ready), daemon=True)
            process.start()
            if not ready.wait(60):
                raise RuntimeError("the remote did not start")
            self.processes.append(process)

    @property
    def moto_url(self) -> str:
        return f"http://127.0.0.1:{self.moto_port}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.proxy_port or self.moto_port}"

    def stats(self, reset: bool = False) -> dict:
        if not self.proxy_port:
            return {}
        path = "/__stats?reset" if reset else "/__stats"
        return json.loads(urllib.request.urlopen(self.url + path, timeout=10).read())

    def fresh_tables(self) -> None:
        from tests.fixtures.moto import MotoEndpoint
        from tests.integration.conftest_sync import create_tables

        endpoint = MotoEndpoint(self.moto_url)
        endpoint.reset()
        create_tables(endpoint)

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
            process.join(10)


# -- the three ways to push ----------------------------------------------------------------
def _client(url: str, concurrency: int):
    import boto3

    from desktop_app.sync.remote_store import default_client_config

    return boto3.client(
        "dynamodb",
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
        config=default_client_config(concurrency),
    )


def _backlog(n: int, seed: int = 5):
    from desktop_app.sampledata import synthetic_application

    rng = random.Random(seed)
    return [
        synthetic_application(rng, today=date(2026, 11, 26), co_applicants=1, guarantors=1)
        for _ in range(n)
    ]


def run_engine(url: str, apps, concurrency: int, *, pull: bool):
    from desktop_app.remote.tables import TableNames
    from desktop_app.storage.store import open_store
    from desktop_app.sync.engine import SyncEngine
    from desktop_app.sync.remote_store import Boto3RemoteStore

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "bench.sqlite3")
        with store.uow() as uow:
            for app in apps:
                uow.applications.add(app)
            uow.commit()
        remote = Boto3RemoteStore(_client(url, concurrency), TableNames())
        engine = SyncEngine(store, remote, IDENTITY, concurrency=concurrency)
        start, cpu = time.perf_counter(), time.process_time()
        report = engine.run_once(pull=pull)
        elapsed = time.perf_counter() - start
        CPU["engine"] = time.process_time() - cpu
        store.close()
    return elapsed, report


def _requests(apps):
    from desktop_app.remote.tables import TableNames
    from desktop_app.sync.keys import appid_for
    from desktop_app.sync.mapping import application_items
    from desktop_app.sync.remote_store import Boto3RemoteStore
    from desktop_app.sync.transaction import plan_transaction

    adapter = Boto3RemoteStore(None, TableNames())
    out = []
    for app in apps:
        tx = plan_transaction(
            appid_for(IDENTITY, app.id),
            0,
            application_items(app, IDENTITY),
            {},
            app.created_at.isoformat(),
            "2026-11-26T12:00:00+00:00",
        )
        out.append(adapter.transaction_request(tx))
    return out


def run_bare_transactions(url: str, requests, concurrency: int) -> float:
    client = _client(url, concurrency)
    start, cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda r: client.transact_write_items(**r), requests))
    CPU["bare"] = time.process_time() - cpu
    return time.perf_counter() - start


def run_sequential_puts(url: str, requests) -> float:
    client = _client(url, 1)
    start = time.perf_counter()
    for request in requests:
        for action in request["TransactItems"]:
            put = action["Put"]
            client.put_item(TableName=put["TableName"], Item=put["Item"])
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--plain-apps", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--no-repeat", dest="repeat", action="store_false", help="one engine and one bare run"
    )
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except Exception as exc:  # noqa: BLE001 — a benchmark reports, never fails the build
        print(f"benchmark failed: {type(exc).__name__}: {exc}")
        return 0


def _run(args: argparse.Namespace) -> int:
    n, c = args.apps, args.concurrency
    apps = _backlog(n)
    requests = _requests(apps)
    items = sum(len(r["TransactItems"]) for r in requests)
    print(
        f"backlog: {n} applications, {items} items; latency model {ROUND_TRIP_S * 1000:.0f} ms "
        f"per request + {PER_ITEM_S * 1000:.0f} ms per item written; concurrency {c}"
    )
    remote = Remote(patched=True, latency=True)
    try:
        # Alternating pairs (engine, bare, bare, engine, ...) on fresh tables; each side's faster
        # run counts, so a burst of load from elsewhere on the machine hits both sides alike.
        engine_runs, bare_runs, stats, report = [], [], {}, None
        order = ("engine", "bare", "bare", "engine", "engine", "bare")
        for kind in order[: 6 if args.repeat else 2]:
            remote.fresh_tables()
            remote.stats(reset=True)
            if kind == "engine":
                elapsed, report = run_engine(remote.url, apps, c, pull=False)
                engine_runs.append(elapsed)
                stats = remote.stats(reset=True)
            else:
                bare_runs.append(run_bare_transactions(remote.url, requests, c))
        engine_s, bare_s = min(engine_runs), min(bare_runs)
        runs = lambda xs: ", ".join(f"{x:.2f}" for x in xs)
        print(
            f"engine (push):            {engine_s:7.2f} s  {n / engine_s:7.1f} apps/s  "
            f"({report.count('synced')}/{n} synced; runs {runs(engine_runs)} s)"
        )
        print(
            f"(a) bare transactions:    {bare_s:7.2f} s  {n / bare_s:7.1f} apps/s  "
            f"(runs {runs(bare_runs)} s)"
        )
        remote.fresh_tables()
        puts_s = run_sequential_puts(remote.url, requests)
        per_put = puts_s / items * 1000
        model = (ROUND_TRIP_S + PER_ITEM_S) * 1000
        print(
            f"(b) sequential PutItem:   {puts_s:7.2f} s  {n / puts_s:7.1f} apps/s  "
            f"({per_put:.1f} ms per request, of which the model is {model:.0f} ms: the rest is "
            "the client and moto's own handling)"
        )
        print(f"sync vs bare transactions ratio {bare_s / engine_s:.2f} (target >= 0.8)")
        print(f"sync vs sequential puts ratio {puts_s / engine_s:.1f} (target >= 20)")
        print(
            f"(floor: bare transactions vs sequential puts ratio {puts_s / bare_s:.1f} — no "
            "client can beat the floor through this remote)"
        )
        print(
            f"round trips per application {stats.get('requests', 0) / n:.2f} "
            f"(TransactWriteItems {stats.get('op:TransactWriteItems', 0)}, "
            f"other {stats.get('requests', 0) - stats.get('op:TransactWriteItems', 0)})"
        )
        print(
            f"client CPU (last run): engine {CPU.get('engine', 0):.2f} s (mapping, hashing, "
            f"SQLite, botocore), bare loop {CPU.get('bare', 0):.2f} s (botocore only)"
        )
        busy = stats.get("moto_busy_s", 0.0)
        print(
            f"remote saturation during the engine run: moto held its storage lock "
            f"{busy:.2f} s of {engine_s:.2f} s ({100 * busy / engine_s:.0f}%), request "
            "parsing and HTTP handling on top"
        )
    finally:
        remote.stop()

    plain = Remote(patched=False, latency=False)
    try:
        plain.fresh_tables()
        plain_apps = apps[: args.plain_apps]
        plain_s, report = run_engine(plain.url, plain_apps, 1, pull=True)
        print(
            f"engine end to end (push and pull) against plain moto over HTTP, "
            f"{len(plain_apps)} applications, concurrency 1: {plain_s:.2f} s "
            f"({len(plain_apps) / plain_s:.1f} apps/s; {report.count('synced')} synced; "
            "no target: moto's transactions copy whole tables)"
        )
    finally:
        plain.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
