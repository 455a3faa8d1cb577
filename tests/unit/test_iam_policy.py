"""``admin iam-policy``: the authenticated role's least-privilege policy, and the LeadingKeys
matcher other tests reuse (moto evaluates no IAM conditions)."""

from __future__ import annotations

import json

import pytest

from desktop_app.admin.iam_policy import (
    IDENTITY,
    PolicySettings,
    authenticated_role_policy,
    leading_key_allowed,
    string_like,
)
from desktop_app.cli.main import main
from desktop_app.remote.tables import TableNames

ME = "us-east-1:2f1c0000-1111-4222-8333-444455556666"
OTHER = "us-east-1:2f1c0000-1111-4222-8333-444455556667"
ULID = "01JD0000000000000000000000"
CONDITION_OPERATORS = {"ForAllValues:StringLike", "Null", "StringEquals"}


def cli_policy(capsys, *args: str) -> dict:
    assert main(["admin", "iam-policy", *args]) == 0
    return json.loads(capsys.readouterr().out)


def policy() -> dict:
    return authenticated_role_policy(PolicySettings.from_options().resources())


def test_output_parses_as_an_iam_policy_document(capsys):
    doc = cli_policy(capsys, "--account-id", "111122223333", "--region", "eu-west-1")
    assert doc["Version"] == "2012-10-17"
    assert doc["Statement"]
    sids = [s["Sid"] for s in doc["Statement"]]
    assert len(set(sids)) == len(sids)
    for statement in doc["Statement"]:
        assert set(statement) <= {"Sid", "Effect", "Action", "Resource", "Condition"}
        assert statement["Effect"] == "Allow"
        actions = (
            statement["Action"] if isinstance(statement["Action"], list) else [statement["Action"]]
        )
        assert all(isinstance(a, str) and ":" in a and "*" not in a for a in actions)
        assert set(statement.get("Condition", {})) <= CONDITION_OPERATORS
        for resource in (
            statement["Resource"]
            if isinstance(statement["Resource"], list)
            else [statement["Resource"]]
        ):
            assert resource.startswith("arn:aws:")
            assert ":eu-west-1:111122223333:" in resource or resource.startswith("arn:aws:s3:::")


def test_names_only_the_four_tables_their_indexes_the_bucket_prefix_and_the_key(
    capsys, monkeypatch
):
    monkeypatch.setenv("DESKTOP_APP_S3_BUCKET", "docs-bucket")
    monkeypatch.setenv("DESKTOP_APP_KMS_KEY_ID", "1234abcd-12ab-34cd-56ef-1234567890ab")
    monkeypatch.setenv("DESKTOP_APP_TABLE_PREFIX", "staging-")
    doc = cli_policy(capsys, "--account-id", "111122223333", "--region", "us-east-1")
    table_arn = "arn:aws:dynamodb:us-east-1:111122223333:table/"
    names = TableNames.with_affixes("staging-").all()
    resources = sorted(
        r
        for s in doc["Statement"]
        for r in (s["Resource"] if isinstance(s["Resource"], list) else [s["Resource"]])
    )
    assert resources == sorted(
        [table_arn + n for n in names]
        + [f"{table_arn}{n}/index/zoneinfo-index" for n in names]
        + [f"{table_arn}{names[0]}/index/zoneinfo-last_updated-index"]
        + [
            f"arn:aws:s3:::docs-bucket/{IDENTITY}/*",
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        ]
    )


def test_no_scan_and_every_leading_keys_statement_has_the_null_guard():
    doc = policy()
    actions = {a for s in doc["Statement"] for a in s["Action"]}
    assert not any(a.endswith(("Scan", "*")) for a in actions)
    assert "dynamodb:BatchWriteItem" not in actions  # the app writes through transactions
    dynamo = [s for s in doc["Statement"] if s["Action"][0].startswith("dynamodb:")]
    assert len(dynamo) == 2
    for statement in dynamo:
        assert statement["Condition"]["Null"] == {"dynamodb:LeadingKeys": "false"}
    [index] = [s for s in dynamo if all("/index/" in r for r in s["Resource"])]
    assert index["Action"] == ["dynamodb:Query"]
    # the delta pull's index is granted under the same condition as the zoneinfo-index
    assert any(r.endswith("/index/zoneinfo-last_updated-index") for r in index["Resource"])
    assert index["Condition"]["ForAllValues:StringLike"]["dynamodb:LeadingKeys"] == [IDENTITY]


