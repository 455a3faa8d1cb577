"""The legacy sample through ``admin migrate`` (PII sealed with KMS), then LeaseDesk signed in as
each legacy identity: pull, edit one field of each draft, push. Every attribute of every item
other than the edited one and the bookkeeping is unchanged, and no key appears or vanishes."""

from __future__ import annotations

from boto3.dynamodb.types import TypeDeserializer

from desktop_app.admin.create_tables import ensure_tables
from desktop_app.domain.canonical import LEASEDESK_ATTRIBUTES
from desktop_app.domain.models import Status
from desktop_app.remote.tables import ALL_TABLES
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.sync_service import SyncService
from desktop_app.sync.envelope import KmsEnvelope
from desktop_app.sync.field_crypto import FieldCrypto
from desktop_app.sync.remote_documents import RemoteDocuments
from tests.fixtures.legacy_migration import load_source, migrate
from tests.fixtures.remote_crypto import BUCKET, kms_key, sealed_store
from tests.fixtures.sync_setup import TABLES, boto_remote, engine

#: Set per write; ``people`` is the app item's list of its person items, added at a push.
BOOKKEEPING = {"version", "last_updated", "content_hash", "people"}
EDITED_NOTE = "edited after the migration"


def scan_all(moto) -> dict[tuple[str, str, str], dict]:
    """(table, partition key, sort key) -> item, as DynamoDB values."""
    de = TypeDeserializer()
    client = moto.client("dynamodb")
    out = {}
    for spec in ALL_TABLES:
        for page in client.get_paginator("scan").paginate(TableName=TABLES.for_spec(spec)):
            for raw in page["Items"]:
                item = {k: de.deserialize(v) for k, v in raw.items()}
                out[(spec.logical, item[spec.partition_key], item[spec.sort_key])] = item
    return out


def signed_in_as(moto, tmp_path, identity: str, key_id: str):
    """A machine signed in as ``identity``: its own sealed store, the app's KMS envelope."""
    from desktop_app.services.remote_protection import local_bytes_reader, remote_app_reader

    store = sealed_store(tmp_path / identity.replace(":", "_"))
    remote = boto_remote(moto.url)
    envelope = KmsEnvelope(moto.client("kms"), key_id, identity)
    crypto = FieldCrypto(
        envelope,
        RemoteDocuments(envelope, moto.client("s3"), BUCKET),
        local_bytes=local_bytes_reader(store),
        remote_app_item=remote_app_reader(remote, identity),
    )
    eng = engine(store, remote, identity, transform=crypto)
    autosave = AutosaveService(store)
    return store, autosave, SyncService(store, lambda: eng, autosave=autosave)


def round_trip(moto, capsys, tmp_path) -> tuple[dict, dict, set[str]]:
    """Migrate the sample, then as each legacy identity: pull, edit each draft's notes, push.
    The tables before and after, and the appids of the drafts edited."""
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    key_id = kms_key(moto)
    code, _report, _out, err = migrate(moto, capsys, tmp_path / "work", "--kms-key-id", key_id)
    assert code == 0, err
    before = scan_all(moto)
    identities = sorted({zone for (table, _, zone) in before if table == "app"})
    apps_of = {z: sum(1 for (t, _, zone) in before if t == "app" and zone == z) for z in identities}

    edited: set[str] = set()
    for identity in identities:
        store, autosave, sync = signed_in_as(moto, tmp_path, identity, key_id)
        first = sync.sync_once()
        assert not first.errors and first.pulled == apps_of[identity], first
        with store.uow() as uow:
            apps = uow.applications.all()
        assert len(apps) == apps_of[identity]  # every migrated application loads
        for app in apps:
            if app.status is Status.DRAFT:
                autosave.save_field(app.id, "application_info.notes", EDITED_NOTE)
                edited.add(f"{identity}#{app.id}")
        pushed = sync.sync_once()
        assert not pushed.errors and not pushed.failed, pushed
        store.close()
    assert edited  # the sample has drafts
    return before, scan_all(moto), edited


def test_migrated_applications_load_push_and_keep_their_keys_and_others_attributes(
    moto, capsys, tmp_path
):
    before, after, edited = round_trip(moto, capsys, tmp_path)
    assert set(after) == set(before)  # no key appears or vanishes
    for key, old in before.items():
        table, partition, _ = key
        new = without_heads(after[key], table == "app" and partition in edited)
        owned = LEASEDESK_ATTRIBUTES[table] | BOOKKEEPING | {"created_at"}
        assert {a: v for a, v in new.items() if a not in owned} == {
            a: v for a, v in old.items() if a not in owned
        }, key  # webhookSummary, legacy ids …: untouched
        if table == "app" and partition in edited:
            assert new["application_info"]["notes"] == EDITED_NOTE
            assert new["version"] == old["version"] + 1


def without_heads(item: dict, pushed: bool) -> dict:
    """``item`` without the audit head a push adds (one, on each app item pushed)."""
    heads = [a for a in item if a.startswith("audit_head_")]
    assert len(heads) == (1 if pushed else 0), heads
    return {a: v for a, v in item.items() if a not in heads}


def test_every_attribute_other_than_the_edited_one_and_bookkeeping_is_unchanged(
    moto, capsys, tmp_path
):
    before, after, edited = round_trip(moto, capsys, tmp_path)
    assert set(after) == set(before)
    differences = []
    for key, old in before.items():
        table, partition, _ = key
        new = without_heads(after[key], table == "app" and partition in edited)
        changed = {a for a in set(old) | set(new) if old.get(a) != new.get(a)} - BOOKKEEPING
        if table == "app" and partition in edited:
            rest = {k: v for k, v in new["application_info"].items() if k != "notes"}
            if rest == {k: v for k, v in old["application_info"].items() if k != "notes"}:
                changed.discard("application_info")
        differences += [(table, partition, a) for a in sorted(changed)]
    assert differences == []


def test_a_migrated_submitted_application_can_be_amended_and_pushed(moto, capsys, tmp_path):
    load_source(moto)
    ensure_tables(moto.client("dynamodb"))
    key_id = kms_key(moto)
    code, _report, _out, err = migrate(moto, capsys, tmp_path / "work", "--kms-key-id", key_id)
    assert code == 0, err
    before = scan_all(moto)
    identities = sorted({zone for (table, _, zone) in before if table == "app"})
    amended = 0
    for identity in identities:
        store, autosave, sync = signed_in_as(moto, tmp_path, identity, key_id)
        assert not sync.sync_once().errors
        with store.uow() as uow:
            submitted = [a for a in uow.applications.all() if a.status is Status.SUBMITTED]
        for app in submitted:
            copy = autosave.amend(app.id)
            autosave.save_field(copy.id, "application_info.notes", EDITED_NOTE)
            amended += 1
        report = sync.sync_once()
        assert not report.failed and not report.errors, report
        assert report.count("synced") == len(submitted)
        store.close()
    assert amended  # the sample has submitted applications
    after = scan_all(moto)
    # The submitted originals are untouched; each amended copy is a new application.
    assert {k: v for k, v in after.items() if k in before} == before
    new_apps = [k for k in after if k not in before and k[0] == "app"]
    assert len(new_apps) == amended
