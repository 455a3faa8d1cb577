"""Logging to a rotating file under the data dir, with PII redacted on the way out.

Code logs ids, field paths and exception types, never applicants' values. Exceptions reach the
log as their types and frames (file, line, function) only: their messages can quote input (a
pydantic error quotes the value it refused). Uncaught exceptions, in the main thread or any
other, are logged the same way instead of Python's default traceback on stderr.

:func:`redact` is the second net for what slips through: SSN/ITIN-shaped numbers (even glued to
letters) become ``***-**-1234``; e-mail addresses, dates, money amounts, phone numbers and long
digit runs are blanked. ULIDs, UUIDs, ISO timestamps and field paths pass unchanged."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import re
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

from desktop_app.fileperms import private_dir, private_file

#: Tokens that look like numbers but are ids or times the logs need: left as they are.
_KEEP = re.compile(
    r"(?<![0-9A-Za-z])(?:"
    r"[0-7][0-9A-HJKMNP-TV-Z]{25}"  # ULID (26 chars of Crockford base32, a ms timestamp first)
    r"|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"  # UUID
    # ISO timestamp: a date with a time of day (a date alone is redacted)
    r"|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}|[ ]\d{2}:\d{2}:\d{2})(?::\d{2})?(?:[.,]\d+)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?"
    r")(?![0-9A-Za-z])"
)
# Starts only at a word start, so a long run of word characters is scanned in linear time.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Digit boundaries, not word boundaries: "ssn912-77-4321" is an SSN too.
_D0, _D1 = r"(?<!\d)", r"(?!\d)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = re.compile(
    _D0 + r"(?:\d{4}([-/.])\d{1,2}\1\d{1,2}"  # 1961-03-17, 1961/03/17
    r"|\d{1,2}([-/])\d{1,2}\2(?:\d{4}|\d{2})"  # 03/17/1961, 3/7/61
    r"|\d{1,2}\.\d{1,2}\.\d{4})" + _D1  # 17.03.1961 (not 3.11.4: a version)
    + r"|(?<![A-Za-z])" + _MONTH + r"\s\d{1,2}(?:st|nd|rd|th)?,?\s\d{4}" + _D1  # March 17, 1961
    + r"|" + _D0 + r"\d{1,2}\s" + _MONTH + r",?\s\d{4}" + _D1,  # 17 Mar 1961
    re.IGNORECASE,
)
_PHONE = re.compile(
    r"(?:(?<![\w+])\+?1[\s.-]?)?"  # country code
    r"(?:\(\d{3}\)\s?|" + _D0 + r"\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}" + _D1
)
_SEP = r"[-\u2010-\u2015.\s_/]?"  # hyphens and dashes, dots, spaces
_SSN = re.compile(_D0 + r"(\d{3})" + _SEP + r"(\d{2})" + _SEP + r"(\d{4})" + _D1)
_MONEY = re.compile(
    r"\$\s?\d+(?:,\d{3})*(?:\.\d+)?"  # $1,234.56, $85000
    r"|Decimal\('[^']*'\)"  # a Decimal's repr
    + r"|" + _D0 + r"(?<!\d\.)\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d]|\.\d)"  # 85,000 / 1,234.56
    + r"|" + _D0 + r"(?<!\d\.)\d+\.\d{2}(?![\d]|\.\d)"  # bare decimals with cents: 987654.32
)
_DIGITS = re.compile(_D0 + r"\d{7,}" + _D1)


def _redact_part(text: str) -> str:
    text = _EMAIL.sub("<email>", text)
    text = _DATE.sub("<date>", text)
    text = _MONEY.sub("<amount>", text)
    text = _PHONE.sub("<phone>", text)
    text = _SSN.sub(lambda m: f"***-**-{m.group(3)}", text)
    return _DIGITS.sub("<number>", text)


def redact(text: str) -> str:
    """``text`` with PII-shaped substrings masked; ids, timestamps and field paths kept."""
    out, last = [], 0
    for keep in _KEEP.finditer(text):
        out += [_redact_part(text[last : keep.start()]), keep.group()]
        last = keep.end()
    out.append(_redact_part(text[last:]))
    return "".join(out)


def describe_exception(exc: BaseException) -> str:
    """An exception as its types and frames (file:line in function), never its messages:
    what a log may say about it. Causes and contexts are followed, as in a traceback."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        where = "; ".join(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames)
        parts.append(f"{type(current).__name__}" + (f" at {where}" if where else ""))
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return " <- ".join(parts)


