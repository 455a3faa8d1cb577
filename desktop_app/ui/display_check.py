"""Whether this session can show windows, checked before Qt starts: without a display Qt's
platform plugin aborts with a message about plugins and libraries (and a core dump), which
says nothing about the real cause. Qt-free, so it runs before any window code."""

from __future__ import annotations

import sys
from collections.abc import Mapping

#: Qt platform plugins that draw without a desktop session (tests, kiosks, framebuffers).
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"})

NO_DISPLAY = (
    "LeaseDesk is a desktop application and needs a graphical desktop (a display), and this "
    "session has none: neither DISPLAY nor WAYLAND_DISPLAY is set.\n"
    "  - Start it from a terminal inside your desktop session (GNOME, KDE, …), or connect with "
    "`ssh -X` so the window opens on your own screen.\n"
    "  - For testing without a screen, give it a virtual one: "
    "xvfb-run -a scripts/run-app  (Debian: sudo apt-get install xvfb).\n"
    "  - The command-line tools need no display: desktop-app --help."
)


def _headless_platform(value: str) -> bool:
    """``QT_QPA_PLATFORM`` may list fallbacks (``wayland;xcb``) with options (``vnc:size=…``)."""
    names = (part.split(":", 1)[0].strip().lower() for part in value.split(";"))
    return any(name in HEADLESS_PLATFORMS for name in names)


def missing_display(environ: Mapping[str, str], platform: str = sys.platform) -> str | None:
    """The plain explanation when windows cannot be shown here, else None. Only X11/Wayland
    systems need a display variable; macOS and Windows always have their own."""
    if platform in ("win32", "cygwin", "darwin"):
        return None
    if _headless_platform(environ.get("QT_QPA_PLATFORM", "")):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY
