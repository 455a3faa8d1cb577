"""Reading items other systems also write: unknown attributes and unknown nested fields are kept
(not refused), exported, and sent back exactly as read; person ids come from item keys, so two
loads agree and a push writes the keys it read; the old table's signatures load."""

from __future__ import annotations

import base64
import json
from decimal import Decimal

from boto3.dynamodb.types import TypeDeserializer

from desktop_app.domain.models import OTHER_FIELDS, Address
from desktop_app.domain.signing import changed_since_signed
from desktop_app.domain.validation import validate_signatures
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.drafts_io import export_applications, import_applications
from desktop_app.services.sync_service import SyncService
from desktop_app.sync.keys import ACCOUNT_PERSON_ID, appid_for
from desktop_app.sync.mapping import application_from_items, application_items
from tests.fixtures.sync_setup import (
    IDENTITY,
    TABLES,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    new_store,
    synthetic_application,
)

PNG = b"\x89PNG\r\n\x1a\nsynthetic"


def _device(tmp_path, name, moto):
    store = new_store(tmp_path / name)
    eng = engine(store, boto_remote(moto.url))
    autosave = AutosaveService(store)
    return store, autosave, SyncService(store, lambda: eng, autosave=autosave)


def _values(typed_map: dict) -> dict:
    return {k: TypeDeserializer().deserialize(v) for k, v in typed_map.items()}


def _raw_item(moto, table: str, key: dict) -> dict:
    client = moto.client("dynamodb")
    return client.get_item(TableName=table, Key=key, ConsistentRead=True)["Item"]


def test_unknown_attributes_and_fields_load_export_and_nested_ones_go_back_exactly(moto, tmp_path):
    create_tables(moto)
    store_a, _, sync_a = _device(tmp_path, "a", moto)
    app = synthetic_application(co_applicants=1)
    app.primary_applicant.current_address = Address(street="1 Example St", city="New York")
    for n, (_, p) in enumerate(app.people()):  # addresses an import accepts
        p.email = f"synthetic{n}@example.com"
    add_apps(store_a, [app])
    assert not sync_a.sync_once().failed

    # Other systems write beside LeaseDesk: top-level attributes of their own, and new fields
    # inside the maps LeaseDesk owns (a fractional number, a string set, a binary, a map).
    client = moto.client("dynamodb")
    applicant_key = {"userId": {"S": f"{IDENTITY}#{app.primary_applicant.id}"}, "zoneinfo": {"S": IDENTITY}}
    client.update_item(
        TableName=TABLES.applicant,
        Key=applicant_key,
        UpdateExpression=(
            "SET webhookSummary = :w, review_status = :r, applicant_info.vendor_score = :n, "
            "applicant_info.tags = :ss, applicant_info.raw_note = :b, "
            "applicant_info.current_address.geo = :geo"
        ),
        ExpressionAttributeValues={
            ":w": {"M": {"score": {"N": "712.5"}, "provider": {"S": "synthetic"}}},
            ":r": {"S": "cleared"},
            ":n": {"N": "0.125"},
            ":ss": {"SS": ["vip", "returning"]},
            ":b": {"B": b"\x00\x01\xff"},
            ":geo": {"M": {"lat": {"N": "40.7128"}, "lng": {"N": "-74.006"}}},
        },
    )
    app_key = {"appid": {"S": appid_for(IDENTITY, app.id)}, "zoneinfo": {"S": IDENTITY}}
    client.update_item(
        TableName=TABLES.app,
        Key=app_key,
        UpdateExpression="SET webhook_responses = :w, application_info.portal_ref = :p",
        ExpressionAttributeValues={
            ":w": {"L": [{"M": {"status": {"N": "200"}}}]},
            ":p": {"S": "P-7731"},
        },
    )
    nested_before = _raw_item(moto, TABLES.applicant, applicant_key)["applicant_info"]["M"]

    # A second machine pulls it: nothing refused, everything kept.
    store_b, edit_b, sync_b = _device(tmp_path, "b", moto)
    assert sync_b.sync_once().pulled == 1
    pulled = edit_b.load(app.id)
    primary = pulled.primary_applicant
    assert primary.other == {
        "webhookSummary": {"M": {"score": {"N": "712.5"}, "provider": {"S": "synthetic"}}},
        "review_status": {"S": "cleared"},
    }
    assert primary.unknown["vendor_score"] == {"N": "0.125"}
    assert sorted(primary.unknown["tags"]["SS"]) == ["returning", "vip"]
    assert base64.b64decode(primary.unknown["raw_note"]["B"]) == b"\x00\x01\xff"
    assert primary.current_address.unknown == {
        "geo": {"M": {"lat": {"N": "40.7128"}, "lng": {"N": "-74.006"}}}
    }
    assert pulled.other == {"webhook_responses": {"L": [{"M": {"status": {"N": "200"}}}]}}
    assert pulled.application_info.unknown == {"portal_ref": {"S": "P-7731"}}

    # Exported with the rest, and an import of that export keeps it.
    exported = export_applications(store_b)
    text = json.dumps(exported)
    assert '"review_status": {"S": "cleared"}' in text and '"vendor_score": {"N": "0.125"}' in text
    store_c = new_store(tmp_path / "c")
    assert import_applications(store_c, json.loads(text)).ok
    again = AutosaveService(store_c).load(app.id)
    assert again.primary_applicant.other == primary.other
    assert again.primary_applicant.unknown == primary.unknown

    # Edited and pushed from the second machine: the fields inside the owned map go back
    # exactly as read (same types), and what LeaseDesk builds never carries others' attributes.
    edit_b.save_field(app.id, "application_info.notes", "edited on b")
    built = application_items(edit_b.load(app.id), IDENTITY)
    for item in built:
        assert not set(item.attributes) & {"webhookSummary", "review_status", "webhook_responses"}
        assert not set(item.attributes) & OTHER_FIELDS
    assert built[0].attributes["application_info"]["portal_ref"] == "P-7731"
    assert not sync_b.sync_once().failed
    after = _raw_item(moto, TABLES.applicant, applicant_key)["applicant_info"]["M"]
    assert _values(after) == _values(nested_before)  # DynamoDB's equality: numbers, sets
    assert {k: after[k] for k in ("vendor_score", "raw_note")} == {
        "vendor_score": {"N": "0.125"}, "raw_note": {"B": b"\x00\x01\xff"}
    }
    app_after = _raw_item(moto, TABLES.app, app_key)
    assert app_after["application_info"]["M"]["portal_ref"] == {"S": "P-7731"}
    assert app_after["webhook_responses"] == {"L": [{"M": {"status": {"N": "200"}}}]}
    applicant_after = _raw_item(moto, TABLES.applicant, applicant_key)
    assert applicant_after["review_status"] == {"S": "cleared"}
    assert _values(applicant_after["webhookSummary"]["M"]) == {
        "score": Decimal("712.5"), "provider": "synthetic"
    }
    assert app_after["application_info"]["M"]["notes"] == {"S": "edited on b"}


