"""Sync throughput: a backlog of 1,000 applications (applicant, one co-applicant, one guarantor
each: four items) pushed through the engine's real boto3 adapter at its default concurrency (8),
each worker packing its applications into shared transactions (``desktop_app/sync/packing.py``),
to a remote that behaves like DynamoDB *in time*; beside it, in the same run and through the
same remote, (a) a bare ``TransactWriteItems`` loop over the same items at concurrency 8, one
application per transaction (the floor the engine had before packing), and (b) one ``PutItem``
per item in sequence (what the old web service did).

The remote is the timing remote of ``tests/fixtures/timing_remote.py``, in a process of its own
(so it shares no interpreter lock with the engine being measured): a small DynamoDB-compatible
server on one asyncio event loop that keeps the items in memory and makes every request wait
10 ms (a round trip from an office to its AWS region) plus 1 ms per item written before it is
applied and answered; concurrent requests wait concurrently. Its own handling costs about a
millisecond per request on a core of its own (printed: its handling time and CPU per request),
so the model, not the remote, sets the pace. (It replaced moto behind a latency proxy: moto's
own handling of a four-item transaction costs 5-8 ms, as much as the latency it sat behind.
The timing remote's agreement with moto on the requests the engine sends is tested in
``tests/integration/test_timing_remote.py``.)

Each timed run freezes what the benchmark built before it (the backlog, the prebuilt requests)
out of the garbage collector, so neither side pays to scan the other's inputs.

It prints both ratios (targets: engine >= 1.5x the one-application bare loop, >= 30x the
sequential puts), the
floor (bare loop vs sequential puts), the engine's round trips per application, the client's
CPU per application (with ``--profile``, a cProfile of one engine run: where that CPU goes), and, without a target, the engine end to end (push and pull) against plain, unpatched moto
over HTTP for 200 applications (at concurrency 1: plain moto's transactions race under
concurrency, docs/architecture.md, "Testing policy").

    .venv/bin/python benchmarks/sync_throughput.py [--apps 1000] [--plain-apps 200] [--no-repeat]
        [--profile]

Always exits 0."""

from __future__ import annotations

import argparse
import gc
import multiprocessing as mp
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

IDENTITY = "us-east-1:0b0e0c0d-1234-4abc-8def-000000000bench"
ROUND_TRIP_S = 0.010
PER_ITEM_S = 0.001
CPU: dict[str, float] = {}  # this process's CPU seconds in the last run of each kind


# -- the remotes (child processes) ------------------------------------------------------------
def timing_remote():
    """The timing remote with the benchmark's latency model, in a process of its own."""
    from tests.fixtures.timing_remote import LatencyModel, TimingRemote

    return TimingRemote(LatencyModel(per_request=ROUND_TRIP_S, per_item=PER_ITEM_S))


def fresh_tables(remote) -> None:
    from tests.fixtures.sync_setup import create_tables

    remote.reset()
    create_tables(remote)


def _serve_moto(port: int, ready) -> None:
    import socketserver

    from moto.server import ThreadedMotoServer

    # moto's server (werkzeug) writes headers and body separately; with Nagle's algorithm on,
    # the client's delayed ACK would add ~40 ms to each request that is not overlapped.
    socketserver.StreamRequestHandler.disable_nagle_algorithm = True
    ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False).start()
    ready.set()
    threading.Event().wait()


class PlainMoto:
    """Plain, unpatched moto over HTTP in a process of its own."""

    def __init__(self) -> None:
        from tests.fixtures.moto import MotoEndpoint, free_port

        port = free_port()
        ctx = mp.get_context("spawn")
        ready = ctx.Event()
        self.process = ctx.Process(target=_serve_moto, args=(port, ready), daemon=True)
        self.process.start()
        if not ready.wait(60):
            raise RuntimeError("moto did not start")
        self.endpoint = MotoEndpoint(f"http://127.0.0.1:{port}")
        self.url = self.endpoint.url

    def fresh_tables(self) -> None:
        from tests.fixtures.sync_setup import create_tables

        self.endpoint.reset()
        create_tables(self.endpoint)

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(10)


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


@contextmanager
def clock(kind: str):
    """Time a run (wall and this process's CPU). What the benchmark built before it (the
    backlog, the prebuilt requests, the engine's filled store) is frozen out of the garbage
    collector for the run: in the app those objects do not exist, and a full collection in
    either side's run would otherwise spend its time scanning the benchmark's own inputs
    (about half a million objects for the bare loop's requests alone)."""
    gc.collect()
    gc.freeze()
    start, cpu = time.perf_counter(), time.process_time()
    result = {}
    try:
        yield result
    finally:
        result["elapsed"] = time.perf_counter() - start
        CPU[kind] = time.process_time() - cpu
        gc.unfreeze()


def run_engine(url: str, apps, concurrency: int, *, pull: bool, profile: bool = False):
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
        profilers: list = []
        if profile:
            _profile_workers(profilers)
        with clock("engine") as timed:
            if profilers:
                profilers[0].enable()
            report = engine.run_once(pull=pull)
            if profilers:
                profilers[0].disable()
        if profilers:
            _print_profile(profilers, len(apps), CPU["engine"])
        store.close()
    return timed["elapsed"], report


