"""The least-privilege policy of the identity pool's authenticated role (docs/architecture.md, "Remote schema and key rules").

One function, :func:`authenticated_role_policy`, builds it for both ``admin iam-policy``
(concrete ARNs) and the CloudFormation template (intrinsic functions), so the two cannot drift.

- The four tables: only the item actions the app uses (no Scan), only where every leading
  (partition) key is the caller's identity id or starts with it and ``#``. ``ForAllValues`` is
  vacuously true for a request without leading keys, so each such statement also requires
  ``"Null": {"dynamodb:LeadingKeys": "false"}``.
- The indexes (each table's ``zoneinfo-index``, the app table's changes index): Query only,
  leading key exactly the identity id.
- S3: the caller's own prefix of the document bucket.
- KMS: GenerateDataKey and Decrypt (the remote's field and document envelopes) and Encrypt
  (wrapping the local store's existing key beside the store) on the key, only with the
  caller's identity id as the ``zoneinfo`` encryption context.

:func:`leading_key_allowed` evaluates the LeadingKeys conditions (IAM ``StringLike``), so tests
can check the keys the app and the migration write against the policy moto does not enforce."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from desktop_app.remote.tables import ALL_TABLES, TableNames

IDENTITY = "${cognito-identity.amazonaws.com:sub}"

TABLE_ACTIONS = [
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",  # condition checks inside TransactWriteItems
    "dynamodb:DeleteItem",  # a person removed from an application
    "dynamodb:GetItem",
    "dynamodb:PutItem",  # also what TransactWriteItems' Put needs
    "dynamodb:Query",
    "dynamodb:UpdateItem",
]
INDEX_ACTIONS = ["dynamodb:Query"]
S3_ACTIONS = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]
KMS_ACTIONS = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]

PLACEHOLDER_ACCOUNT = "123456789012"
PLACEHOLDER_KEY = "00000000-0000-0000-0000-000000000000"
DEFAULT_BUCKET = "leasedesk-documents"


@dataclass(frozen=True)
class PolicyResources:
    """ARNs, as strings or as CloudFormation intrinsic functions."""

    tables: list[Any]
    indexes: list[Any]
    bucket_objects: Any  # the caller's own prefix: <bucket ARN>/<identity id>/*
    kms_key: Any


def _leading_keys(patterns: list[str]) -> dict[str, Any]:
    return {
        "ForAllValues:StringLike": {"dynamodb:LeadingKeys": patterns},
        "Null": {"dynamodb:LeadingKeys": "false"},
    }


def authenticated_role_policy(resources: PolicyResources) -> dict[str, Any]:
    """The policy document of the authenticated role."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "OwnItemsInTheFourTables",
                "Effect": "Allow",
                "Action": TABLE_ACTIONS,
                "Resource": resources.tables,
                "Condition": _leading_keys([IDENTITY, f"{IDENTITY}#*"]),
            },
            {
                "Sid": "OwnApplicationsThroughZoneinfoIndex",
                "Effect": "Allow",
                "Action": INDEX_ACTIONS,
                "Resource": resources.indexes,
                "Condition": _leading_keys([IDENTITY]),
            },
            {
                "Sid": "OwnDocumentObjects",
                "Effect": "Allow",
                "Action": S3_ACTIONS,
                "Resource": resources.bucket_objects,
            },
            {
                "Sid": "DataKeysForOwnEncryptionContext",
                "Effect": "Allow",
                "Action": KMS_ACTIONS,
                "Resource": resources.kms_key,
                "Condition": {"StringEquals": {"kms:EncryptionContext:zoneinfo": IDENTITY}},
            },
        ],
    }


def _partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


