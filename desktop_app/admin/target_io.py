"""Batched reads and writes of target items: ``BatchGetItem`` (≤100 keys) and
``BatchWriteItem`` (≤25 puts), each repeating what DynamoDB left unprocessed with a growing,
jittered pause. Throttling and 5xx are retried by botocore's standard retry mode."""

from __future__ import annotations

import random
import time
from typing import Any, TypeVar

from desktop_app.remote.boto import BotoClient

T = TypeVar("T")

GET_LIMIT = 100
WRITE_LIMIT = 25
MAX_ROUNDS = 12
#: The largest mapped item the migration writes: DynamoDB's limit is 400 KB (409,600 bytes,
#: attribute names and values together); :func:`item_size` is an estimate, so keep a margin.
ITEM_SIZE_LIMIT = 400_000


class UnprocessedError(RuntimeError):
    pass


def _pause(round_no: int) -> None:
    time.sleep(min(5.0, 0.05 * 2**round_no) * random.uniform(0.5, 1.0))


def batch_get(client: BotoClient, table: str, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The items (typed) that exist among ``keys`` (typed), read consistently."""
    if len(keys) > GET_LIMIT:
        raise ValueError(f"BatchGetItem takes at most {GET_LIMIT} keys, got {len(keys)}")
    found: list[dict[str, Any]] = []
    request = {table: {"Keys": keys, "ConsistentRead": True}}
    for round_no in range(MAX_ROUNDS):
        response = client.batch_get_item(RequestItems=request)
        found += response.get("Responses", {}).get(table, [])
        request = response.get("UnprocessedKeys") or {}
        if not request:
            return found
        _pause(round_no)
    raise UnprocessedError(f"{table}: keys still unprocessed after {MAX_ROUNDS} rounds")


def batch_put(client: BotoClient, table: str, items: list[dict[str, Any]]) -> None:
    """Put ``items`` (typed, at most 25, distinct keys) until none is left unprocessed."""
    if len(items) > WRITE_LIMIT:
        raise ValueError(f"BatchWriteItem takes at most {WRITE_LIMIT} items, got {len(items)}")
    request = {table: [{"PutRequest": {"Item": item}} for item in items]}
    for round_no in range(MAX_ROUNDS):
        response = client.batch_write_item(RequestItems=request)
        request = response.get("UnprocessedItems") or {}
        if not request:
            return
        _pause(round_no)
    raise UnprocessedError(f"{table}: items still unprocessed after {MAX_ROUNDS} rounds")


def chunked(sequence: list[T], size: int) -> list[list[T]]:
    return [sequence[i : i + size] for i in range(0, len(sequence), size)]


def item_size(typed: dict[str, Any]) -> int:
    """An upper bound of a typed item's size as DynamoDB counts it (attribute names and values,
    in UTF-8; numbers at their largest; 3 bytes per map or list and 1 per element)."""
    return sum(len(name.encode("utf-8")) + _value_size(value) for name, value in typed.items())


def _value_size(typed: dict[str, Any]) -> int:
    [(tag, payload)] = typed.items()
    if tag == "S":
        return len(payload.encode("utf-8"))
    if tag == "N":
        return len(str(payload)) // 2 + 2
    if tag == "B":
        return len(payload)
    if tag in ("BOOL", "NULL"):
        return 1
    if tag == "SS":
        return sum(len(v.encode("utf-8")) for v in payload)
    if tag == "NS":
        return sum(len(str(v)) // 2 + 2 for v in payload)
    if tag == "BS":
        return sum(len(v) for v in payload)
    if tag == "M":
        return 3 + sum(len(k.encode("utf-8")) + 1 + _value_size(v) for k, v in payload.items())
    if tag == "L":
        return 3 + sum(1 + _value_size(v) for v in payload)
    raise ValueError(f"unknown DynamoDB type {tag!r}")
