"""Pull cost: what a sync reads, by account size, with the delta pull against today's full pull.

For accounts of 100, 1,000 and 10,000 applications (applicant, one co-applicant, one guarantor
each: four items), on the timing remote of ``tests/fixtures/timing_remote.py`` with its latency
off, it prints the items, pages and bytes (DynamoDB's item sizes) read by

- a sync with nothing to do (a delta pull: one query of the changes index);
- a sync after 10 applications changed on another machine;
- a full reconciliation with nothing to do, on tables as ``admin create-tables`` makes them
  (``zoneinfo-index`` projecting the keys and ``ZONE_PROJECTION``: the listing is compared with
  the receipts and nothing is read by key), once the reader holds every application;
- today's full pull on tables whose index projects ALL (every table's ``zoneinfo-index`` listed
  with whole items: measured as the whole items' reads through the same adapter in the same
  run, pages counted at DynamoDB's 1 MB a page);

and the bytes read per day at one sync every 5 minutes (288 a day): 287 deltas with nothing to
do and the daily reconciliation, against 288 full pulls. Then the target lines. The account is built quickly: one application is pushed through the engine and its
four items are written again under new keys with ``BatchWriteItem``, a day old; the machine that
pulls holds the watermark and last reconciliation of a sync a minute ago.

    .venv/bin/python benchmarks/pull_cost.py [--sizes 100,1000,10000]

Always exits 0."""

from __future__ import annotations

import argparse
import copy
import logging
import math
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from boto3.dynamodb.types import TypeDeserializer  # noqa: E402

from desktop_app.domain.canonical import item_content_hash  # noqa: E402
from desktop_app.domain.ids import new_id  # noqa: E402
from desktop_app.storage.sync_repository import sync_uow  # noqa: E402
from desktop_app.sync import delta  # noqa: E402
from desktop_app.sync.keys import appid_for, user_id_for  # noqa: E402
from desktop_app.sync.mapping import SPECS  # noqa: E402
from tests.fixtures.sync_setup import (  # noqa: E402
    IDENTITY,
    TABLES,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    new_store,
    synthetic_application,
)
from tests.fixtures.timing_remote import TimingRemote  # noqa: E402

MB = 1024 * 1024
_DE = TypeDeserializer()
SYNCS_A_DAY = 288
CHANGED = 10
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _template(remote: TimingRemote, tmp: Path) -> list[tuple[str, dict[str, Any]]]:
    """One application's four items as the engine writes them (raw AttributeValues)."""
    store = new_store(tmp / "writer")
    add_apps(store, [synthetic_application(co_applicants=1, guarantors=1)])
    report = engine(store, boto_remote(remote.url)).run_once(pull=False)
    assert not report.failed, report.summary()
    client = remote.client("dynamodb")
    out = []
    for spec in SPECS.values():
        for item in client.scan(TableName=TABLES.for_spec(spec))["Items"]:
            out.append((spec.logical, item))
    for spec in SPECS.values():  # leave the account empty for the clones
        for _t, item in [x for x in out if x[0] == spec.logical]:
            key = {spec.partition_key: item[spec.partition_key], "zoneinfo": item["zoneinfo"]}
            client.delete_item(TableName=TABLES.for_spec(spec), Key=key)
    return out


