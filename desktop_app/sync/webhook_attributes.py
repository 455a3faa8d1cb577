"""Writing webhook outcomes onto the shared items, next to what other systems write there:
an append to the app item's ``webhook_responses`` and one key of LeaseDesk's own in each
person's ``webhookSummary`` map. Both are plain ``UpdateItem`` calls that touch nothing else
(no ``version``, no content hash), so a push never undoes them and they never undo a
receiver's own entries (docs/webhooks.md). Response bodies and the non-allow-listed part of
a summary are sealed with the application's KMS envelope (``envelope.py``) before they leave."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from botocore.exceptions import ClientError

from desktop_app.remote.tables import TableNames
from desktop_app.sync.mapping import SPECS

log = logging.getLogger(__name__)

RESPONSES = "webhook_responses"
SUMMARY = "webhookSummary"
#: LeaseDesk's own key in each person's ``webhookSummary``.
LEASEDESK_KEY = "leasedesk"

#: (appid, plaintext, aad) -> the sealed value; None: no KMS key, nothing sensitive is written.
Seal = Callable[[str, bytes, str], dict[str, Any]]


def body_aad(appid: str, msg_id: str) -> str:
    return f"{appid}|webhook_responses|{msg_id}"


def summary_aad(appid: str, user_id: str, msg_id: str) -> str:
    return f"{appid}|{user_id}|webhookSummary|{msg_id}"


def _conditional(exc: ClientError) -> bool:
    return bool(exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException")


def _refused(exc: ClientError) -> bool:
    """DynamoDB refused the write itself (an item grown past 400 KB): retrying cannot help."""
    return bool(exc.response.get("Error", {}).get("Code") == "ValidationException")


TOO_BIG = "DynamoDB refused the write (the item would be too large?); this outcome is kept only here"


class WebhookAttributes:
    """``client``: a DynamoDB client (or a zero-argument factory of one)."""

    def __init__(
        self, client: Any, tables: TableNames, identity_id: str, seal: Seal | None
    ) -> None:
        from boto3.dynamodb.types import TypeSerializer

        self._client = client
        self.tables = tables
        self.identity_id = identity_id
        self.seal = seal
        self._ser = TypeSerializer()

    @property
    def client(self) -> Any:
        c = self._client
        return c if hasattr(c, "meta") else c()

    def _av(self, value: Any) -> dict[str, Any]:
        typed: dict[str, Any] = self._ser.serialize(
            json.loads(json.dumps(value, default=str), parse_float=Decimal)
        )
        return typed

    def _sealed(self, appid: str, value: Any, aad: str) -> dict[str, Any] | None:
        if self.seal is None:
            return None
        return self.seal(appid, json.dumps(value, default=str).encode("utf-8"), aad)

    def append_response(self, appid: str, entry: dict[str, Any], body: str | None) -> str | None:
        """Append ``entry`` (clear fields) with ``body`` sealed to the app item's responses,
        once per attempt (``entry["id"]`` and ``entry["at"]``). Returns a problem to report,
        or None."""
        table = self.tables.for_spec(SPECS["app"])
        key = {"appid": {"S": appid}, "zoneinfo": {"S": self.identity_id}}
        held = self.client.get_item(
            TableName=table, Key=key, ConsistentRead=True, ProjectionExpression="#r",
            ExpressionAttributeNames={"#r": RESPONSES},
        ).get("Item", {})
        existing = held.get(RESPONSES, {}).get("L", [])
        def same(e: dict[str, Any]) -> bool:
            held = e.get("M", {})
            return bool(
                held.get("id", {}).get("S") == entry["id"]
                and held.get("at", {}).get("S") == entry["at"]
            )

        if any(same(e) for e in existing):
            return None  # written before (a crash between the write and its record)
        full = dict(entry)
        if body:
            aad = body_aad(appid, entry["id"])
            sealed = None if self.seal is None else self.seal(appid, body.encode("utf-8"), aad)
            if sealed is None:
                full["body_kept"] = "no (no KMS key configured)"
            else:
                full["body_enc"] = sealed
        try:
            self.client.update_item(
                TableName=table,
                Key=key,
                UpdateExpression="SET #r = list_append(if_not_exists(#r, :empty), :new)",
                ConditionExpression=(
                    "attribute_exists(appid) AND (attribute_not_exists(#r) OR attribute_type(#r, :L))"
                ),
                ExpressionAttributeNames={"#r": RESPONSES},
                ExpressionAttributeValues={
                    ":empty": {"L": []},
                    ":new": {"L": [self._av(full)]},
                    ":L": {"S": "L"},
                },
            )
        except ClientError as exc:
            if _conditional(exc):
                return f"{RESPONSES} on the application holds another shape (or the item is gone); left as it is"
            if _refused(exc):
                return f"{RESPONSES}: {TOO_BIG}"
            raise
        return None

    def set_summary(
        self, table: str, appid: str, user_id: str, msg_id: str, clear: dict[str, Any],
        rest: dict[str, Any], at: str,
    ) -> str | None:
        """Set ``webhookSummary.leasedesk`` of one person of ``appid``; returns a problem to
        report (another shape there, not this application's person), or None."""
        spec = SPECS[table]
        name = self.tables.for_spec(spec)
        key = {spec.partition_key: {"S": user_id}, "zoneinfo": {"S": self.identity_id}}
        value: dict[str, Any] = {**clear, "webhook_id": msg_id, "at": at}
        if rest:
            sealed = self._sealed(appid, rest, summary_aad(appid, user_id, msg_id))
            if sealed is None:
                value["details_kept"] = "no (no KMS key configured)"
            else:
                value["details_enc"] = sealed
        mine = "attribute_exists(#pk) AND appid = :appid"
        try:
            self.client.update_item(
                TableName=name, Key=key,
                UpdateExpression="SET #s = :m",
                ConditionExpression=f"{mine} AND attribute_not_exists(#s)",
                ExpressionAttributeNames={"#s": SUMMARY, "#pk": spec.partition_key},
                ExpressionAttributeValues={":m": {"M": {}}, ":appid": {"S": appid}},
            )
        except ClientError as exc:
            if not _conditional(exc):
                raise
        try:
            self.client.update_item(
                TableName=name, Key=key,
                UpdateExpression="SET #s.#k = :v",
                ConditionExpression=f"{mine} AND attribute_type(#s, :M)",
                ExpressionAttributeNames={
                    "#s": SUMMARY, "#k": LEASEDESK_KEY, "#pk": spec.partition_key,
                },
                ExpressionAttributeValues={
                    ":v": self._av(value), ":appid": {"S": appid}, ":M": {"S": "M"},
                },
            )
        except ClientError as exc:
            if _conditional(exc):
                return f"{SUMMARY} of a {table} holds another shape (or the item is not this application's); left as it is"
            if _refused(exc):
                return f"{SUMMARY} of a {table}: {TOO_BIG}"
            raise
        return None
