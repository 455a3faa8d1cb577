"""``packaging/aws/template.yaml``: generated from the same sources as create-tables and
iam-policy, kept in sync, valid for cfn-lint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from desktop_app.admin.cloudformation import RESOURCE_NAMES, render_yaml, template
from desktop_app.admin.iam_policy import PolicySettings, authenticated_role_policy
from desktop_app.remote.tables import ALL_TABLES

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "packaging" / "aws" / "template.yaml"


class CfnLoader(yaml.SafeLoader):
    """Reads the short intrinsic forms (!Ref, !Sub, ...) should anyone hand-write one."""


CfnLoader.add_multi_constructor(
    "!", lambda loader, suffix, node: {suffix: loader.construct_scalar(node)}
)


def test_committed_template_is_the_generated_one():
    assert TEMPLATE.read_text(encoding="utf-8") == render_yaml(), (
        "run: python -m desktop_app.admin.cloudformation"
    )


def test_cfn_lint_accepts_the_template():
    from cfnlint.api import ManualArgs, lint_file

    matches = lint_file(TEMPLATE, config=ManualArgs(regions=["us-east-1"]))
    assert [str(m) for m in matches] == []


def test_cfn_lint_would_catch_a_broken_template(tmp_path):
    from cfnlint.api import ManualArgs, lint_file

    broken = template()
    broken["Resources"]["AppTable"]["Properties"]["BillingMode"] = "WHENEVER"
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert lint_file(path, config=ManualArgs(regions=["us-east-1"]))


def _resolve(value: Any, arns: dict[str, str]) -> Any:
    """Resolve the intrinsic functions the policy uses, as CloudFormation would."""
    if isinstance(value, list):
        return [_resolve(v, arns) for v in value]
    if isinstance(value, dict):
        if set(value) == {"Fn::GetAtt"}:
            name, attribute = value["Fn::GetAtt"]
            assert attribute == "Arn"
            return arns[name]
        if set(value) == {"Fn::Sub"}:
            text = value["Fn::Sub"]
            for name, arn in arns.items():
                text = text.replace(f"${{{name}.Arn}}", arn)
            assert "${" not in text.replace("${!", ""), text  # nothing left unresolved
            return text.replace("${!", "${")
        return {k: _resolve(v, arns) for k, v in value.items()}
    return value


def test_template_policy_is_the_iam_policy_command_policy():
    settings = PolicySettings(
        account_id="111122223333", region="us-east-1", bucket="docs-bucket", kms_key_id="key-1"
    )
    arns = {
        RESOURCE_NAMES[
            spec.logical
        ]: f"arn:aws:dynamodb:us-east-1:111122223333:table/{spec.base_name}"
        for spec in ALL_TABLES
    }
    arns["DocumentBucket"] = "arn:aws:s3:::docs-bucket"
    arns["DocumentKey"] = "arn:aws:kms:us-east-1:111122223333:key/key-1"
    loaded = yaml.load(TEMPLATE.read_text(encoding="utf-8"), Loader=CfnLoader)
    [policy] = loaded["Resources"]["AuthenticatedRole"]["Properties"]["Policies"]
    assert _resolve(policy["PolicyDocument"], arns) == authenticated_role_policy(
        settings.resources()
    )


def test_trust_policy_admits_only_authenticated_identities_of_this_pool():
    role = template()["Resources"]["AuthenticatedRole"]["Properties"]
    [statement] = role["AssumeRolePolicyDocument"]["Statement"]
    assert statement["Action"] == "sts:AssumeRoleWithWebIdentity"
    assert statement["Principal"] == {"Federated": "cognito-identity.amazonaws.com"}
    assert statement["Condition"] == {
        "StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": "IdentityPool"}},
        "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
    }


def test_tables_and_identity_pool_survive_stack_deletion():
    resources = template()["Resources"]
    for name in [*RESOURCE_NAMES.values(), "IdentityPool"]:
        assert resources[name]["DeletionPolicy"] == "Retain", name
        assert resources[name]["UpdateReplacePolicy"] == "Retain", name
    for spec in ALL_TABLES:
        props = resources[RESOURCE_NAMES[spec.logical]]["Properties"]
        assert props["KeySchema"] == spec.key_schema
        assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
        assert props["GlobalSecondaryIndexes"] == spec.indexes


def test_document_bucket_is_private_encrypted_and_versioned():
    bucket = template()["Resources"]["DocumentBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert len(bucket["PublicAccessBlockConfiguration"]) == 4
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert (
        template()["Resources"]["IdentityPool"]["Properties"]["AllowUnauthenticatedIdentities"]
        is False
    )
