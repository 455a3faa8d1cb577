"""``admin iam-policy --role receiver``: a webhook receiver reads the four tables and their
indexes, may update only the webhook attributes, and may decrypt; nothing else."""

from __future__ import annotations

import json

from desktop_app.admin.iam_policy import PolicySettings
from desktop_app.admin.receiver_policy import attributes_allowed, receiver_role_policy
from desktop_app.cli.main import main
from desktop_app.remote.tables import ALL_TABLES, TableNames


def cli(capsys, *args: str) -> dict:
    assert main(["admin", "iam-policy", *args]) == 0
    return json.loads(capsys.readouterr().out)


def actions(doc: dict) -> set[str]:
    return {a for s in doc["Statement"] for a in s["Action"]}


def test_the_receiver_role_reads_the_tables_and_indexes_and_decrypts(capsys):
    doc = cli(capsys, "--role", "receiver", "--account-id", "111122223333", "--region", "eu-west-1")
    assert actions(doc) == {"dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem", "kms:Decrypt"}
    names = TableNames.with_affixes()
    tables = {f"arn:aws:dynamodb:eu-west-1:111122223333:table/{n}" for n in names.all()}
    read = next(s for s in doc["Statement"] if s["Sid"] == "ReadTheFourTables")
    assert set(read["Resource"]) == tables
    indexes = next(s for s in doc["Statement"] if s["Sid"] == "QueryTheirIndexes")
    assert {r.split("/index/")[1] for r in indexes["Resource"]} == {
        i for spec in ALL_TABLES for i in spec.index_names
    }
    assert all(r.split("/index/")[0] in tables for r in indexes["Resource"])


def test_updates_are_limited_to_the_webhook_attributes():
    doc = receiver_role_policy(PolicySettings.from_options().resources())
    assert attributes_allowed(doc, "dynamodb:UpdateItem", ["appid", "zoneinfo", "webhook_responses"])
    assert attributes_allowed(doc, "dynamodb:UpdateItem", ["userId", "zoneinfo", "webhookSummary"])
    for foreign in ("version", "content_hash", "applicant_info", "status", "people"):
        assert not attributes_allowed(doc, "dynamodb:UpdateItem", ["appid", "zoneinfo", foreign])
    assert not attributes_allowed(doc, "dynamodb:PutItem", ["appid", "zoneinfo"])
    assert not attributes_allowed(doc, "dynamodb:DeleteItem", ["appid", "zoneinfo"])
    update = next(s for s in doc["Statement"] if s["Sid"] == "WriteOnlyWebhookAttributes")
    assert update["Condition"]["Null"] == {"dynamodb:Attributes": "false"}


def test_the_agent_role_is_still_the_default(capsys):
    doc = cli(capsys)
    assert "dynamodb:PutItem" in actions(doc) and "kms:GenerateDataKey" in actions(doc)


def test_the_template_holds_the_same_receiver_role():
    from desktop_app.admin.cloudformation import template, template_policy_resources

    role = template()["Resources"]["WebhookReceiverRole"]
    (policy,) = role["Properties"]["Policies"]
    assert policy["PolicyDocument"] == receiver_role_policy(template_policy_resources())
