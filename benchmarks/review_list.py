"""The applications list with 10,000 applications in the store: open it, type a name into the
search box, and the peak memory of the process that does it.

The store is filled here (synthetic applications, one transaction through the repository); the
measuring runs in fresh interpreters so their peak RSS is the list's, not the filling's
(CPU times are printed beside the wall-clock figures: on a loaded machine they move less):

- open: from creating the main window on an open store to the model loaded (rows read on the
  DB worker) and the table painted; median over ``--runs`` processes;
- keystroke: one key typed into the real search box (``QTest.keyClick``) until the table is
  painted again; every key of ``--type`` is timed, ``--rounds`` times per process; the median
  is the figure, the slowest is printed beside it;
- peak RSS: ``ru_maxrss`` of the measuring process at its end (the largest over the runs).

    .venv/bin/python benchmarks/review_list.py [--rows 10000] [--type kowal] [--runs 5]

Offscreen unless a display is set. Always exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])
from desktop_app.storage.store import open_store
from desktop_app.ui.context import AppContext
from desktop_app.ui.main_window import MainWindow

data_dir, typed, rounds = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
ctx = AppContext.open(data_dir, open_store(data_dir / "leasedesk.sqlite3"))

# The harness forces repaints through viewport(); the first Python call to it builds PySide's
# lazy enum types (~100 ms here), which the app itself never pays on this path: pay it now.
from PySide6.QtWidgets import QTableView
_warm = QTableView()
_warm.viewport().repaint()

c0 = time.process_time()
t0 = time.perf_counter()
window = MainWindow(ctx)
window.show()
t1 = time.perf_counter()
while not window.model.loaded:
    app.processEvents()
    time.sleep(0.0005)
t2 = time.perf_counter()
app.processEvents()
window.table.viewport().repaint()
t3 = time.perf_counter()
c3 = time.process_time()

keys = []
window.search.setFocus()
for _ in range(rounds):
    window.search.setText("")
    app.processEvents()
    for ch in typed:
        cpu, start = time.process_time(), time.perf_counter()
        QTest.keyClick(window.search, ch)
        window.table.viewport().repaint()
        keys.append((ch, (time.perf_counter() - start) * 1000, window.model.rowCount(),
                     (time.process_time() - cpu) * 1000))
        app.processEvents()

rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
rows = window.model.total
window.close()
ctx.close()
print(json.dumps({
    "open_ms": (t3 - t0) * 1000,
    "open_cpu_ms": (c3 - c0) * 1000,
    "phases": {"window built and shown": (t1 - t0) * 1000,
               "rows read and prepared on the DB worker": (t2 - t1) * 1000,
               "first paint": (t3 - t2) * 1000},
    "rows": rows, "keys": keys, "rss_mb": rss_mb,
}))
"""


def fill_store(data_dir: Path, rows: int) -> float:
    from desktop_app.domain.models import Status
    from desktop_app.sampledata import synthetic_application
    from desktop_app.storage.store import open_store

    rng = random.Random(20261126)
    start = time.perf_counter()
    with open_store(data_dir / "leasedesk.sqlite3") as store, store.uow() as uow:
        for i in range(rows):
            app = synthetic_application(
                rng, co_applicants=i % 2, guarantors=int(i % 3 == 0), ascii_only=True
            )
            if i % 3 == 0:
                app.status = Status.SUBMITTED
            uow.applications.add(app)
        uow.commit()
    return time.perf_counter() - start


def measure(data_dir: Path, typed: str, rounds: int, env: dict[str, str]) -> dict | None:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), typed, str(rounds)],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    try:
        return json.loads(proc.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        print("review list: a measuring process failed:")
        print(proc.stderr[-2000:])
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--type", default="kowal", help="what to type into the search box")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes")
    parser.add_argument("--rounds", type=int, default=3, help="times the name is typed per process")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="review-list-bench-"))
    filled = fill_store(data_dir, args.rows)
    print(f"store: {args.rows:,} applications written in {filled:.1f} s (one transaction)")

    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["XDG_CONFIG_HOME"] = str(data_dir / "config")  # the window geometry stays out of the user's
    results = [
        r for r in (measure(data_dir, args.type, args.rounds, env) for _ in range(args.runs)) if r
    ]
    if not results:
        return 0
    print(f"list shows {results[0]['rows']:,} rows; {len(results)} fresh processes")
    for phase in results[0]["phases"]:
        print(
            f"  {phase}: {statistics.median(r['phases'][phase] for r in results):.0f} ms (median)"
        )
    keys = [k for r in results for k in r["keys"]]
    for ch in dict.fromkeys(args.type):
        times = [k[1] for k in keys if k[0] == ch]
        shown = next(k[2] for k in keys if k[0] == ch)
        print(f"  typed {ch!r}: median {statistics.median(times):.1f} ms, {shown:,} rows shown")
    all_ms = [k[1] for k in keys]
    # CPU time (all threads of the process) moves far less than wall time on a busy machine.
    print(
        f"  open CPU time {statistics.median(r['open_cpu_ms'] for r in results):.0f} ms, "
        f"keystroke CPU time {statistics.median(k[3] for k in keys):.1f} ms (medians)"
    )
    open_ms = statistics.median(r["open_ms"] for r in results)
    print(f"review list open {open_ms:.0f} ms (target <= 300)")
    print(
        f"filter keystroke {statistics.median(all_ms):.1f} ms (target <= 50; slowest of "
        f"{len(all_ms)}: {max(all_ms):.1f} ms)"
    )
    print(f"peak RSS {max(r['rss_mb'] for r in results):.0f} MB (target <= 250)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
