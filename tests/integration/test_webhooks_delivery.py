"""Webhook delivery against a real HTTP server on 127.0.0.1 (pytest-httpserver) with the
application pushed to moto over HTTP: signing, retries, 410, needs attention, drafts."""

from __future__ import annotations

import json
import threading
from datetime import datetime

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError
from werkzeug import Response

from desktop_app.services.webhooks import outbox
from desktop_app.sync.keys import appid_for, user_id_for
from tests.fixtures.sync_setup import IDENTITY
from tests.fixtures.webhook_setup import Machine


@pytest.fixture
def machine(tmp_path, moto, httpserver):
    m = Machine(tmp_path, moto, httpserver.url_for("/hook"), read_timeout=0.5)
    yield m
    m.store.close()


def received(httpserver):
    return [req for req, _resp in httpserver.log]


def test_the_event_is_signed_per_standard_webhooks_and_names_the_application(machine, httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_json({"ok": True})
    app = machine.submit()
    machine.sync()
    report = machine.webhooks.run()
    assert report.delivered == 1
    (req,) = received(httpserver)
    body = req.get_data(as_text=True)
    headers = {k.lower(): v for k, v in req.headers.items()}
    payload = Webhook(machine.secret).verify(body, headers)  # raises if the signature is wrong
    assert headers["webhook-id"].startswith("msg_")
    assert payload["type"] == "application.submitted"
    data = payload["data"]
    assert data["appid"] == appid_for(IDENTITY, app.id)
    assert data["zoneinfo"] == IDENTITY
    assert data["version"] == 1
    assert {p["userId"] for p in data["people"]} == {
        user_id_for(IDENTITY, p.id) for _, p in app.people()
    }
    with pytest.raises(WebhookVerificationError):
        Webhook(machine.secret).verify(body.replace("submitted", "Submitted"), headers)


def test_the_reference_payload_carries_no_pii(machine, httpserver):
    httpserver.expect_request("/hook").respond_with_data("")
    app = machine.submit()
    machine.sync()
    machine.webhooks.run()
    body = received(httpserver)[0].get_data(as_text=True)
    for _, p in app.people():
        for value in (p.first_name, p.last_name, p.email, p.phone, p.ssn, str(p.date_of_birth)):
            if value and value != "None":
                assert value not in body
    assert app.application_info.building_address not in body
    assert "application" not in json.loads(body)["data"]


def test_a_draft_never_fires(machine, httpserver):
    httpserver.expect_request("/hook").respond_with_data("")
    from tests.fixtures.webhook_setup import complete_draft

    draft = complete_draft(machine.autosave)
    machine.sync()
    assert machine.webhooks.run().delivered == 0
    assert received(httpserver) == []
    assert machine.deliveries(draft.id) == []


def test_nothing_is_sent_before_the_push_is_confirmed(machine, httpserver):
    httpserver.expect_request("/hook").respond_with_data("")
    app = machine.submit()
    machine.webhooks.run()
    assert received(httpserver) == []
    machine.sync()
    machine.webhooks.run()
    assert len(received(httpserver)) == 1
    assert machine.deliveries(app.id)[0].state == outbox.DELIVERED


def test_a_500_and_a_timeout_are_retried_with_the_same_webhook_id(machine, httpserver):
    released = threading.Event()

    def slow(_request):
        released.wait(10)  # answers only after the service gave up waiting (0.5 s)
        return Response("late", status=200)

    httpserver.expect_ordered_request("/hook").respond_with_data("boom", status=500)
    httpserver.expect_ordered_request("/hook").respond_with_handler(slow)
    httpserver.expect_ordered_request("/hook").respond_with_json({"ok": True})
    app = machine.submit()
    machine.sync()
    assert machine.webhooks.run().retrying == 1
    (d,) = machine.deliveries(app.id)
    assert d.state == outbox.PENDING and d.last_status == 500
    assert machine.webhooks.run().retrying == 0  # not due yet: nothing sent
    machine.clock.advance(hours=1)
    assert machine.webhooks.run().retrying == 1
    assert "timed out" in machine.deliveries(app.id)[0].last_reason
    released.set()
    machine.clock.advance(hours=1)
    assert machine.webhooks.run().delivered == 1
    ids = {req.headers["webhook-id"] for req in received(httpserver)}
    assert len(received(httpserver)) == 3 and ids == {d.id}
    assert machine.deliveries(app.id)[0].attempts == 3


def test_a_410_disables_the_endpoint_and_stops_deliveries(machine, httpserver):
    httpserver.expect_request("/hook").respond_with_data("gone", status=410)
    first = machine.submit(seed=3)
    machine.sync()
    assert machine.webhooks.run().disabled == 1
    assert machine.deliveries(first.id)[0].state == outbox.DISABLED
    assert "410" in (machine.webhooks.endpoint_disabled() or "")
    second = machine.submit(seed=4)
    machine.sync()
    machine.clock.advance(days=2)
    machine.webhooks.run()
    assert len(received(httpserver)) == 1
    assert machine.deliveries(second.id)[0].state == outbox.PENDING
    assert machine.webhooks.counts()[outbox.DISABLED] == 1


def test_other_4xx_needs_attention_and_the_agent_can_resend(machine, httpserver):
    httpserver.expect_ordered_request("/hook").respond_with_data("bad", status=422)
    httpserver.expect_ordered_request("/hook").respond_with_data("", status=204)
    app = machine.submit()
    machine.sync()
    assert machine.webhooks.run().failed == 1
    (d,) = machine.deliveries(app.id)
    assert d.state == outbox.FAILED and d.last_status == 422
    assert d.last_reason == "HTTP 422 Unprocessable Content" or d.last_reason.startswith("HTTP 422")
    machine.clock.advance(days=3)
    machine.webhooks.run()
    assert len(received(httpserver)) == 1  # needs attention: not retried by itself
    assert machine.webhooks.resend(d.id)
    assert machine.webhooks.run().delivered == 1
    assert [r.headers["webhook-id"] for r in received(httpserver)] == [d.id, d.id]


def test_queued_offline_it_is_sent_after_reconnecting(machine, httpserver):
    httpserver.expect_request("/hook").respond_with_data("")
    url = machine.settings.url
    from tests.fixtures.moto import free_port

    machine.settings = type(machine.settings)(f"http://127.0.0.1:{free_port()}/hook")
    app = machine.submit()
    machine.sync()
    assert machine.webhooks.run().retrying == 1
    assert "could not connect" in machine.deliveries(app.id)[0].last_reason
    machine.settings = type(machine.settings)(url)
    machine.clock.advance(hours=1)
    assert machine.webhooks.run().delivered == 1
    assert machine.deliveries(app.id)[0].attempts == 2


def test_retries_give_up_after_about_a_day_and_need_attention(machine, httpserver):
    httpserver.expect_request("/hook").respond_with_data("down", status=503)
    app = machine.submit()
    machine.sync()
    started = machine.clock.now
    while (d := machine.deliveries(app.id)[0]).state == outbox.PENDING:
        machine.clock.now = max(machine.clock.now, datetime.fromisoformat(d.next_attempt_at))
        machine.webhooks.run()
    assert d.state == outbox.FAILED and "gave up" in d.last_reason
    assert 16 <= (machine.clock.now - started).total_seconds() / 3600 <= 30
    assert len(received(httpserver)) == d.attempts


def test_outcomes_are_counted_and_final_ones_enter_the_audit_trail(machine, httpserver):
    from desktop_app.services import metrics
    from desktop_app.services.audit import AuditTrail

    def counted() -> dict[str, int]:
        return {
            s.labels["outcome"]: s.count
            for s in metrics.series(machine.store)
            if s.name == metrics.WEBHOOK_DELIVERIES
        }

    metrics.bind(machine.store)
    try:
        before = counted()  # the process-wide recorder may hold earlier tests' counts
        httpserver.expect_ordered_request("/hook").respond_with_data("", status=503)
        httpserver.expect_ordered_request("/hook").respond_with_data("", status=200)
        app = machine.submit()
        machine.sync()
        machine.webhooks.run()
        machine.clock.advance(hours=1)
        machine.webhooks.run()
        after = counted()
    finally:
        metrics.unbind(machine.store)
    added = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    assert {k: v for k, v in added.items() if v} == {"retrying": 1, "delivered": 1}
    sent = [e for e in AuditTrail(machine.store).entries(app.id) if e.action == "webhook_sent"]
    assert [(e.detail["outcome"], e.detail["status"]) for e in sent] == [("delivered", 200)]


def test_the_full_payload_mode_carries_the_application_as_exported(machine, httpserver):
    from desktop_app.services.webhooks.payload import PayloadMode
    from desktop_app.services.webhooks.service import WebhookSettings

    machine.settings = WebhookSettings(machine.settings.url, PayloadMode.FULL)
    httpserver.expect_request("/hook").respond_with_data("")
    app = machine.submit()
    machine.sync()
    machine.webhooks.run()
    data = json.loads(received(httpserver)[0].get_data(as_text=True))["data"]
    assert data["application"]["id"] == app.id
    assert data["application"]["primary_applicant"]["last_name"] == app.primary_applicant.last_name
