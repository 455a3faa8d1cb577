"""A receiver's answers written back to the tables (moto over HTTP): the outcome appended to
``webhook_responses``, each person's summary under LeaseDesk's own key of ``webhookSummary``,
next to what the receiver wrote itself; bodies sealed, foreign people refused, no canary in
clear anywhere."""

from __future__ import annotations

import json
import logging

import pytest
from boto3.dynamodb.types import TypeDeserializer
from werkzeug import Response

from desktop_app.remote.tables import ALL_TABLES
from desktop_app.services.webhooks import outbox
from desktop_app.sync.keys import appid_for, user_id_for
from desktop_app.sync.webhook_attributes import LEASEDESK_KEY, body_aad, summary_aad
from tests.fixtures.sync_setup import IDENTITY, OTHER_IDENTITY, TABLES
from tests.fixtures.webhook_setup import Machine

CANARY = "CANARY-7f3a9c-screening-note"


@pytest.fixture
def machine(tmp_path, moto, httpserver):
    m = Machine(tmp_path, moto, httpserver.url_for("/hook"))
    yield m
    m.store.close()


def item(moto, table: str, key: dict) -> dict:
    spec = next(s for s in ALL_TABLES if s.logical == table)
    raw = moto.client("dynamodb").get_item(
        TableName=TABLES.for_spec(spec), Key={k: {"S": v} for k, v in key.items()}
    )["Item"]
    de = TypeDeserializer()
    return {k: de.deserialize(v) for k, v in raw.items()}


def all_items_text(moto) -> str:
    client = moto.client("dynamodb")
    return json.dumps(
        [client.scan(TableName=TABLES.for_spec(s))["Items"] for s in ALL_TABLES], default=str
    )


def answer(app, *, extra_people: dict | None = None) -> dict:
    applicant = user_id_for(IDENTITY, app.primary_applicant.id)
    people = {
        applicant: {
            "status": "approved",
            "reference_id": "SCR-1001",
            "decision_time": "2026-12-01T12:00:00Z",
            "score": 712,
            "note": CANARY,
        }
    }
    people.update(extra_people or {})
    return {"summary": {"status": "complete", "note": CANARY}, "people": people}


def test_responses_and_summaries_land_on_the_right_items_sealed(machine, httpserver, moto, caplog):
    caplog.set_level(logging.DEBUG)
    app = machine.submit()
    httpserver.expect_request("/hook").respond_with_json(answer(app))
    machine.sync()
    report = machine.webhooks.run()
    assert report.delivered == 1 and report.written_back == 1 and report.problems == []
    appid = appid_for(IDENTITY, app.id)
    app_item = item(moto, "app", {"appid": appid, "zoneinfo": IDENTITY})
    (entry,) = app_item["webhook_responses"]
    (d,) = machine.deliveries(app.id)
    assert entry["id"] == d.id and entry["status"] == 200 and entry["outcome"] == "delivered"
    assert entry["endpoint"] == machine.settings.url and "duration_ms" in entry
    assert entry["summary"] == {"status": "complete"}
    body = machine.envelope.open(appid, entry["body_enc"], body_aad(appid, d.id))
    assert json.loads(body)["summary"]["note"] == CANARY
    applicant = user_id_for(IDENTITY, app.primary_applicant.id)
    mine = item(moto, "applicant", {"userId": applicant, "zoneinfo": IDENTITY})["webhookSummary"][LEASEDESK_KEY]
    assert mine["status"] == "approved" and mine["reference_id"] == "SCR-1001"
    assert mine["decision_time"] == "2026-12-01T12:00:00Z"
    assert "score" not in mine and "note" not in mine
    rest = machine.envelope.open(appid, mine["details_enc"], summary_aad(appid, applicant, d.id))
    assert json.loads(rest) == {"score": 712, "note": CANARY}
    for person in app.co_applicants:
        other = item(moto, "coapplicant", {"userId": user_id_for(IDENTITY, person.id), "zoneinfo": IDENTITY})
        assert "webhookSummary" not in other
    assert CANARY not in all_items_text(moto)
    assert CANARY not in caplog.text


def test_a_summary_for_someone_outside_the_application_is_refused(machine, httpserver, moto):
    first = machine.submit(seed=3)
    second = machine.submit(seed=4)
    outsider = user_id_for(IDENTITY, second.primary_applicant.id)
    foreign = user_id_for(OTHER_IDENTITY, first.primary_applicant.id)
    hostile = answer(first, extra_people={outsider: {"status": "declined"}, foreign: {"status": "x"}})

    def reply(request):
        mine = json.loads(request.get_data())["data"]["appid"] == appid_for(IDENTITY, first.id)
        return Response(json.dumps(hostile if mine else {}), content_type="application/json")

    httpserver.expect_request("/hook").respond_with_handler(reply)
    machine.sync()
    report = machine.webhooks.run()
    assert any("outside this application" in p for p in report.problems)
    theirs = item(moto, "applicant", {"userId": outsider, "zoneinfo": IDENTITY})
    assert "webhookSummary" not in theirs
    d = next(x for x in machine.deliveries(first.id))
    assert "outside this application" in d.last_reason


