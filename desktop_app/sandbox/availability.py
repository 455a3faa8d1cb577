"""Whether the sandbox's emulator is installed: it ships with the developer install
(``leasedesk[sandbox]``), never in an agent's install or the bundle."""

from __future__ import annotations

import importlib.util

NOT_INSTALLED = (
    "the sandbox is part of the developer install: install leasedesk[sandbox] "
    "(scripts/run-app does) to use --sandbox or `desktop-app sandbox serve`"
)


def sandbox_installed() -> bool:
    """True when the emulator (moto) can be imported; checked without importing it."""
    try:
        return importlib.util.find_spec("moto") is not None
    except (ImportError, ValueError):
        return False