def _clone(
    template: list[tuple[str, dict[str, Any]]], version: int, at: str, appid: str | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """The template's items under new keys (or ``appid``'s, people keyed from it)."""
    appid = appid or appid_for(IDENTITY, new_id())
    keys: dict[str, str] = {}
    out = []
    for table, item in template:
        item = copy.deepcopy(item)
        item["version"] = {"N": str(version)}
        item["last_updated"] = {"S": at}
        item["appid"] = {"S": appid}
        if table != "app":
            old = item["userId"]["S"]
            keys[old] = keys.get(old) or user_id_for(IDENTITY, f"{appid[-26:]}{table[:3]}")
            item["userId"] = {"S": keys[old]}
        out.append((table, item))
    for table, item in out:
        if table == "app" and "people" in item:
            for entry in item["people"]["L"]:
                entry["M"]["key"] = {"S": keys[entry["M"]["key"]["S"]]}
                entry["M"]["version"] = {"N": str(version)}
        # The hash a LeaseDesk push of these items would store (keys are part of it).
        plain = {k: _DE.deserialize(v) for k, v in item.items()}
        item["content_hash"] = {"S": item_content_hash(table, plain)}
    return out


def _write(remote: TimingRemote, items: list[tuple[str, dict[str, Any]]]) -> None:
    client = remote.client("dynamodb")
    for start in range(0, len(items), 25):
        request: dict[str, list[dict[str, Any]]] = {}
        for table, item in items[start : start + 25]:
            request.setdefault(TABLES.for_spec(SPECS[table]), []).append(
                {"PutRequest": {"Item": item}}
            )
        client.batch_write_item(RequestItems=request)


def _reads(stats: dict[str, Any]) -> tuple[int, int, int]:
    return stats.get("items_read", 0), stats.get("pages", 0), stats.get("bytes_read", 0)


def measure(size: int, tmp: Path) -> dict[str, Any]:
    with TimingRemote(in_thread=True) as remote:
        create_tables(remote)
        template = _template(remote, tmp / str(size))
        day_old = delta.iso(NOW - timedelta(days=1))
        appids = []
        items: list[tuple[str, dict[str, Any]]] = []
        for _ in range(size):
            app = _clone(template, 1, day_old)
            appids.append(app[0][1]["appid"]["S"])
            items += app
        _write(remote, items)

        # The pulling machine: synced a minute ago (its watermark and last reconciliation).
        store = new_store(tmp / str(size) / "reader")
        with sync_uow(store) as uow:
            delta.record(uow, delta.iso(NOW - timedelta(minutes=1)), reconciled=True)
            uow.commit()
        clock = [NOW]
        reader = engine(store, boto_remote(remote.url), now=lambda: delta.iso(clock[0]))

        remote.stats(reset=True)
        noop = reader.run_once()
        assert not noop.reconciled and not noop.failed, noop.summary()
        noop_reads = _reads(remote.stats(reset=True))

        # Another machine changes 10 applications (a new version of their four items).
        at = delta.iso(NOW + timedelta(minutes=2))
        changed = [x for a in appids[:CHANGED] for x in _clone(template, 2, at, a)]
        _write(remote, changed)
        clock[0] = NOW + timedelta(minutes=5)
        remote.stats(reset=True)
        after = reader.run_once()
        assert not after.reconciled and after.pulled == CHANGED, after.summary()
        stats = remote.stats(reset=True)
        changed_reads = _reads(stats)
        fetched = stats.get("items_read", 0) - CHANGED  # less the index's ten entries

        # Today's full pull (index ALL): the whole items, each table's in 1 MB pages. (On these
        # tables ``query_zone`` lists the entries and reads each item by key: less the listing.)
        full_remote = boto_remote(remote.url)
        full = [0, 0, 0]
        remote.stats(reset=True)
        for table in SPECS:
            for _item in full_remote.list_zone(table, IDENTITY):
                pass
            entry_items, _p, entry_bytes = _reads(remote.stats(reset=True))
            for _item in full_remote.query_zone(table, IDENTITY):
                pass
            items_read, _p, bytes_read = _reads(remote.stats(reset=True))
            whole_bytes = bytes_read - entry_bytes
            full[0] += items_read - entry_items
            full[1] += max(1, math.ceil(whole_bytes / MB))
            full[2] += whole_bytes
        full_reads = (full[0], full[1], full[2])

        # The full reconciliation with nothing to do, once the reader holds everything.
        with sync_uow(store) as uow:
            delta.set_period(uow, timedelta(0))
            uow.commit()
        clock[0] = NOW + timedelta(minutes=6)
        first = reader.run_once()
        assert first.reconciled and not first.failed, first.summary()
        remote.stats(reset=True)
        clock[0] = NOW + timedelta(minutes=7)
        again = reader.run_once()
        assert again.reconciled and again.pulled == 0 and not again.failed, again.summary()
        recon_reads = _reads(remote.stats(reset=True))
    return {
        "size": size,
        "noop": noop_reads,
        "changed": changed_reads,
        "changed_items": CHANGED * len(template),
        "fetched": fetched,
        "full": full_reads,
        "recon": recon_reads,
        "day_delta": (SYNCS_A_DAY - 1) * noop_reads[2] + recon_reads[2],
        "day_full": SYNCS_A_DAY * full_reads[2],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    args = parser.parse_args(argv)
    logging.getLogger("desktop_app").setLevel(logging.ERROR)  # (the reader's first pull)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            rows.append(measure(size, Path(tmp)))
    print("applications | sync            | items | pages | bytes")
    for r in rows:
        for what in ("noop", "changed", "recon", "full"):
            label = {
                "noop": "nothing to do",
                "changed": f"{CHANGED} changed",
                "recon": "reconciliation",
                "full": "full pull (ALL)",
            }
            items, pages, size = r[what]
            print(f"{r['size']:>12,} | {label[what]:<15} | {items:>5,} | {pages:>5} | {size:>11,}")
        print(
            f"{r['size']:>12,} | bytes a day: delta {r['day_delta'] / 1e6:,.2f} MB, "
            f"full pulls {r['day_full'] / 1e6:,.2f} MB"
        )
    worst_pages = max(r["noop"][1] for r in rows)
    print(f"no-op sync index pages (largest of all sizes) ratio {worst_pages} (target <= 2)")
    ratio = max(r["fetched"] / r["changed_items"] for r in rows)
    pages = max(r["changed"][1] for r in rows)
    print(
        f"sync after {CHANGED} changes: items read by key per changed item ratio {ratio:.2f} "
        "(target <= 1)"
    )
    print(f"sync after {CHANGED} changes: index pages ratio {pages} (target <= 1)")
    recon = max(r["recon"][2] / r["full"][2] for r in rows)
    entry = max(r["recon"][2] / max(1, r["recon"][0]) for r in rows)
    item = min(r["full"][2] / max(1, r["full"][0]) for r in rows)
    print(
        f"a full reconciliation with nothing changed reads {recon:.2f} of today's full pull's "
        f"bytes (no target: index entries of {entry:,.0f} B whatever the item's size, against "
        f"items of {item:,.0f} B here, without documents)"
    )
    at_1000 = [r for r in rows if r["size"] == 1000] or rows[-1:]
    share = at_1000[0]["day_delta"] / at_1000[0]["day_full"]
    print(
        f"bytes a day at {at_1000[0]['size']:,} applications vs today's full pulls "
        f"ratio {share:.4f} (target <= 0.05)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
