"""Without a display the GUI says plainly that a graphical desktop is needed and how to get one,
and exits with an error code, before Qt starts (no abort, no core dump)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.ui.display_check import NO_DISPLAY, missing_display

ROOT = Path(__file__).resolve().parents[2]


def _headless_env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM") and not k.startswith("XDG_")
    }
    env["HOME"] = str(tmp_path / "home")
    return env


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "desktop_app"],
        [str(Path(sys.executable).with_name("desktop-app"))],
    ],
    ids=["python -m desktop_app", "desktop-app (what scripts/run-app runs)"],
)
def test_the_gui_without_a_display_explains_and_exits(command, tmp_path: Path) -> None:
    done = subprocess.run(
        [*command, "--data-dir", str(tmp_path / "data")],
        env=_headless_env(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2  # an exit, not a signal (an abort would be negative)
    assert "needs a graphical desktop (a display)" in done.stderr
    assert "xvfb-run" in done.stderr
    assert "xcb" not in done.stderr and "core dumped" not in done.stderr


@pytest.mark.parametrize(
    ("environ", "platform", "needs_display"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ""}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "minimal"}, "freebsd14", False),
        ({"QT_QPA_PLATFORM": "xcb;Offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "vnc:size=1366x768"}, "linux", False),
        ({}, "darwin", False),
        ({}, "win32", False),
    ],
)
def test_which_sessions_need_a_display(environ, platform, needs_display) -> None:
    assert (missing_display(environ, platform) == NO_DISPLAY) is needs_display
