"""Mapping an application to its items and back, keys, content hashes, tokens and sizes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.canonical import content_hash
from desktop_app.domain.models import Application, ApplicationInfo, Person, Signature
from desktop_app.sync.errors import Permanent
from desktop_app.sync.keys import appid_for, is_owned_key, local_id_of
from desktop_app.sync.mapping import application_from_items, application_items
from desktop_app.sync.merge import app_doc
from desktop_app.sync.transaction import plan_transaction
from desktop_app.wizard.steps import step_for_field

ID = "us-east-1:11111111-2222-4333-8444-555555555555"


def _app() -> Application:
    return Application(
        application_info=ApplicationInfo(
            building_address="1 Example Plaza",
            monthly_rent=Decimal("2500.00"),
            lease_term_months=None,
            application_fee=Decimal(20),
        ),
        primary_applicant=Person(
            first_name="Alex",
            ssn="000-00-0000",
            date_of_birth=date(1990, 1, 2),
            annual_income=Decimal("1E+5"),
        ),
        co_applicants=[Person(first_name="Casey"), Person(first_name="Dana")],
        guarantors=[Person(first_name="Gale")],
    )


def test_items_go_to_the_four_tables_with_keys_under_the_identity_id():
    app = _app()
    items = application_items(app, ID)
    assert [i.table for i in items] == [
        "app",
        "applicant",
        "coapplicant",
        "coapplicant",
        "guarantor",
    ]
    assert items[0].key == {"appid": f"{ID}#{app.id}", "zoneinfo": ID}
    assert items[2].key == {"userId": f"{ID}#{app.co_applicants[0].id}", "zoneinfo": ID}
    assert all(i.attributes["appid"] == f"{ID}#{app.id}" for i in items)
    assert all(is_owned_key(ID, i.partition_key) for i in items)
    assert items[0].attributes["application_info"]["monthly_rent"] == Decimal("2500.00")
    assert items[1].attributes["applicant_info"]["first_name"] == "Alex"
    assert "middle_name" not in items[1].attributes["applicant_info"]  # empty: left out


def test_no_co_applicant_or_guarantor_items_when_there_are_none():
    assert [i.table for i in application_items(Application(), ID)] == ["app", "applicant"]


def test_round_trip_through_items_is_exact():
    app = _app()
    app.signatures = [
        Signature(person_id=app.primary_applicant.id, signer_name="Alex", image_png=b"\x89PNG fake")
    ]
    now = "2026-11-26T12:00:00+00:00"
    tx = plan_transaction(
        f"{ID}#{app.id}", 0, application_items(app, ID), {}, app.created_at.isoformat(), now
    )
    full = [(i.table, tx.full_item(i)) for i in tx.items]
    back = application_from_items(ID, full[0][1], full[1:])
    assert app_doc(back) | {"updated_at": None} == app_doc(app) | {"updated_at": None}
    assert back.updated_at.isoformat() == now
    assert back.application_info.lease_term_months is None  # emptied against a default of 12


def test_content_hash_ignores_version_and_times_and_matches_decimal_forms():
    item = application_items(_app(), ID)[0]
    same = dict(item.attributes, version=7, last_updated="x")
    assert content_hash(same) == item.content_hash
    item.attributes["application_info"]["monthly_rent"] = Decimal(2500)
    assert content_hash(item.attributes) == content_hash(same)


def test_token_is_32_hex_and_changes_with_version_and_content():
    app = _app()
    appid = f"{ID}#{app.id}"
    t1 = plan_transaction(appid, 0, application_items(app, ID), {}, "c", "t").token
    t2 = plan_transaction(appid, 0, application_items(app, ID), {}, "c", "t").token
    t3 = plan_transaction(appid, 1, application_items(app, ID), {}, "c", "t").token
    app.application_info.unit = "9Z"
    t4 = plan_transaction(appid, 0, application_items(app, ID), {}, "c", "t").token
    assert len(t1) == 32 and int(t1, 16) >= 0
    assert t1 == t2 and len({t1, t3, t4}) == 3


def test_removed_people_are_deleted_on_their_confirmed_version():
    app = _app()
    gone = app.co_applicants.pop()
    items = application_items(app, ID)
    known = {i.ident: 3 for i in items} | {("coapplicant", f"{ID}#{gone.id}"): 3}
    tx = plan_transaction(f"{ID}#{app.id}", 3, items, known, "c", "t")
    assert tx.target_version == 4
    assert [(d.table, d.key["userId"], d.expected_version) for d in tx.deletes] == [
        ("coapplicant", f"{ID}#{gone.id}", 3)
    ]
    assert set(tx.expected.values()) == {3}


def test_oversize_item_names_the_field_and_the_step():
    app = _app()
    app.co_applicants[1].landlord_name = "y" * 420_000
    tx = plan_transaction(f"{ID}#{app.id}", 0, application_items(app, ID), {}, "c", "t")
    with pytest.raises(Permanent) as caught:
        tx.check_sizes()
    assert caught.value.field == "co_applicants[1].landlord_name"
    assert step_for_field(caught.value.field) == "4 Co-applicants"
    assert "Co-Applicants item" in caught.value.reason


def test_oversize_signature_names_the_signature():
    app = _app()
    app.signatures = [
        Signature(
            person_id=app.primary_applicant.id, signer_name="Alex", image_png=b"\x00" * 320_000
        )
    ]
    tx = plan_transaction(f"{ID}#{app.id}", 0, application_items(app, ID), {}, "c", "t")
    with pytest.raises(Permanent) as caught:
        tx.check_sizes()
    assert caught.value.field.startswith("signatures")
    assert step_for_field(caught.value.field) == "7 Signatures"


@pytest.mark.parametrize(
    ("key", "ok"),
    [
        (ID, True),
        (f"{ID}#01ABC", True),
        (f"{ID}x#01ABC", False),
        ("us-east-1:other#1", False),
        (None, False),
        (f"x{ID}#1", False),
    ],
)
def test_owned_keys_are_the_identity_or_identity_hash_prefix(key, ok):
    assert is_owned_key(ID, key) is ok


def test_local_id_of_refuses_foreign_keys():
    assert local_id_of(ID, f"{ID}#01ABC") == "01ABC"
    with pytest.raises(ValueError):
        local_id_of(ID, "us-east-1:other#01ABC")
    assert appid_for(ID, "01ABC") == f"{ID}#01ABC"
