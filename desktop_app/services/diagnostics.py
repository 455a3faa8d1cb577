"""The diagnostics a support person asks for (Help › Copy diagnostics; docs/ui.md,
"Diagnostics"): version, platform, the settings without secrets, the sync status, the last
errors of the log and the metrics. Never a value an agent typed, a person or a token: the log
lines are the redacted log's own, URLs keep only their scheme and host, and settings whose
name speaks of a secret show only whether they are set. Qt-free."""

from __future__ import annotations

import json
import platform
import re
import sys
from collections import deque
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from desktop_app.logs import log_dir

LAST_ERRORS = 20
_SECRET = re.compile(r"secret|password|token|credential|key_material", re.IGNORECASE)
_LEVEL = re.compile(r"^\S+ \S+ (ERROR|CRITICAL|WARNING) ")


def safe_settings(config: Any) -> dict[str, Any]:
    """The configuration's values, secrets reduced to whether they are set, URLs to their
    scheme and host (a query or user part can carry a token)."""
    if config is None:
        return {}
    dump = getattr(config, "model_dump", None)
    values: dict[str, Any] = dump() if callable(dump) else dict(vars(config))
    out: dict[str, Any] = {}
    for name, value in sorted(values.items()):
        if _SECRET.search(name) and not name.endswith("_days"):
            out[name] = "(set)" if value else "(not set)"
        elif name.endswith("_url") and isinstance(value, str) and value:
            parts = urlsplit(value)
            out[name] = f"{parts.scheme}://{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}"
        elif isinstance(value, (str, int, float, bool)) or value is None:
            out[name] = value
        else:
            out[name] = str(type(value).__name__)
    return out


def last_errors(data_dir: Path, limit: int = LAST_ERRORS) -> list[str]:
    """The last warnings and errors of the app's log (already redacted when written)."""
    path = log_dir(data_dir) / "desktop_app.log"
    if not path.is_file():
        return []
    kept: deque[str] = deque(maxlen=limit)
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if _LEVEL.match(line):
                kept.append(line.rstrip("\n")[:500])
    return list(kept)


def diagnostics(
    data_dir: Path,
    *,
    config: Any = None,
    status: dict[str, Any] | None = None,
    metrics: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    from desktop_app import __version__

    return {
        "version": __version__,
        "platform": {
            "system": platform.platform(),
            "python": sys.version.split()[0],
            "machine": platform.machine(),
        },
        "data_dir": str(data_dir),
        "settings": safe_settings(config),
        "status": status,
        "last_errors": last_errors(data_dir),
        "metrics": metrics or [],
    }


def collect(store: Any, data_dir: Path, config: Any = None) -> dict[str, Any]:
    """Everything :func:`diagnostics` reports, read from ``store`` (on the DB worker)."""
    from desktop_app.services import metrics
    from desktop_app.services.status import StatusService
    from desktop_app.storage.paths import active_profile

    status = StatusService(store).local_status(active_profile(data_dir)).to_json()
    status.pop("needs_attention", None)  # its reasons are in errors, by id
    series = [s.to_json() for s in metrics.series(store)]
    return diagnostics(data_dir, config=config, status=status, metrics=series)


def as_text(report: dict[str, Any]) -> str:
    return "LeaseDesk diagnostics\n" + json.dumps(report, indent=1, default=str)
