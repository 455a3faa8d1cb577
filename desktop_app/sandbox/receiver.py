"""The sandbox's webhook receiver: a loopback HTTP server that verifies each event's Standard
Webhooks signature (the same library LeaseDesk signs with) and answers with a made-up
screening summary per person, so a new user sees the whole loop — submit, sync, delivery,
summary in the review — without configuring anything. Every value it answers is synthetic."""

from __future__ import annotations

import json
import logging
import random
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from desktop_app.services.webhooks.signing import new_secret

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024


def made_up_answer(event: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A synthetic screening answer for the people the event names."""
    people = (event.get("data") or {}).get("people") or []
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    answer: dict[str, Any] = {
        "summary": {"status": "screened", "reference_id": f"SBX-{rng.randint(10000, 99999)}"},
        "people": {},
    }
    for person in people:
        user_id = person.get("userId") if isinstance(person, dict) else None
        if not isinstance(user_id, str):
            continue
        score = rng.randint(600, 800)
        answer["people"][user_id] = {
            "status": "approved" if score >= 660 else "review",
            "reference_id": f"SBX-{rng.randint(10000, 99999)}",
            "decision_time": now,
            "credit_score": score,
            "note": "made-up sandbox screening",
        }
    return answer


class SandboxReceiver:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, secret: str | None = None) -> None:
        self.secret = secret or new_secret()
        self.received = 0
        self.refused = 0
        self._rng = random.Random()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 — quiet
                return

            def do_POST(self) -> None:  # noqa: N802 — http.server's naming
                length = min(int(self.headers.get("content-length") or 0), MAX_BODY)
                body = self.rfile.read(length).decode("utf-8", errors="replace")
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    event = Webhook(receiver.secret).verify(body, headers)
                except WebhookVerificationError:
                    receiver.refused += 1
                    self._send(401, {"error": "signature does not verify"})
                    return
                receiver.received += 1
                self._send(200, made_up_answer(event, receiver._rng))

            def _send(self, status: int, doc: dict[str, Any]) -> None:
                data = json.dumps(doc).encode("utf-8")
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="sandbox-webhook-receiver", daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/webhooks"

    def start(self) -> SandboxReceiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