@dataclass(frozen=True)
class PolicySettings:
    account_id: str
    region: str
    bucket: str
    kms_key_id: str
    table_prefix: str = ""
    table_suffix: str = ""
    #: Whether the account id was given; None: judged by comparing with the placeholder.
    account_given: bool | None = None

    @classmethod
    def from_options(cls, **options: str | None) -> PolicySettings:
        env = os.environ
        region = (
            options.get("region")
            or env.get("DESKTOP_APP_REGION")
            or env.get("AWS_DEFAULT_REGION")
            or "us-east-1"
        )
        key = options.get("kms_key_id") or env.get("DESKTOP_APP_KMS_KEY_ID") or PLACEHOLDER_KEY
        if key.startswith("alias/") or ":alias/" in key:
            raise ValueError(
                "give the KMS key's id or ARN, not an alias: IAM matches keys, not aliases"
            )
        prefix, suffix = options.get("table_prefix"), options.get("table_suffix")
        return cls(
            account_id=options.get("account_id") or PLACEHOLDER_ACCOUNT,
            account_given=bool(options.get("account_id")),
            region=region,
            bucket=options.get("bucket") or env.get("DESKTOP_APP_S3_BUCKET") or DEFAULT_BUCKET,
            kms_key_id=key,
            table_prefix=prefix if prefix is not None else env.get("DESKTOP_APP_TABLE_PREFIX", ""),
            table_suffix=suffix if suffix is not None else env.get("DESKTOP_APP_TABLE_SUFFIX", ""),
        )

    def placeholders(self) -> list[str]:
        out = []
        given = self.account_given
        if given is False or (given is None and self.account_id == PLACEHOLDER_ACCOUNT):
            out.append(
                f"no --account-id: the ARNs use the placeholder account {PLACEHOLDER_ACCOUNT}"
            )
        if self.kms_key_id == PLACEHOLDER_KEY:
            out.append(
                "no --kms-key-id or DESKTOP_APP_KMS_KEY_ID: the KMS ARN uses a placeholder key id"
            )
        return out

    def resources(self) -> PolicyResources:
        partition = _partition(self.region)
        names = TableNames.with_affixes(self.table_prefix, self.table_suffix)
        base = f"arn:{partition}:dynamodb:{self.region}:{self.account_id}:table"
        tables = [f"{base}/{names.for_spec(spec)}" for spec in ALL_TABLES]
        key = self.kms_key_id
        if not key.startswith("arn:"):
            key = f"arn:{partition}:kms:{self.region}:{self.account_id}:key/{key}"
        return PolicyResources(
            tables=tables,
            indexes=[
                f"{arn}/index/{index}"
                for arn, spec in zip(tables, ALL_TABLES, strict=True)
                for index in spec.index_names
            ],
            bucket_objects=f"arn:{partition}:s3:::{self.bucket}/{IDENTITY}/*",
            kms_key=key,
        )


def string_like(pattern: str, value: str) -> bool:
    """IAM ``StringLike``: case-sensitive, ``*`` any run of characters, ``?`` one character."""
    regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, flags=re.DOTALL) is not None


def leading_key_allowed(
    policy: dict[str, Any],
    identity_id: str,
    key: str,
    *,
    action: str = "dynamodb:PutItem",
    index: bool = False,
) -> bool:
    """Would ``policy`` allow ``action`` with partition key ``key`` for ``identity_id``?

    ``index=True`` asks about the indexes instead of the tables. Only the
    LeadingKeys conditions are evaluated (what moto cannot check for us)."""
    for statement in policy.get("Statement", []):
        if statement.get("Effect") != "Allow" or action not in _as_list(statement.get("Action")):
            continue
        resources = [r for r in _as_list(statement.get("Resource")) if isinstance(r, str)]
        if not any(("/index/" in r) == index and ":dynamodb:" in r for r in resources):
            continue
        condition = statement.get("Condition", {})
        patterns = condition.get("ForAllValues:StringLike", {}).get("dynamodb:LeadingKeys")
        if patterns is None:
            return True  # unconditioned: any key
        resolved = [p.replace(IDENTITY, identity_id) for p in _as_list(patterns)]
        if any(string_like(p, key) for p in resolved):
            return True
    return False


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