def test_kms_only_with_the_callers_encryption_context():
    [kms] = [s for s in policy()["Statement"] if s["Action"][0].startswith("kms:")]
    assert sorted(kms["Action"]) == ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
    assert kms["Condition"] == {"StringEquals": {"kms:EncryptionContext:zoneinfo": IDENTITY}}


def test_the_store_key_wrapping_calls_only_what_the_policy_grants(tmp_path):
    """Wrapping a store key and unwrapping it again makes KMS calls the role must allow, each
    with the caller's identity id as the context (moto checks no IAM, so this is the check)."""
    import boto3
    from moto import mock_aws

    from desktop_app.services.account_keys import unwrap, wrap_and_store
    from desktop_app.storage.crypto import DataKey

    [kms_statement] = [s for s in policy()["Statement"] if s["Action"][0].startswith("kms:")]
    condition = kms_statement["Condition"]["StringEquals"]["kms:EncryptionContext:zoneinfo"]
    calls: list[tuple[str, dict]] = []
    with mock_aws():
        kms = boto3.client("kms", region_name="us-east-1")
        key_id = kms.create_key()["KeyMetadata"]["KeyId"]
        kms.meta.events.register(
            "provide-client-params.kms.*",
            lambda params, model, **_: calls.append((model.name, dict(params))),
        )
        key = DataKey.generate()
        wrap_and_store(tmp_path, ME, key, kms, key_id)
        assert unwrap(tmp_path, ME, kms, key_id) == key
    assert calls
    for operation, params in calls:
        assert f"kms:{operation}" in kms_statement["Action"], operation
        assert params["EncryptionContext"] == {"zoneinfo": ME}
        assert condition == IDENTITY


@pytest.mark.parametrize(
    "key, allowed",
    [
        (ME, True),  # applicant who is the account
        (f"{ME}#{ULID}", True),  # appid / person entered by the agent
        (f"{ME}#app-1#co0", True),  # migrated co-applicant
        (OTHER, False),
        (f"{OTHER}#{ULID}", False),
        (f"{ME}x", False),  # a longer id that merely starts with ours
        (f"x{ME}", False),
        (ME.upper(), False),  # StringLike is case-sensitive
        ("", False),
    ],
)
def test_table_keys_under_the_identity_only(key, allowed):
    assert leading_key_allowed(policy(), ME, key) is allowed


def test_index_takes_the_identity_id_itself_only():
    doc = policy()
    assert leading_key_allowed(doc, ME, ME, action="dynamodb:Query", index=True)
    assert not leading_key_allowed(doc, ME, f"{ME}#{ULID}", action="dynamodb:Query", index=True)
    assert not leading_key_allowed(doc, ME, ME, action="dynamodb:PutItem", index=True)
    assert not leading_key_allowed(doc, ME, ME, action="dynamodb:Scan")


def test_string_like_wildcards():
    assert string_like("a*c", "abbbc") and string_like("a*c", "ac")
    assert string_like("a?c", "abc") and not string_like("a?c", "ac")
    assert string_like("a.c", "a.c") and not string_like("a.c", "abc")  # no regex leaks


def test_alias_instead_of_key_is_refused():
    with pytest.raises(ValueError, match="not an alias"):
        PolicySettings.from_options(kms_key_id="alias/leasedesk")


def test_placeholders_are_announced_on_stderr(capsys, monkeypatch):
    monkeypatch.delenv("DESKTOP_APP_KMS_KEY_ID", raising=False)
    assert main(["admin", "iam-policy"]) == 0
    err = capsys.readouterr().err
    assert "placeholder account" in err and "placeholder key" in err
