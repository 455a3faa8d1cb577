"""The IAM policy of a webhook receiver's role (docs/webhooks.md, "The receiver's permissions").

The reference payload names an application; the receiver reads it from the tables under its
own role: ``GetItem``/``Query`` on the four tables and their indexes (every account's items —
a receiver serves the whole brokerage), ``UpdateItem`` limited by ``dynamodb:Attributes`` to
the keys and the two attributes receivers write (``webhookSummary``, ``webhook_responses``),
and ``kms:Decrypt`` on the key to open sealed fields. No Scan, no PutItem, no DeleteItem.

:func:`receiver_role_policy` builds it for ``admin iam-policy --role receiver`` (concrete
ARNs) and the CloudFormation template (intrinsic functions) alike."""

from __future__ import annotations

import copy
from typing import Any

from desktop_app.admin.iam_policy import PolicyResources
from desktop_app.remote.tables import ALL_TABLES

READ_ACTIONS = ["dynamodb:GetItem", "dynamodb:Query"]
INDEX_ACTIONS = ["dynamodb:Query"]
WRITE_ACTIONS = ["dynamodb:UpdateItem"]
KMS_ACTIONS = ["kms:Decrypt"]
#: What a receiver's UpdateItem may name: the key attributes and its two attributes.
WRITABLE = ["webhookSummary", "webhook_responses"]


def key_attributes() -> list[str]:
    return sorted({a for s in ALL_TABLES for a in (s.partition_key, s.sort_key)})


def receiver_role_policy(resources: PolicyResources) -> dict[str, Any]:
    resources = copy.deepcopy(resources)  # no object shared with another policy (YAML aliases)
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ReadTheFourTables",
                "Effect": "Allow",
                "Action": READ_ACTIONS,
                "Resource": resources.tables,
            },
            {
                "Sid": "QueryTheirIndexes",
                "Effect": "Allow",
                "Action": INDEX_ACTIONS,
                "Resource": resources.indexes,
            },
            {
                "Sid": "WriteOnlyWebhookAttributes",
                "Effect": "Allow",
                "Action": WRITE_ACTIONS,
                "Resource": copy.deepcopy(resources.tables),
                "Condition": {
                    "ForAllValues:StringEquals": {
                        "dynamodb:Attributes": key_attributes() + WRITABLE
                    },
                    "Null": {"dynamodb:Attributes": "false"},
                    "StringEqualsIfExists": {
                        "dynamodb:ReturnValues": ["NONE", "UPDATED_OLD", "UPDATED_NEW"]
                    },
                },
            },
            {
                "Sid": "OpenSealedFields",
                "Effect": "Allow",
                "Action": KMS_ACTIONS,
                "Resource": resources.kms_key,
            },
        ],
    }


def receiver_role_resource(resources: PolicyResources) -> dict[str, Any]:
    """The CloudFormation role: assumable by the account's own principals (grant
    ``sts:AssumeRole`` on it to the receiver's compute)."""
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "Description": "LeaseDesk webhook receivers: read the tables, write webhook attributes",
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {
                            "AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"}
                        },
                        "Action": "sts:AssumeRole",
                    }
                ],
            },
            "Policies": [
                {
                    "PolicyName": "leasedesk-webhook-receiver",
                    "PolicyDocument": receiver_role_policy(resources),
                }
            ],
        },
    }


def attributes_allowed(policy: dict[str, Any], action: str, attributes: list[str]) -> bool:
    """Would ``policy`` allow ``action`` naming ``attributes`` on a table (the
    ``dynamodb:Attributes`` conditions only, which moto does not enforce)?"""
    for st in policy.get("Statement", []):
        actions = st.get("Action", [])
        if st.get("Effect") != "Allow" or action not in actions:
            continue
        resources = st.get("Resource", [])
        if not any(isinstance(r, str) and "/index/" not in r for r in resources):
            continue
        allowed = st.get("Condition", {}).get("ForAllValues:StringEquals", {}).get(
            "dynamodb:Attributes"
        )
        if allowed is None or (attributes and set(attributes) <= set(allowed)):
            return True
    return False
