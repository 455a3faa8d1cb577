"""The webhook use cases: deliver what is due (after each confirmed sync, in the background),
write outcomes back to the tables, resend by hand, send a test event, and read deliveries for
the review and the status. Qt-free; bodies and summaries never reach a log."""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import urllib3
from sqlalchemy import select

from desktop_app.remote.tables import TableNames
from desktop_app.services import metrics
from desktop_app.services.audit import AuditTrail
from desktop_app.services.webhooks import outbox, response
from desktop_app.services.webhooks.delivery import TIMEOUT, Attempt, Verdict, send
from desktop_app.services.webhooks.payload import PayloadMode, event, people_refs
from desktop_app.services.webhooks.retry import next_attempt
from desktop_app.services.webhooks.signing import EndpointRefused, check_url, signed_headers
from desktop_app.sync.keys import appid_for
from desktop_app.sync.webhook_attributes import WebhookAttributes

log = logging.getLogger(__name__)
TEST_EVENT = "webhook.test"


@dataclass(frozen=True)
class WebhookSettings:
    url: str | None = None
    payload_mode: PayloadMode = PayloadMode.REFERENCES


@dataclass
class RunReport:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    disabled: int = 0
    written_back: int = 0
    problems: list[str] = field(default_factory=list)


def _iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat()


