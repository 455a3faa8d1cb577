"""Logging to a rotating file under the data dir, with PII redacted on the way out.

Code logs ids and counts, never applicants' values; the redaction filter is the safety net for
what slips through: SSN/ITIN-shaped numbers become ``***-**-1234``, e-mail addresses and long
digit runs (account numbers) are blanked."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

_SSN = re.compile(r"\b(\d{3})[- ]?(\d{2})[- ]?(\d{4})\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DIGITS = re.compile(r"\b\d{10,}\b")


def redact(text: str) -> str:
    text = _EMAIL.sub("<email>", text)
    text = _SSN.sub(lambda m: f"***-**-{m.group(3)}", text)
    return _DIGITS.sub("<number>", text)


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Exception text can quote values; keep the type and a redacted message only.
            exc = record.exc_info[1]
            cleaned += f" [{type(exc).__name__}: {redact(str(exc))}]"
            record.exc_info = None
            record.exc_text = None
        record.msg, record.args = cleaned, None
        return True


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's logs to ``<data dir>/logs/desktop_app.log`` (rotated, redacted)."""
    directory = log_dir(data_dir)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "desktop_app.log"
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _AppFileHandler):
            if handler.baseFilename == str(path):
                return path
            root.removeHandler(handler)  # one app log at a time (a new data dir replaces it)
            handler.close()
    handler = _AppFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    root.setLevel(level)
    # botocore logs request headers (session tokens included) at DEBUG: never let them through.
    for noisy in ("botocore", "boto3", "urllib3", "s3transfer"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


class _AppFileHandler(logging.handlers.RotatingFileHandler):
    """The app's own log file (told apart from handlers others installed)."""
