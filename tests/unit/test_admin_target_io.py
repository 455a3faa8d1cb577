"""Batched target I/O: what DynamoDB leaves unprocessed is sent again. moto never leaves
anything unprocessed, so a small fake client plays DynamoDB under load here."""

from __future__ import annotations

import pytest

from desktop_app.admin import target_io
from desktop_app.admin.target_io import UnprocessedError, batch_get, batch_put


class LoadedDynamo:
    """Leaves the last ``spill`` requests of each call unprocessed, ``rounds`` times."""

    def __init__(self, spill: int, rounds: int) -> None:
        self.spill, self.rounds, self.calls = spill, rounds, []

    def batch_write_item(self, RequestItems):
        self.calls.append(RequestItems)
        [(table, requests)] = RequestItems.items()
        if len(self.calls) <= self.rounds:
            return {"UnprocessedItems": {table: requests[-self.spill :]}}
        return {"UnprocessedItems": {}}

    def batch_get_item(self, RequestItems):
        self.calls.append(RequestItems)
        [(table, request)] = RequestItems.items()
        keys = request["Keys"]
        if len(self.calls) <= self.rounds:
            served, left = keys[: -self.spill], keys[-self.spill :]
            return {
                "Responses": {table: served},
                "UnprocessedKeys": {table: {**request, "Keys": left}},
            }
        return {"Responses": {table: keys}, "UnprocessedKeys": {}}


def items(n: int) -> list[dict]:
    return [{"appid": {"S": f"id-{i}"}, "zoneinfo": {"S": "z"}} for i in range(n)]


@pytest.fixture(autouse=True)
def no_pause(monkeypatch):
    monkeypatch.setattr(target_io, "_pause", lambda round_no: None)


def test_unprocessed_items_are_sent_again_until_none_is_left():
    dynamo = LoadedDynamo(spill=3, rounds=2)
    batch_put(dynamo, "app_nyc", items(25))
    sent = [
        [r["PutRequest"]["Item"]["appid"]["S"] for r in call["app_nyc"]] for call in dynamo.calls
    ]
    assert [len(s) for s in sent] == [25, 3, 3]
    assert sent[1] == ["id-22", "id-23", "id-24"]


def test_items_never_processed_end_in_an_error_not_silence():
    dynamo = LoadedDynamo(spill=1, rounds=10_000)
    with pytest.raises(UnprocessedError, match="app_nyc"):
        batch_put(dynamo, "app_nyc", items(2))
    assert len(dynamo.calls) == target_io.MAX_ROUNDS


def test_unprocessed_keys_are_read_again_and_every_item_returned():
    dynamo = LoadedDynamo(spill=40, rounds=1)
    found = batch_get(dynamo, "app_nyc", items(100))
    assert sorted(i["appid"]["S"] for i in found) == sorted(f"id-{i}" for i in range(100))
    assert len(dynamo.calls[1]["app_nyc"]["Keys"]) == 40
    assert dynamo.calls[1]["app_nyc"]["ConsistentRead"] is True


def test_batches_beyond_the_service_limits_are_refused():
    with pytest.raises(ValueError):
        batch_put(LoadedDynamo(0, 0), "t", items(26))
    with pytest.raises(ValueError):
        batch_get(LoadedDynamo(0, 0), "t", items(101))
