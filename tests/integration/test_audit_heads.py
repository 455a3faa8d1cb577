"""The audit trail's head on the app item, on moto over HTTP with two machines of one agent:
each push sets its own machine's head and never touches the other's; the head is not a change
to merge; an end cut off the trail is caught against the server's head, and a push of the cut
trail is refused (needs attention, the head left as it was) without holding up the others of
its pack; a write by another system that drops the heads, or leaves one of another shape, does
not stop the next push."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.services.audit import AuditTrail
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.records import server_head
from desktop_app.services.sync_service import SyncService
from desktop_app.storage.store import Store
from desktop_app.sync import audit_heads
from desktop_app.sync import outcome as oc
from desktop_app.sync.keys import appid_for
from tests.fixtures.sync_setup import (
    IDENTITY,
    TABLES,
    boto_remote,
    create_tables,
    engine,
    new_store,
    synthetic_application,
)


@dataclass
class Machine:
    store: Store
    edit: AutosaveService
    sync: SyncService

    @property
    def id(self) -> str:
        return audit_heads.machine_id(self.store)

    def trail(self) -> AuditTrail:
        return AuditTrail(self.store)


def machine(tmp_path, name: str, url: str, remote=None) -> Machine:
    store = new_store(tmp_path / name, full_pulls=True)
    eng = engine(store, remote or boto_remote(url))
    edit = AutosaveService(store)
    return Machine(store, edit, SyncService(store, lambda: eng, autosave=edit))


def app_item(moto, app_id: str) -> dict:
    from boto3.dynamodb.types import TypeDeserializer

    key = {"appid": {"S": appid_for(IDENTITY, app_id)}, "zoneinfo": {"S": IDENTITY}}
    raw = moto.client("dynamodb").get_item(
        TableName=TABLES.app, Key=key, ConsistentRead=True
    )["Item"]
    de = TypeDeserializer()
    return {k: de.deserialize(v) for k, v in raw.items()}


def results(report) -> set:
    return {o.result for o in report.outcomes}


def two_machines(tmp_path, moto):
    create_tables(moto)
    a, b = machine(tmp_path, "a", moto.url), machine(tmp_path, "b", moto.url)
    app = a.edit.create_draft(synthetic_application(co_applicants=1))
    a.edit.save_field(app.id, "application_info.unit", "7C")
    assert results(a.sync.sync_once()) == {oc.SYNCED}
    return a, b, app.id


def test_each_machine_pushes_its_own_head_and_keeps_the_others(tmp_path, moto):
    a, b, app_id = two_machines(tmp_path, moto)
    assert a.id != b.id and len(a.id) == 16 and a.id == audit_heads.machine_id(a.store)
    head_a = app_item(moto, app_id)[f"audit_head_{a.id}"]
    # Pushed before its own "synced" entry: the chain as it was when the push went out.
    entries = a.trail().entries(app_id)
    assert int(head_a["length"]) == len(entries) - 1
    assert head_a["hash"] == entries[-2].hash and head_a["at"]

    assert b.sync.sync_once().pulled == 1
    b.edit.save_field(app_id, "application_info.notes", "synthetic note from b")
    assert results(b.sync.sync_once()) == {oc.SYNCED}

    item = app_item(moto, app_id)
    assert item[f"audit_head_{a.id}"] == head_a  # B's push left A's head as it was
    head_b = item[f"audit_head_{b.id}"]
    assert int(head_b["length"]) == len(b.trail().entries(app_id)) - 1

    a.edit.save_field(app_id, "application_info.unit", "7D")
    assert results(a.sync.sync_once()) <= {oc.SYNCED, oc.MERGED}
    item = app_item(moto, app_id)
    assert item[f"audit_head_{b.id}"] == head_b  # and A's push left B's
    assert int(item[f"audit_head_{a.id}"]["length"]) > int(head_a["length"])
    # Heads are not content: once both are up to date, neither sees anything to merge.
    for m in (b, a, b):
        report = m.sync.sync_once()
        assert report.merged_on_pull == 0 and results(report) <= {oc.SYNCED}
    assert not a.sync.conflicts(app_id) and not b.sync.conflicts(app_id)


def _cut_end(store, app_id: str, keep: int) -> None:
    with store.engine.begin() as conn:
        conn.exec_driver_sql(
            "DELETE FROM audit_entries WHERE application_id = ? AND seq > ?", (app_id, keep)
        )


def test_an_end_cut_off_is_caught_against_the_servers_head(tmp_path, moto):
    a, b, app_id = two_machines(tmp_path, moto)
    b.sync.sync_once()
    b.edit.save_field(app_id, "application_info.notes", "synthetic note from b")
    b.sync.sync_once()  # B's head is on the item too: A's check reads A's own
    pushed = int(app_item(moto, app_id)[f"audit_head_{a.id}"]["length"])

    found = server_head(a.store, app_id, a.sync)
    assert found.checked and found.head is not None and found.head.length == pushed
    assert a.trail().verify(app_id, found.head).ok

    _cut_end(a.store, app_id, pushed - 2)  # the last entries before the push, and after it
    assert a.trail().verify(app_id).ok  # the chain alone still holds
    result = a.trail().verify(app_id, server_head(a.store, app_id, a.sync).head)
    assert not result.ok and "cut off the end" in result.problems[0]


def test_offline_the_end_is_not_checked_and_says_why(tmp_path, moto):
    a, _b, app_id = two_machines(tmp_path, moto)

    class Unreachable:
        identity_id = IDENTITY

        class remote:  # noqa: N801 — stands in for the engine's remote
            @staticmethod
            def get_items(_idents):
                raise ConnectionError("no route")

    class Sync:
        def __init__(self, engine):
            self._engine = engine

        def engine(self):
            if isinstance(self._engine, Exception):
                raise self._engine
            return self._engine

    for sync, why in ((Sync(Unreachable()), "could not be reached"),
                      (Sync(RuntimeError("signed out")), "not signed in"),
                      (Sync(None), "working offline"), (None, "working offline")):
        found = server_head(a.store, app_id, sync)
        assert not found.checked and found.head is None and why in found.why


def test_a_rewrite_by_another_system_without_the_heads_does_not_stop_a_push(tmp_path, moto):
    a, _b, app_id = two_machines(tmp_path, moto)
    client = moto.client("dynamodb")
    key = {"appid": {"S": appid_for(IDENTITY, app_id)}, "zoneinfo": {"S": IDENTITY}}
    raw = client.get_item(TableName=TABLES.app, Key=key, ConsistentRead=True)["Item"]
    rewritten = {k: v for k, v in raw.items() if not k.startswith("audit_head_")}
    rewritten["backOfficeNote"] = {"S": "reviewed"}
    client.put_item(TableName=TABLES.app, Item=rewritten)
    assert f"audit_head_{a.id}" not in app_item(moto, app_id)

    a.edit.save_field(app_id, "application_info.unit", "9F")
    assert results(a.sync.sync_once()) <= {oc.SYNCED, oc.MERGED}
    item = app_item(moto, app_id)
    assert item["backOfficeNote"] == "reviewed"
    assert int(item[f"audit_head_{a.id}"]["length"]) == len(a.trail().entries(app_id)) - 1
    # A head another system wrote in a shape LeaseDesk does not know is no head, not a crash.
    client.update_item(
        TableName=TABLES.app, Key=key, UpdateExpression="SET #h = :v",
        ExpressionAttributeNames={"#h": f"audit_head_{a.id}"},
        ExpressionAttributeValues={":v": {"S": "garbage"}},
    )
    found = server_head(a.store, app_id, a.sync)
    assert found.checked and found.head is None
    # ... nor a reason to refuse a push: the push writes a head of its own shape over it.
    for other in ({"S": "garbage"}, {"M": {"length": {"S": "999"}, "hash": {"S": "x"}}}):
        client.update_item(
            TableName=TABLES.app, Key=key, UpdateExpression="SET #h = :v",
            ExpressionAttributeNames={"#h": f"audit_head_{a.id}"},
            ExpressionAttributeValues={":v": other},
        )
        a.edit.save_field(app_id, "application_info.notes", f"synthetic {other}")
        assert results(a.sync.sync_once()) == {oc.SYNCED}
        head = app_item(moto, app_id)[f"audit_head_{a.id}"]
        assert int(head["length"]) == len(a.trail().entries(app_id)) - 1


class CountingPacks:
    """The remote, counting the applications each packed transaction carried."""

    def __init__(self, remote) -> None:
        self._remote = remote
        self.packs: list[int] = []

    def transact_write_pack(self, txs) -> None:
        self.packs.append(len(txs))
        self._remote.transact_write_pack(txs)

    def __getattr__(self, name: str):
        return getattr(self._remote, name)


def test_a_cut_trail_pushed_again_needs_attention_and_keeps_the_servers_head(tmp_path, moto):
    create_tables(moto)
    remote = CountingPacks(boto_remote(moto.url))
    a = machine(tmp_path, "a", moto.url, remote)
    cut = a.edit.create_draft(synthetic_application(co_applicants=1)).id
    honest = a.edit.create_draft(synthetic_application()).id
    for app_id in (cut, honest):
        a.edit.save_field(app_id, "application_info.unit", "7C")
    assert results(a.sync.sync_once()) == {oc.SYNCED}
    before = {app_id: app_item(moto, app_id) for app_id in (cut, honest)}
    name = f"audit_head_{a.id}"
    sent = int(before[cut][name]["length"])

    _cut_end(a.store, cut, sent - 2)  # the last entries the server's head counts, and after
    for app_id in (cut, honest):
        a.edit.save_field(app_id, "application_info.notes", "synthetic note")
    remote.packs.clear()
    report = a.sync.sync_once()

    outcome = {o.application_id: o for o in report.outcomes}
    assert remote.packs[0] == 2  # both went out in one transaction first
    assert outcome[honest].result is oc.SYNCED  # the pack lost nothing else
    assert int(app_item(moto, honest)[name]["length"]) > int(before[honest][name]["length"])
    assert outcome[cut].result is oc.NEEDS_ATTENTION
    shown = len(a.trail().entries(cut))
    assert f"shorter than the one it sent before ({shown} of {sent} entries)" in (
        outcome[cut].message
    )
    after = app_item(moto, cut)
    assert after[name] == before[cut][name] and after["version"] == before[cut]["version"]
    (listed,) = [n for n in a.sync.needs_attention() if n.application_id == cut]
    assert "it was cut" in listed.reason and "backup" in listed.reason
    # Not a retry loop: the next run does not send it again; the head stays where it was.
    again = a.sync.sync_once()
    assert all(o.result is not oc.SYNCED for o in again.outcomes if o.application_id == cut)
    assert app_item(moto, cut)[name] == before[cut][name]
    # The server still knows: the trail here does not reach the head it holds.
    result = a.trail().verify(cut, server_head(a.store, cut, a.sync).head)
    assert not result.ok
