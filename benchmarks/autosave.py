"""Autosave latency: ≥1,000 single-field saves made durable through the autosave service on an
encrypted store (SQLCipher, PII sealed, as the app opens it), beside the floor — the same writes (the draft row UPDATE and the outbox row INSERT, same sizes)
with bare, plain ``sqlite3`` in one transaction, WAL and ``synchronous=FULL`` — measured in the same
run, interleaved in blocks so disk noise hits both alike.

    .venv/bin/python benchmarks/autosave.py [--saves 1000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.sampledata import synthetic_application
from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.crypto import Cipher, DataKey
from desktop_app.storage.repository import summary_columns
from desktop_app.storage.store import open_store


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--saves", type=int, default=1000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="autosave-bench-"))

    store = open_store(tmp / "service.sqlite3", Cipher(DataKey.generate()))
    svc = AutosaveService(store)
    app = svc.create_draft(synthetic_application(random.Random(1), co_applicants=1, guarantors=1))

    floor_store = open_store(tmp / "floor.sqlite3")
    floor_store.close()
    raw = sqlite3.connect(tmp / "floor.sqlite3", isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    doc = app.model_dump_json()
    cols = summary_columns(app)
    now = datetime.now(UTC).isoformat()
    raw.execute(
        "INSERT INTO applications (id, status, current_step, revision, data, applicant_name, "
        "building_address, unit, monthly_rent, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (app.id, cols["status"], cols["current_step"], 1, doc, cols["applicant_name"],
         cols["building_address"], cols["unit"], cols["monthly_rent"], now, now),
    )

    service_t: list[float] = []
    floor_t: list[float] = []
    block = 100
    i = 0
    floor_rev = 1
    while len(service_t) < args.saves:
        for _ in range(block):
            i += 1
            t0 = time.perf_counter()
            svc.save_field(app.id, "primary_applicant.first_name", f"Name{i:06d}")
            service_t.append(time.perf_counter() - t0)
        for _ in range(block):
            i += 1
            doc = doc.replace(doc[doc.index('"first_name":"'):doc.index('"first_name":"') + 24],
                              f'"first_name":"Name{i:06d}', 1)
            t0 = time.perf_counter()
            ts = datetime.now(UTC).isoformat()
            raw.execute("BEGIN IMMEDIATE")
            rev = raw.execute(
                "UPDATE applications SET data=?, revision=revision+1, updated_at=?, status=?, "
                "current_step=?, applicant_name=?, building_address=?, unit=?, monthly_rent=? "
                "WHERE id=? AND revision=? RETURNING revision",
                (doc, ts, cols["status"], cols["current_step"], cols["applicant_name"],
                 cols["building_address"], cols["unit"], cols["monthly_rent"], app.id, floor_rev),
            ).fetchone()
            floor_rev = rev[0]
            raw.execute(
                "INSERT INTO outbox (application_id, revision, created_at) VALUES (?,?,?)",
                (app.id, floor_rev, ts),
            )
            raw.execute("COMMIT")
            floor_t.append(time.perf_counter() - t0)
    raw.close()
    store.close()

    s50, s99 = pct(service_t, 50), pct(service_t, 99)
    f50, f99 = pct(floor_t, 50), pct(floor_t, 99)
    print(f"saves: {len(service_t)} through the service, {len(floor_t)} bare; document {len(doc)} bytes")
    print("service: SQLCipher", store.engine.dialect.driver, "with sealed PII fields")
    print(f"service  p50 {s50:.3f} ms  p99 {s99:.3f} ms")
    print(f"floor    p50 {f50:.3f} ms  p99 {f99:.3f} ms  (bare sqlite3, same writes, WAL + FULL)")
    print(f"autosave p50 ratio {s50 / f50:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