def test_they_survive_later_pushes_and_the_receivers_own_writes(machine, httpserver, moto):
    app = machine.submit()
    machine.sync()
    appid = appid_for(IDENTITY, app.id)
    applicant = user_id_for(IDENTITY, app.primary_applicant.id)
    client = moto.client("dynamodb")
    # The receiver writes its own entries first, as the contract asks (UpdateItem by key).
    client.update_item(
        TableName=TABLES.app,
        Key={"appid": {"S": appid}, "zoneinfo": {"S": IDENTITY}},
        UpdateExpression="SET webhook_responses = :l",
        ExpressionAttributeValues={":l": {"L": [{"M": {"source": {"S": "crm"}}}]}},
    )
    client.update_item(
        TableName=TABLES.applicant,
        Key={"userId": {"S": applicant}, "zoneinfo": {"S": IDENTITY}},
        UpdateExpression="SET webhookSummary = :m",
        ExpressionAttributeValues={":m": {"M": {"crm": {"M": {"stage": {"S": "lead"}}}}}},
    )
    httpserver.expect_request("/hook").respond_with_json(answer(app))
    machine.webhooks.run()
    # A later push of the same application (a change made through the store, then synced).
    with machine.store.uow() as uow:
        local, revision = uow.applications.get(app.id)
        local.application_info.notes = "changed after delivery"
        uow.applications.save(local, expected_revision=revision)
        uow.commit()
    assert machine.sync().outcomes
    app_item = item(moto, "app", {"appid": appid, "zoneinfo": IDENTITY})
    assert app_item["version"] == 2
    assert [e.get("source") for e in app_item["webhook_responses"]] == ["crm", "leasedesk"]
    summary = item(moto, "applicant", {"userId": applicant, "zoneinfo": IDENTITY})["webhookSummary"]
    assert summary["crm"] == {"stage": "lead"} and summary[LEASEDESK_KEY]["status"] == "approved"


def test_a_summary_of_another_shape_is_left_as_it_is_and_reported(machine, httpserver, moto):
    app = machine.submit()
    machine.sync()
    applicant = user_id_for(IDENTITY, app.primary_applicant.id)
    moto.client("dynamodb").update_item(
        TableName=TABLES.applicant,
        Key={"userId": {"S": applicant}, "zoneinfo": {"S": IDENTITY}},
        UpdateExpression="SET webhookSummary = :s",
        ExpressionAttributeValues={":s": {"S": "legacy free text"}},
    )
    httpserver.expect_request("/hook").respond_with_json(answer(app))
    report = machine.webhooks.run()
    assert any("another shape" in p for p in report.problems)
    held = item(moto, "applicant", {"userId": applicant, "zoneinfo": IDENTITY})
    assert held["webhookSummary"] == "legacy free text"
    (d,) = machine.deliveries(app.id)
    assert d.state == outbox.DELIVERED and "another shape" in d.last_reason


def test_a_write_back_repeated_after_a_crash_appends_once(machine, httpserver, moto):
    app = machine.submit()
    httpserver.expect_request("/hook").respond_with_json({"ok": True})
    machine.sync()
    machine.webhooks.run()
    (d,) = machine.deliveries(app.id)
    with machine.store.engine.begin() as conn:  # as if killed before recording the write
        outbox.record(conn, d.id, written_back=0)
    machine.webhooks.write_back()
    appid = appid_for(IDENTITY, app.id)
    assert len(item(moto, "app", {"appid": appid, "zoneinfo": IDENTITY})["webhook_responses"]) == 1


def test_answers_that_would_outgrow_the_item_are_kept_only_here(machine, httpserver, moto):
    """A receiver answering the maximum body again and again: DynamoDB refuses the append
    once the app item would pass 400 KB; the delivery says so and later ones still go out."""
    big = json.dumps({"filler": "x" * (64 * 1024 - 20)})
    httpserver.expect_request("/hook").respond_with_data(big, content_type="application/json")
    app = machine.submit()
    machine.sync()
    machine.webhooks.run()
    (d,) = machine.deliveries(app.id)
    for _ in range(6):
        machine.clock.advance(minutes=1)  # each resend is its own attempt, at its own time
        assert machine.webhooks.resend(d.id)
        report = machine.webhooks.run()
        assert report.delivered == 1
    assert any("too large" in p for p in report.problems)
    assert "too large" in machine.deliveries(app.id)[0].last_reason
    appid = appid_for(IDENTITY, app.id)
    held = item(moto, "app", {"appid": appid, "zoneinfo": IDENTITY})["webhook_responses"]
    assert 1 <= len(held) < 7
