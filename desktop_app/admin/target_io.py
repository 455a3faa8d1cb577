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