def _migrated_items(zone: str) -> tuple[dict, list[tuple[str, dict]]]:
    """Items shaped as the migration writes them: the applicant keyed by the bare identity id,
    others by ``<appid>#co0``; the old table's signature images; a field of the wrong type."""
    appid = f"{zone}#app-5e1f00000001"
    app_item = {
        "appid": appid, "zoneinfo": zone, "status": "draft", "current_step": Decimal(3),
        "application_info": {"building_address": "1 Example Pl", "monthly_rent": Decimal("2100.50")},
        "signatures": {
            "applicant": "data:image/png;base64," + base64.b64encode(PNG).decode(),
            "coApplicant": "data:image/png;base64," + base64.b64encode(PNG + b"2").decode(),
        },
        "legacy_appid": "app-5e1f00000001", "version": Decimal(1),
        "created_at": "2025-03-01T10:00:00+00:00", "last_updated": "2025-03-02T10:00:00+00:00",
    }
    applicant = {
        "userId": zone, "zoneinfo": zone, "appid": appid, "status": "draft", "version": Decimal(1),
        "applicant_info": {"first_name": "Testa", "last_name": Decimal(7), "unit_pref": "high"},
        "webhookSummary": {"score": Decimal("1.5")},
        "signature": "data:image/png;base64," + base64.b64encode(PNG).decode(),
    }
    co = {
        "userId": f"{appid}#co0", "zoneinfo": zone, "appid": appid, "status": "draft",
        "version": Decimal(1), "coapplicant_info": {"first_name": "Cora"},
        "legacy_user_id": "legacy-123",
    }
    return app_item, [("applicant", applicant), ("coapplicant", co)]


