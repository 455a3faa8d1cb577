"""The webhook outbox in the local store: queueing an event with a submit, finding what is due,
recording each attempt's outcome, and counting for the status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update
from ulid import ULID

from desktop_app.storage.orm import SyncStateRow
from desktop_app.storage.orm_webhooks import WebhookDeliveryRow, WebhookEndpointRow

DELIVERIES = WebhookDeliveryRow.__table__
ENDPOINTS = WebhookEndpointRow.__table__
SYNC_STATE = SyncStateRow.__table__

SUBMITTED = "application.submitted"
PENDING, DELIVERED, FAILED, DISABLED = "pending", "delivered", "failed", "disabled"


@dataclass
class Delivery:
    id: str
    application_id: str
    revision: int
    event_type: str
    created_at: str
    state: str
    attempts: int
    next_attempt_at: str
    endpoint: str
    last_status: int | None
    last_reason: str
    last_attempt_at: str | None
    duration_ms: int | None
    response_body: str | None
    written_back: int


def _delivery(row: Any) -> Delivery:
    return Delivery(**{c: getattr(row, c) for c in Delivery.__dataclass_fields__})


def new_message_id() -> str:
    return f"msg_{ULID()}"


def enqueue(conn: Connection, application_id: str, revision: int, now: str) -> str:
    """Queue ``application.submitted`` for the submit writing ``revision`` (call inside the
    submit's transaction). Returns the ``webhook-id``."""
    msg_id = new_message_id()
    conn.execute(
        insert(DELIVERIES),
        {
            "id": msg_id,
            "application_id": application_id,
            "revision": revision,
            "event_type": SUBMITTED,
            "created_at": now,
            "state": PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "endpoint": "",
            "last_reason": "",
            "written_back": 0,
        },
    )
    return msg_id


def due(conn: Connection, now: str, limit: int = 50) -> list[Delivery]:
    """Pending deliveries whose time has come and whose submit the remote has confirmed."""
    confirmed = select(SYNC_STATE.c.application_id).where(
        and_(
            SYNC_STATE.c.application_id == DELIVERIES.c.application_id,
            SYNC_STATE.c.synced_revision >= DELIVERIES.c.revision,
        )
    )
    rows = conn.execute(
        select(DELIVERIES)
        .where(DELIVERIES.c.state == PENDING, DELIVERIES.c.next_attempt_at <= now)
        .where(confirmed.exists())
        .order_by(DELIVERIES.c.created_at)
        .limit(limit)
    )
    return [_delivery(r) for r in rows]


def get(conn: Connection, msg_id: str) -> Delivery | None:
    row = conn.execute(select(DELIVERIES).where(DELIVERIES.c.id == msg_id)).first()
    return None if row is None else _delivery(row)


def for_application(conn: Connection, application_id: str) -> list[Delivery]:
    rows = conn.execute(
        select(DELIVERIES)
        .where(DELIVERIES.c.application_id == application_id)
        .order_by(DELIVERIES.c.created_at)
    )
    return [_delivery(r) for r in rows]


def to_write_back(conn: Connection, limit: int = 50) -> list[Delivery]:
    """Attempts with an outcome (delivered, failed, disabled) not yet written to the tables."""
    rows = conn.execute(
        select(DELIVERIES)
        .where(DELIVERIES.c.written_back == 0, DELIVERIES.c.attempts > 0)
        .where(DELIVERIES.c.state != PENDING)
        .limit(limit)
    )
    return [_delivery(r) for r in rows]


def record(conn: Connection, msg_id: str, **values: Any) -> None:
    conn.execute(update(DELIVERIES).where(DELIVERIES.c.id == msg_id).values(**values))


def resend(conn: Connection, msg_id: str, now: str) -> bool:
    """The agent's resend: a failed or disabled delivery goes back to pending (same id)."""
    done = conn.execute(
        update(DELIVERIES)
        .where(DELIVERIES.c.id == msg_id, DELIVERIES.c.state.in_((FAILED, DISABLED, DELIVERED)))
        .values(state=PENDING, next_attempt_at=now, attempts=0, written_back=0)
    )
    return bool(done.rowcount)


def counts(conn: Connection) -> dict[str, int]:
    rows = conn.execute(select(DELIVERIES.c.state, func.count()).group_by(DELIVERIES.c.state))
    out = {PENDING: 0, DELIVERED: 0, FAILED: 0, DISABLED: 0}
    out.update({state: int(n) for state, n in rows})
    return out


def disabled_reason(conn: Connection, url: str) -> str | None:
    row = conn.execute(select(ENDPOINTS.c.reason).where(ENDPOINTS.c.url == url)).first()
    return None if row is None else str(row[0])


def disable(conn: Connection, url: str, now: str, reason: str) -> None:
    conn.execute(ENDPOINTS.delete().where(ENDPOINTS.c.url == url))
    conn.execute(insert(ENDPOINTS), {"url": url, "disabled_at": now, "reason": reason})


def enable(conn: Connection, url: str) -> None:
    conn.execute(ENDPOINTS.delete().where(ENDPOINTS.c.url == url))