def _typed(arg: object) -> object:
    return type(arg).__name__ if isinstance(arg, BaseException) else arg


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # An exception passed as the message or an argument logs as its type, not its text.
        if isinstance(record.msg, BaseException):
            record.msg, record.args = describe_exception(record.msg), None
        elif isinstance(record.args, tuple):
            record.args = tuple(_typed(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _typed(v) for k, v in record.args.items()}
        try:
            message = record.getMessage()
        except Exception as exc:  # noqa: BLE001 — a bad format string must not lose the record
            message = f"{record.msg!s} (unformattable: {type(exc).__name__})"
        cleaned = redact(message)
        if record.exc_info and record.exc_info[1] is not None:
            # Exception text can quote values: its types and frames only.
            cleaned += f" [{redact(describe_exception(record.exc_info[1]))}]"
        record.exc_info = None
        record.exc_text = None
        record.msg, record.args = cleaned, None
        return True


def log_dir(data_dir: Path) -> Path:
    return data_dir / "logs"


CRASH_FILE = "crash.log"
_crash_file: IO[bytes] | None = None


def enable_crash_file(data_dir: Path) -> Path:
    """Python's ``faulthandler`` writes the threads' stacks (file, line, function: no values)
    to ``<data dir>/logs/crash.log`` (0600) when the process dies of a fatal signal (a crash in
    Qt or another native library), where the log file would have nothing."""
    global _crash_file
    path = log_dir(data_dir) / CRASH_FILE
    if _crash_file is not None and _crash_file.name == str(path) and not _crash_file.closed:
        return path
    private_file(path)
    handle = open(path, "ab", buffering=0)  # noqa: SIM115 — open for the process's lifetime
    faulthandler.enable(file=handle, all_threads=True)
    previous, _crash_file = _crash_file, handle
    if previous is not None:
        previous.close()
    return path


_uncaught_log = logging.getLogger("desktop_app.uncaught")


def _log_uncaught(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None
) -> None:
    if exc is None:
        exc = exc_type()
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    if isinstance(exc, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    text = redact(describe_exception(exc))
    _uncaught_log.critical("uncaught exception: %s", text)
    # Python's default hook prints the message too: stderr gets the same safe line instead.
    print(f"desktop-app: uncaught exception: {text}", file=sys.stderr, flush=True)


def install_excepthooks() -> None:
    """Uncaught exceptions (any thread) are logged as types and frames, never messages, and
    stderr gets the same line instead of Python's traceback. A hook someone else installed on
    purpose (a debugger, a test harness) is still called after ours; Python's default printer
    is not."""
    if getattr(sys.excepthook, "_desktop_app", False):
        return
    previous, previous_thread = sys.excepthook, threading.excepthook

    def hook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        _log_uncaught(exc_type, exc, tb)
        if previous is not sys.__excepthook__:
            previous(exc_type, exc, tb)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            _log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)
        if previous_thread is not threading.__excepthook__:
            previous_thread(args)

    hook._desktop_app = thread_hook._desktop_app = True  # type: ignore[attr-defined]
    sys.excepthook, threading.excepthook = hook, thread_hook


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's logs to ``<data dir>/logs/desktop_app.log`` (rotated, redacted)."""
    install_excepthooks()
    directory = log_dir(data_dir)
    private_dir(directory)
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
    """The app's own log file (told apart from handlers others installed), and each rotated
    one, created 0600 in its 0700 folder."""

    def _open(self):  # type: ignore[no-untyped-def]
        private_file(Path(self.baseFilename))
        return super()._open()
