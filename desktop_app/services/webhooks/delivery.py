"""One HTTP attempt and what its outcome means: delivered, retry later, needs attention, or
the endpoint is gone. The body read back is capped; redirects are not followed (a signed
event goes only where it was configured)."""

from __future__ import annotations

import http
import time
from dataclasses import dataclass
from enum import StrEnum

import urllib3

#: The most of an answer kept (bytes); a longer one is cut and marked.
MAX_BODY = 64 * 1024
TIMEOUT = urllib3.Timeout(connect=5.0, read=15.0)


class Verdict(StrEnum):
    DELIVERED = "delivered"
    RETRY = "retry"
    ATTENTION = "attention"
    GONE = "gone"


@dataclass
class Attempt:
    verdict: Verdict
    status: int | None
    reason: str  # short, never the body
    duration_ms: int
    body: str | None


def classify(status: int) -> tuple[Verdict, str]:
    try:
        phrase = http.HTTPStatus(status).phrase
    except ValueError:
        phrase = "unknown status"
    if 200 <= status < 300:
        return Verdict.DELIVERED, ""
    if status == 410:
        return Verdict.GONE, "the receiver says this endpoint is gone (410); deliveries stopped"
    if status >= 500 or status in (408, 429):
        return Verdict.RETRY, f"HTTP {status} {phrase}; will retry"
    if 300 <= status < 400:
        return Verdict.ATTENTION, f"HTTP {status} {phrase}: redirects are not followed"
    return Verdict.ATTENTION, f"HTTP {status} {phrase}"


def send(
    pool: urllib3.PoolManager,
    url: str,
    body: str,
    headers: dict[str, str],
    timeout: urllib3.Timeout = TIMEOUT,
) -> Attempt:
    started = time.monotonic()
    try:
        resp = pool.request(
            "POST",
            url,
            body=body.encode("utf-8"),
            headers=headers,
            timeout=timeout,
            retries=False,
            redirect=False,
            preload_content=False,
        )
        try:
            raw = resp.read(MAX_BODY + 1)
        finally:
            resp.release_conn()
    except urllib3.exceptions.NewConnectionError as exc:
        kind = type(exc).__name__
        return Attempt(Verdict.RETRY, None, f"could not connect ({kind}); will retry", _ms(started), None)
    except urllib3.exceptions.TimeoutError:
        return Attempt(Verdict.RETRY, None, "timed out; will retry", _ms(started), None)
    except urllib3.exceptions.HTTPError as exc:
        kind = type(exc).__name__
        return Attempt(Verdict.RETRY, None, f"could not connect ({kind}); will retry", _ms(started), None)
    text = raw[:MAX_BODY].decode("utf-8", errors="replace") if raw else None
    verdict, reason = classify(resp.status)
    return Attempt(verdict, resp.status, reason, _ms(started), text)


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
