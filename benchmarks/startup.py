"""Cold start to the main window shown, beside a bare ``QApplication`` + ``QMainWindow.show()``
measured in the same run, alternating, several repetitions each; medians and their ratio.

Each sample is a fresh interpreter. "Shown" is the window's first expose event: the app gets
there through the real launch path (``desktop-app --data-dir DIR``) with a private environment
hook that prints a line once that frame is painted, and quits; the bare script does the same.
The clock runs in this process from just before the child starts to that line.

    .venv/bin/python benchmarks/startup.py [--repeat 7]

Offscreen unless a display is set (then under e.g. ``xvfb-run -a``). Always exits 0.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOOK = "_DESKTOP_APP_BENCHMARK_EXIT_AFTER_SHOW"

APP = """
import sys
from desktop_app.cli.main import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""

BARE = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")

class Shown(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Expose and obj.isExposed() and not self.done:
            self.done = True
            QTimer.singleShot(0, say)  # after the first frame is painted, as the app's hook
        return False

def say():
    sys.stdout.write("shown\\n")
    sys.stdout.flush()
    window.close()

watch = Shown()
window.winId()
window.windowHandle().installEventFilter(watch)
window.show()
sys.exit(app.exec())
"""


def time_to_shown(code: str, arg: str, env: dict[str, str]) -> float | None:
    """Seconds from starting the interpreter to its "shown" line (None if it never came)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, arg],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    elapsed = None
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "shown":
            elapsed = time.perf_counter() - start
            break
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="startup-bench-"))
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env[HOOK] = "1"
    env["XDG_CONFIG_HOME"] = str(tmp / "config")  # keep the window geometry out of the user's
    env.pop("DESKTOP_APP_DATA_DIR", None)
    # An installed LeaseDesk (pip, the bundle) starts from compiled bytecode; a shell that sets
    # PYTHONDONTWRITEBYTECODE would make every sample compile the app's source again, timing
    # the compiler rather than the start. The unmeasured first run below writes the bytecode.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    data_dir = str(tmp / "data")

    # One unmeasured run of each: the app's creates and migrates its store (as on a first
    # start), both write their bytecode and warm the OS file cache, so the samples compare
    # like with like.
    time_to_shown(APP, data_dir, env)
    time_to_shown(BARE, "", env)
    app_t: list[float] = []
    bare_t: list[float] = []
    failures = 0
    for _ in range(args.repeat):
        for code, arg, into in ((BARE, "", bare_t), (APP, data_dir, app_t)):
            value = time_to_shown(code, arg, env)
            if value is None:
                failures += 1
            else:
                into.append(value)
    if not app_t or not bare_t:
        print("startup: no window was shown; see stderr of `desktop-app` run by hand")
        return 0
    app_ms, bare_ms = statistics.median(app_t) * 1000, statistics.median(bare_t) * 1000
    platform = env.get("QT_QPA_PLATFORM") or f"xcb, DISPLAY={env.get('DISPLAY', '')}"
    print(f"platform {platform}, {args.repeat} runs each, medians")
    print(f"bare QMainWindow shown {bare_ms:.0f} ms (min {min(bare_t) * 1000:.0f})")
    print(f"desktop-app main window shown {app_ms:.0f} ms (min {min(app_t) * 1000:.0f})")
    if failures:
        print(f"{failures} run(s) never showed a window")
    print(f"startup ratio {app_ms / bare_ms:.2f} (target <= 2.0)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