class WebhookService:
    def __init__(
        self,
        store: Any,
        identity_id: str,
        *,
        settings: Callable[[], WebhookSettings],
        secret: Callable[[], str | None],
        tables: TableNames | None = None,
        attributes: WebhookAttributes | None = None,
        pool: urllib3.PoolManager | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        rand: random.Random | None = None,
        on_outcome: Callable[[str, str], None] | None = None,
        timeout: urllib3.Timeout = TIMEOUT,
    ) -> None:
        self.store = store
        self.identity_id = identity_id
        self.settings = settings
        self.secret = secret
        self.tables = tables or TableNames.with_affixes()
        self.attributes = attributes
        self.pool = pool or urllib3.PoolManager(num_pools=4)
        self.clock = clock
        self.rand = rand
        self.timeout = timeout
        #: (application id, outcome) after each attempt: metrics, the audit trail.
        self.on_outcome = on_outcome or (lambda _app, _outcome: None)

    # -- reading ---------------------------------------------------------------------------
    def deliveries(self, app_id: str) -> list[outbox.Delivery]:
        with self.store.engine.connect() as conn:
            return outbox.for_application(conn, app_id)

    def counts(self) -> dict[str, int]:
        with self.store.engine.connect() as conn:
            return outbox.counts(conn)

    def endpoint_disabled(self) -> str | None:
        url = self.settings().url
        if not url:
            return None
        with self.store.engine.connect() as conn:
            return outbox.disabled_reason(conn, url)

    # -- the agent's actions ---------------------------------------------------------------
    def resend(self, msg_id: str) -> bool:
        """Send a delivery again (same ``webhook-id``); re-enables its endpoint."""
        with self.store.engine.begin() as conn:
            found = outbox.get(conn, msg_id)
            if found is None:
                return False
            url = self.settings().url
            if url:
                outbox.enable(conn, url)
            return outbox.resend(conn, msg_id, _iso(self.clock()))

    def send_test(self) -> Attempt:
        """A signed ``webhook.test`` event to the configured URL, now (never queued)."""
        url, secret = self._endpoint()
        when = self.clock()
        body = json.dumps(
            {"type": TEST_EVENT, "timestamp": _iso(when), "data": {"zoneinfo": self.identity_id}}
        )
        msg_id = outbox.new_message_id()
        return send(self.pool, url, body, signed_headers(secret, msg_id, when, body), self.timeout)

    def _endpoint(self) -> tuple[str, str]:
        url = self.settings().url
        if not url:
            raise EndpointRefused("no webhook URL is set")
        url = check_url(url)
        secret = self.secret()
        if not secret:
            raise EndpointRefused("no webhook secret is set")
        return url, secret

    # -- the background run ----------------------------------------------------------------
    def run(self) -> RunReport:
        """Deliver what is due, then write the outcomes to the tables (when a writer is set)."""
        report = RunReport()
        self.deliver_due(report)
        if self.attributes is not None:
            self.write_back(report)
        return report

    def deliver_due(self, report: RunReport | None = None) -> RunReport:
        report = report or RunReport()
        try:
            url, secret = self._endpoint()
        except EndpointRefused:
            return report  # not configured: events wait in the outbox
        with self.store.engine.connect() as conn:
            if outbox.disabled_reason(conn, url) is not None:
                return report
            due = outbox.due(conn, _iso(self.clock()))
        for d in due:
            verdict = self._deliver(d, url, secret)
            if verdict is Verdict.DELIVERED:
                report.delivered += 1
            elif verdict is Verdict.RETRY:
                report.retrying += 1
            elif verdict is Verdict.GONE:
                report.disabled += 1
                break
            else:
                report.failed += 1
        return report

    def _body(self, d: outbox.Delivery) -> str:
        from desktop_app.storage.orm import SyncStateRow

        state = SyncStateRow.__table__
        with self.store.uow() as uow:
            app, _revision = uow.applications.get(d.application_id)
        with self.store.engine.connect() as conn:
            version = conn.execute(
                select(state.c.remote_version).where(state.c.application_id == d.application_id)
            ).scalar_one_or_none()
        return json.dumps(
            event(
                msg_type=d.event_type,
                identity_id=self.identity_id,
                app=app,
                remote_version=int(version or 0),
                timestamp=d.created_at,
                tables=self.tables,
                mode=self.settings().payload_mode,
            ),
            sort_keys=True,
        )

    def _deliver(self, d: outbox.Delivery, url: str, secret: str) -> Verdict:
        body = self._body(d)
        when = self.clock()
        attempt = send(self.pool, url, body, signed_headers(secret, d.id, when, body), self.timeout)
        number = d.attempts + 1
        values: dict[str, Any] = {
            "attempts": number,
            "endpoint": url,
            "last_status": attempt.status,
            "last_reason": attempt.reason,
            "last_attempt_at": _iso(when),
            "duration_ms": attempt.duration_ms,
            "response_body": attempt.body,
            "written_back": 0,
        }
        verdict = attempt.verdict
        if verdict is Verdict.DELIVERED:
            values["state"] = outbox.DELIVERED
        elif verdict is Verdict.RETRY:
            later = next_attempt(when, number, self.rand)
            if later is None:
                values["state"] = outbox.FAILED
                values["last_reason"] = f"{attempt.reason.removesuffix('; will retry')}; gave up after {number} attempts"
            else:
                values["next_attempt_at"] = _iso(later)
        elif verdict is Verdict.GONE:
            values["state"] = outbox.DISABLED
        else:
            values["state"] = outbox.FAILED
        with self.store.engine.begin() as conn:
            outbox.record(conn, d.id, **values)
            if verdict is Verdict.GONE:
                outbox.disable(conn, url, _iso(when), attempt.reason)
        outcome = str(values.get("state", "retrying"))
        log.info("webhook delivery %s: %s (HTTP %s)", d.id, outcome, attempt.status)
        metrics.count(metrics.WEBHOOK_DELIVERIES, outcome=outcome)
        if outcome != "retrying":  # a final outcome, in the application's trail
            AuditTrail(self.store).record(
                d.application_id, "webhook_sent", outcome=outcome, status=attempt.status,
                webhook_id=d.id,
            )
        self.on_outcome(d.application_id, outcome)
        return verdict

    def write_back(self, report: RunReport | None = None) -> RunReport:
        """Append each finished attempt's outcome to the application's ``webhook_responses``
        and its people's summaries to their ``webhookSummary``."""
        report = report or RunReport()
        assert self.attributes is not None
        with self.store.engine.connect() as conn:
            pending = outbox.to_write_back(conn)
        for d in pending:
            problems = self._write_one(d)
            report.problems += problems
            with self.store.engine.begin() as conn:
                reason = d.last_reason
                if problems:
                    reason = "; ".join([reason, *problems]) if reason else "; ".join(problems)
                outbox.record(conn, d.id, written_back=1, last_reason=reason)
            report.written_back += 1
        return report

    def _write_one(self, d: outbox.Delivery) -> list[str]:
        assert self.attributes is not None
        with self.store.uow() as uow:
            app, _revision = uow.applications.get(d.application_id)
        appid = appid_for(self.identity_id, app.id)
        entry: dict[str, Any] = {
            "id": d.id,
            "source": "leasedesk",
            "event": d.event_type,
            "at": d.last_attempt_at or "",
            "endpoint": d.endpoint,
            "status": d.last_status,
            "outcome": d.state,
            "duration_ms": d.duration_ms,
        }
        problems: list[str] = []
        refs = {r["userId"]: r["table"] for r in people_refs(self.identity_id, app)}
        answer = response.parse(d.response_body if d.state == outbox.DELIVERED else None, set(refs))
        if answer.refused:
            problems.append(f"{len(answer.refused)} summary(ies) named people outside this application; refused")
        if answer.summary is not None:
            entry["summary"] = response.split_clear(answer.summary)[0]
        problem = self.attributes.append_response(appid, entry, d.response_body)
        if problem:
            problems.append(problem)
        for user_id, part in answer.people.items():
            clear, rest = response.split_clear(part)
            problem = self.attributes.set_summary(
                refs[user_id], appid, user_id, d.id, clear, rest, d.last_attempt_at or ""
            )
            if problem:
                problems.append(problem)
        return problems