def test_person_ids_come_from_keys_and_a_push_writes_the_same_keys():
    app_item, people = _migrated_items(IDENTITY)
    app_item.pop("signatures"), app_item.pop("legacy_appid")  # only what the model knows
    people[0][1]["applicant_info"] = {"first_name": "Testa"}
    del people[0][1]["webhookSummary"], people[0][1]["signature"], people[1][1]["legacy_user_id"]
    first = application_from_items(IDENTITY, app_item, people)
    second = application_from_items(IDENTITY, app_item, people)
    assert [p.id for _, p in first.people()] == [p.id for _, p in second.people()]
    keys = {(i.table, i.partition_key) for i in application_items(first, IDENTITY)}
    assert keys == {
        ("app", app_item["appid"]),
        ("applicant", IDENTITY),
        ("coapplicant", f"{app_item['appid']}#co0"),
    }


def test_old_table_signatures_load_as_signatures_of_their_people():
    app_item, people = _migrated_items(IDENTITY)
    app = application_from_items(IDENTITY, app_item, people)
    by_person = {s.person_id: s.image_png for s in app.signatures}
    assert by_person == {app.primary_applicant.id: PNG, app.co_applicants[0].id: PNG + b"2"}
    assert all(not changed_since_signed(app, s) for s in app.signatures)
    assert not [e for e in validate_signatures(app, app.created_at.date()) if e.code == "changed"]
    app.application_info.notes = "an edit after the migration"
    assert all(changed_since_signed(app, s) for s in app.signatures)


def test_a_field_of_the_wrong_type_is_kept_and_goes_back_as_it_was():
    app_item, people = _migrated_items(IDENTITY)
    app = application_from_items(IDENTITY, app_item, people)
    assert app.primary_applicant.last_name == ""  # the model cannot read a number as a name
    assert app.primary_applicant.unknown == {"last_name": {"N": "7"}, "unit_pref": {"S": "high"}}
    assert app.primary_applicant.other == {"webhookSummary": {"M": {"score": {"N": "1.5"}}}}
    assert app.co_applicants[0].other == {"legacy_user_id": {"S": "legacy-123"}}
    assert app.other == {"legacy_appid": {"S": "app-5e1f00000001"}}
    applicant = application_items(app, IDENTITY)[1].attributes["applicant_info"]
    assert applicant == {"first_name": "Testa", "last_name": Decimal(7), "unit_pref": "high"}


def test_a_leasedesk_signature_wins_over_an_old_table_image_for_the_same_person():
    app_item, people = _migrated_items(IDENTITY)
    first = application_from_items(IDENTITY, app_item, people)
    mine = first.signature_for(ACCOUNT_PERSON_ID).model_copy(update={"image_png": b"leasedesk"})
    # The app item lists LeaseDesk's signature of the applicant; both person items hold an old
    # data URL (the applicant's own, and the co-applicant's).
    app_item["signatures"] = application_items(
        first.model_copy(update={"signatures": [mine]}), IDENTITY
    )[0].attributes["signatures"]
    people[1][1]["signature"] = "data:image/png;base64," + base64.b64encode(b"co").decode()
    app = application_from_items(IDENTITY, app_item, people)
    assert {s.person_id: s.image_png for s in app.signatures} == {
        ACCOUNT_PERSON_ID: b"leasedesk",
        app.co_applicants[0].id: b"co",
    }


def test_other_data_that_a_push_could_not_send_back_is_refused_at_import(tmp_path):
    app_item, people = _migrated_items(IDENTITY)
    app = application_from_items(IDENTITY, app_item, people)
    store = new_store(tmp_path / "import")
    for bad in ({"N": "abc"}, {"N": "1e999999"}, {"B": "not base64!"}, {"NS": ["1", "x"]},
                {"S": 5}, {"X": "1"}, {"S": "a", "N": "1"}, "plain"):
        doc = json.loads(app.model_dump_json())
        doc["primary_applicant"]["unknown"]["vendor_score"] = bad
        result = import_applications(store, {"applications": [doc]})
        assert not result.ok and result.errors[0].path.startswith("primary_applicant.unknown"), bad
    doc = json.loads(app.model_dump_json())
    doc["primary_applicant"]["unknown"]["vendor_score"] = {"NS": ["1.5", "-2"]}
    assert import_applications(store, {"applications": [doc]}).ok


def test_an_application_with_a_status_leasedesk_does_not_know_opens_read_only():
    app_item, people = _migrated_items(IDENTITY)
    app_item["status"] = "archived"
    app = application_from_items(IDENTITY, app_item, people)
    assert app.is_read_only
    assert app.other["status"] == {"S": "archived"}
