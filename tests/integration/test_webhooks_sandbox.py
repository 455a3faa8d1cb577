"""The sandbox's loopback receiver: it verifies signatures, answers each person with a made-up
screening summary, and those summaries reach the person items; the sandbox points the app at it
and hands its secret to the keyring at the demo agent's sign-in."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from desktop_app.sandbox.receiver import SandboxReceiver
from desktop_app.services.webhooks.outbox import DELIVERED
from desktop_app.sync.keys import user_id_for
from desktop_app.sync.webhook_attributes import LEASEDESK_KEY
from tests.fixtures.sync_setup import IDENTITY, TABLES
from tests.fixtures.webhook_setup import Machine


@pytest.fixture
def receiver():
    r = SandboxReceiver().start()
    yield r
    r.stop()


def test_the_whole_loop_reaches_every_persons_summary(tmp_path, moto, receiver):
    machine = Machine(tmp_path, moto, receiver.url)
    machine.secret = receiver.secret
    app = machine.submit()
    machine.sync()
    report = machine.webhooks.run()
    assert report.delivered == 1 and report.problems == [] and receiver.received == 1
    (d,) = machine.deliveries(app.id)
    assert d.state == DELIVERED
    client = moto.client("dynamodb")
    tables = {"applicant": TABLES.applicant, "co_applicant": TABLES.coapplicant, "guarantor": TABLES.guarantor}
    for role, person in app.people():
        raw = client.get_item(
            TableName=tables[role.value],
            Key={"userId": {"S": user_id_for(IDENTITY, person.id)}, "zoneinfo": {"S": IDENTITY}},
        )["Item"]
        mine = raw["webhookSummary"]["M"][LEASEDESK_KEY]["M"]
        assert mine["status"]["S"] in ("approved", "review")
        assert mine["reference_id"]["S"].startswith("SBX-")
        assert "credit_score" not in mine and "details_enc" in mine
    machine.store.close()


def test_an_unsigned_or_wrongly_signed_event_is_refused(receiver):
    request = urllib.request.Request(
        receiver.url, data=b'{"type": "application.submitted"}', method="POST",
        headers={"content-type": "application/json", "webhook-id": "msg_x",
                 "webhook-timestamp": "1", "webhook-signature": "v1,AAAA"},
    )
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(request, timeout=10)
    assert exc.value.code == 401 and receiver.refused == 1 and receiver.received == 0


def test_the_sandbox_points_at_its_receiver_and_keeps_the_secret_in_the_keyring(
    moto, secret_service, receiver
):
    from desktop_app.auth.secrets import WEBHOOK_SECRET, SecretStore
    from desktop_app.sandbox.provision import provision
    from desktop_app.sandbox.server import SandboxHandle

    handle = SandboxHandle(backend=provision(moto.url), _server=None, receiver=receiver)
    assert handle.settings["DESKTOP_APP_WEBHOOK_URL"] == receiver.url
    assert handle.config().webhook_url == receiver.url
    handle.give_webhook_secret(IDENTITY)
    assert SecretStore().get(IDENTITY, WEBHOOK_SECRET) == receiver.secret
