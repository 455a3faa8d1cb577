"""Progress on stderr: a bar redrawn in place on a terminal, whole lines (about twenty per
phase) when stderr is a file or a pipe. Messages carry counts and table names, never data."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, lines_per_phase: int = 20) -> None:
        self._stream = stream or sys.stderr
        self._tty = bool(getattr(self._stream, "isatty", lambda: False)())
        self._lines = lines_per_phase
        self._lock = threading.Lock()
        self._phase = ""
        self._total = 0
        self._done = 0
        self._last_printed = -1
        self._started = time.monotonic()

    def message(self, text: str) -> None:
        with self._lock:
            self._end_bar()
            print(text, file=self._stream, flush=True)

    def start(self, phase: str, total: int) -> None:
        with self._lock:
            self._end_bar()
            self._phase, self._total, self._done, self._last_printed = phase, total, 0, -1
            self._started = time.monotonic()
            self._show()

    def advance(self, count: int = 1) -> None:
        with self._lock:
            self._done += count
            self._show()

    def finish(self) -> None:
        with self._lock:
            if self._done != self._last_printed:
                self._show(force=True)
            self._end_bar()
            self._phase = ""

    def _show(self, force: bool = False) -> None:
        total, done = self._total, self._done
        elapsed = time.monotonic() - self._started
        if self._tty:
            width = 30
            filled = width if not total else int(width * min(done, total) / total)
            bar = "#" * filled + "-" * (width - filled)
            self._stream.write(f"\r{self._phase:<10} [{bar}] {done}/{total} {elapsed:5.1f}s")
            self._stream.flush()
            self._last_printed = done
            return
        step = max(1, total // self._lines) if total else 1
        if (
            force
            or done == total
            or done - max(self._last_printed, 0) >= step
            or self._last_printed < 0
        ):
            print(f"{self._phase}: {done}/{total} ({elapsed:.1f}s)", file=self._stream, flush=True)
            self._last_printed = done

    def _end_bar(self) -> None:
        if self._tty and self._phase:
            self._stream.write("\n")
            self._stream.flush()
