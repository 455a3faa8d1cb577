"""The webhook outbox: one row per delivery of an event (a submit), and one per endpoint that
answered ``410 Gone``, and the profile's webhook settings (docs/webhooks.md). A delivery row is written in the same transaction as
the submit it announces, so a submit is never stored without its event."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.storage.orm import Base


class WebhookDeliveryRow(Base):
    __tablename__ = "webhook_deliveries"

    #: The ``webhook-id`` header: the same for every attempt of this delivery.
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    application_id: Mapped[str] = mapped_column(String(26))
    #: The application's revision written by the submit: sent once the remote confirmed it.
    revision: Mapped[int] = mapped_column(Integer)
    event_type: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[str] = mapped_column(String(40))
    #: "pending" | "delivered" | "failed" (needs attention) | "disabled" (endpoint gone)
    state: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[str] = mapped_column(String(40))
    endpoint: Mapped[str] = mapped_column(Text, default="")
    last_status: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    last_reason: Mapped[str] = mapped_column(Text, default="")
    last_attempt_at: Mapped[str | None] = mapped_column(String(40), nullable=True, default=None)
    duration_ms: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    #: The receiver's answer (JSON text; the store file is encrypted). Never logged.
    response_body: Mapped[str | None] = mapped_column(Text, nullable=True, default=None)
    #: 1 once the outcome is appended to ``webhook_responses`` (and summaries written).
    written_back: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (
        Index("ix_webhook_deliveries_application_id", "application_id"),
        Index("ix_webhook_deliveries_state", "state"),
    )


class WebhookEndpointRow(Base):
    """An endpoint that answered ``410 Gone``: nothing more is sent to it until re-enabled."""

    __tablename__ = "webhook_endpoints"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    disabled_at: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text, default="")


class WebhookSettingRow(Base):
    """This profile's webhook settings (the URL, the payload mode); the secret is only in the
    keyring."""

    __tablename__ = "webhook_settings"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
