"""Webhook delivery after each sync: the webhook service is built for the signed-in account at
its first use (it reads the keyring: never on the GUI thread), and a run's failure is logged
by kind only — it never fails the sync it follows."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from desktop_app.services.webhooks.service import RunReport, WebhookService
from desktop_app.sync.outcome import SyncReport

log = logging.getLogger(__name__)


class WebhookRunner:
    def __init__(self, store: Any, sessions: Callable[[], Any], config: Any) -> None:
        self.store = store
        self.sessions = sessions
        self.config = config
        self._service: WebhookService | None = None
        self._lock = threading.Lock()
        self.last: RunReport | None = None

    def service(self) -> WebhookService:
        with self._lock:
            if self._service is None:
                from desktop_app.services.webhooks.wiring import build_webhook_service

                self._service = build_webhook_service(self.store, self.sessions(), self.config)
            return self._service

    def after_sync(self, report: SyncReport) -> None:
        """Deliver what the sync confirmed (and what waits for a retry), then write outcomes."""
        if not report.online or report.sign_in_required:
            return
        try:
            self.last = self.service().run()
        except Exception as exc:  # noqa: BLE001 — delivery never fails the sync it follows
            log.warning("webhook delivery run failed: %s", type(exc).__name__)
        else:
            if self.last.problems:
                log.warning("webhook write-back: %d problem(s) reported", len(self.last.problems))