def _profile_workers(profilers: list) -> None:
    """cProfile, by thread CPU time, the calling thread (``profilers[0]``) and every worker (one each,
    enabled around each batch it pushes): cProfile sees only the thread it is enabled in."""
    import cProfile

    from desktop_app.sync import engine as engine_module

    profilers.append(cProfile.Profile(time.thread_time))
    batch = engine_module.push_batch
    local = threading.local()

    def profiled(pusher, items):
        profiler = getattr(local, "profiler", None)
        if profiler is None:
            profiler = local.profiler = cProfile.Profile(time.thread_time)
            profilers.append(profiler)
        profiler.enable()
        try:
            return batch(pusher, items)
        finally:
            profiler.disable()

    engine_module.push_batch = profiled


def _print_profile(profilers: list, n: int, cpu_s: float) -> None:
    """Where the engine's CPU goes, per application: the top functions by own time over the
    calling thread and the workers (profiling slows the run; the shares are what count)."""
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(profilers[0], stream=out)
    for profiler in profilers[1:]:
        stats.add(profiler)
    total = stats.total_tt or 1.0
    print(
        f"profile of one engine run ({n} apps, {len(profilers) - 1} workers; CPU with the "
        f"profiler {1000 * cpu_s / n:.2f} ms per application), top own time:"
    )
    stats.sort_stats("tottime")
    for func in stats.fcn_list[:15]:
        _cc, calls, tt, _ct, _callers = stats.stats[func]
        name = f"{Path(func[0]).name}:{func[1]} {func[2]}"
        print(f"    {100 * tt / total:5.1f}%  {1000 * tt / n:6.3f} ms/app  {calls:>8}  {name}")
    del out


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
    with clock("bare") as timed, ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda r: client.transact_write_items(**r), requests))
    return timed["elapsed"]


def run_sequential_puts(url: str, requests) -> float:
    client = _client(url, 1)
    with clock("puts") as timed:
        for request in requests:
            for action in request["TransactItems"]:
                update = action["Update"]
                client.put_item(TableName=update["TableName"], Item=_item_of(update))
    return timed["elapsed"]


def _item_of(update: dict) -> dict:
    """The whole item a first push's ``Update`` writes (its key and every ``SET``), to put."""
    names, values = update["ExpressionAttributeNames"], update["ExpressionAttributeValues"]
    sets = update["UpdateExpression"].split(" REMOVE ")[0].removeprefix("SET ").split(", ")
    item = dict(update["Key"])
    for assignment in sets:
        name, value = assignment.split(" = ")
        item[names[name]] = values[value]
    return item


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--plain-apps", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--no-repeat", dest="repeat", action="store_false", help="one engine and one bare run"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile one more engine run")
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
    remote = timing_remote()
    try:
        # Alternating pairs (engine, bare, bare, engine, ...) on fresh tables; each side's faster
        # run counts, so a burst of load from elsewhere on the machine hits both sides alike.
        engine_runs, bare_runs, stats, report = [], [], {}, None
        # Four pairs: this shared machine has spells at half speed that can last a run or two.
        order = ("engine", "bare", "bare", "engine") * 2
        for kind in order if args.repeat else order[:2]:
            fresh_tables(remote)
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
        fresh_tables(remote)
        remote.stats(reset=True)
        puts_s = run_sequential_puts(remote.url, requests)
        per_put = puts_s / items * 1000
        puts_stats = remote.stats(reset=True)
        model = (ROUND_TRIP_S + PER_ITEM_S) * 1000
        print(
            f"(b) sequential PutItem:   {puts_s:7.2f} s  {n / puts_s:7.1f} apps/s  "
            f"({per_put:.1f} ms per request, of which the model is {model:.0f} ms: the rest is "
            "the client and the remote's own handling)"
        )
        print(
            f"sync vs one-application bare transactions ratio {bare_s / engine_s:.2f} "
            "(target >= 1.5)"
        )
        print(f"sync vs sequential puts ratio {puts_s / engine_s:.1f} (target >= 30)")
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
            f"SQLite, botocore), bare loop {CPU.get('bare', 0):.2f} s (botocore only); per "
            f"application {1000 * CPU.get('engine', 0) / n:.2f} ms / "
            f"{1000 * CPU.get('bare', 0) / n:.2f} ms"
        )
        if args.profile:
            fresh_tables(remote)
            run_engine(remote.url, apps, c, pull=False, profile=True)
        per_request = max(1, stats.get("requests", 0))
        remote_cpu = stats.get("cpu_s", 0.0)
        print(
            f"the remote's own cost during the engine run: "
            f"{1e6 * stats.get('busy_s', 0.0) / per_request:.0f} us handling and "
            f"{1e6 * remote_cpu / per_request:.0f} us process CPU per request (its CPU "
            f"{remote_cpu:.2f} s of {engine_s:.2f} s); sequential puts: "
            f"{1e6 * puts_stats.get('busy_s', 0.0) / max(1, items):.0f} us handling per request"
        )
    finally:
        remote.stop()

    plain = PlainMoto()
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
