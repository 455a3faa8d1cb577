"""Settings › Webhooks and the review's webhook section, through the real widgets (pytest-qt
offscreen), a real store, a real Secret Service and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import random

import pytest
from PySide6.QtWidgets import QLabel
from standardwebhooks import Webhook

from desktop_app.auth.secrets import WEBHOOK_SECRET, SecretStore
from desktop_app.sampledata import synthetic_application
from desktop_app.services.webhooks import outbox
from desktop_app.services.webhooks import settings as webhook_settings
from desktop_app.services.webhooks.payload import PayloadMode
from desktop_app.services.webhooks.signing import new_secret
from desktop_app.ui.webhook_settings import WebhookSettingsGroup
from desktop_app.ui.wizard.pages.review_webhooks import WebhookSection

IDENTITY = "us-east-1:0f0e0d0c-0b0a-4909-8807-060504030201"


@pytest.fixture
def group(qtbot, ctx):
    g = WebhookSettingsGroup(ctx, identity=lambda: IDENTITY)
    qtbot.addWidget(g)
    g.show()
    qtbot.waitUntil(lambda: g.secret_state.text() != "")
    return g


def texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_an_http_url_to_another_host_is_refused_at_the_field(qtbot, ctx, group, secret_service):
    group.url.setText("http://hooks.example.com/x")
    group.save_button.click()
    assert group.url_error.isVisible() and "https" in group.url_error.text()
    assert webhook_settings.load(ctx.store).url is None


def test_url_mode_and_a_write_only_secret_are_kept(qtbot, ctx, group, secret_service):
    secret = new_secret()
    group.url.setText("https://hooks.example.com/leasedesk")
    group.secret.setText(secret)
    group.mode.setCurrentIndex(group.mode.findData(PayloadMode.FULL.value))
    with qtbot.waitSignal(group.finished, timeout=10_000):
        group.save_button.click()
    qtbot.waitUntil(lambda: "keyring" in group.message.text(), timeout=10_000)
    assert webhook_settings.load(ctx.store).url == "https://hooks.example.com/leasedesk"
    assert webhook_settings.load(ctx.store).payload_mode is PayloadMode.FULL
    assert SecretStore().get(IDENTITY, WEBHOOK_SECRET) == secret
    assert group.secret.text() == "" and group.secret_state.text() == "A secret is set."


def test_a_malformed_secret_is_refused_at_its_field(qtbot, ctx, group, secret_service):
    group.secret.setText("not-a-secret")
    group.save_button.click()
    assert group.secret_error.isVisible() and "whsec_" in group.secret_error.text()
    assert SecretStore().get(IDENTITY, WEBHOOK_SECRET) is None


def test_send_test_event_reaches_the_receiver_signed(qtbot, ctx, group, secret_service, httpserver):
    secret = new_secret()
    SecretStore().set(IDENTITY, WEBHOOK_SECRET, secret)
    webhook_settings.save(ctx.store, httpserver.url_for("/hook"), PayloadMode.REFERENCES)
    httpserver.expect_request("/hook").respond_with_data("", status=204)
    group.test_button.setEnabled(True)
    group.send_test()
    qtbot.waitUntil(lambda: "Test event" in group.message.text(), timeout=10_000)
    assert "delivered" in group.message.text()
    (req, _resp) = httpserver.log[0]
    event = Webhook(secret).verify(req.get_data(as_text=True), dict(req.headers))
    assert event["type"] == "webhook.test"


def submitted_with_deliveries(ctx):
    app = synthetic_application(random.Random(7))
    with ctx.store.uow() as uow:
        uow.applications.add(app)
        uow.commit()
    applicant = f"{IDENTITY}#{app.primary_applicant.id}"
    body = json.dumps({"people": {applicant: {
        "status": "approved", "reference_id": "SCR-77", "decision_time": "2026-12-01T12:00:00Z",
        "credit_score": 733,
    }}})
    with ctx.store.engine.begin() as conn:
        ok = outbox.enqueue(conn, app.id, 1, "2026-12-01T10:00:00+00:00")
        outbox.record(conn, ok, state=outbox.DELIVERED, attempts=1, last_status=200,
                      endpoint="https://hooks.example.com/x", duration_ms=85,
                      last_attempt_at="2026-12-01T10:00:05+00:00", response_body=body)
        bad = outbox.enqueue(conn, app.id, 1, "2026-12-01T11:00:00+00:00")
        outbox.record(conn, bad, state=outbox.FAILED, attempts=1, last_status=422,
                      endpoint="https://hooks.example.com/x", last_reason="HTTP 422 Unprocessable Content",
                      last_attempt_at="2026-12-01T11:00:02+00:00")
    return app, ok, bad


def test_the_review_shows_each_delivery_and_each_persons_summary(qtbot, ctx):
    app, ok, bad = submitted_with_deliveries(ctx)
    section = WebhookSection(ctx, app)
    qtbot.addWidget(section)
    with qtbot.waitSignal(section.loaded, timeout=10_000):
        section.refresh()
    shown = texts(section)
    assert "delivered — HTTP 200 · 85 ms" in shown
    assert "needs attention — HTTP 422 · Unprocessable Content" in shown
    assert "SCR-77" in shown and "approved" in shown and app.primary_applicant.full_name in shown
    assert "733" not in shown  # only the allow-listed fields
    assert set(section.resend_buttons) == {bad}
    with qtbot.waitSignal(section.loaded, timeout=10_000):
        section.resend_buttons[bad].click()
    with ctx.store.engine.connect() as conn:
        assert outbox.get(conn, bad).state == outbox.PENDING
