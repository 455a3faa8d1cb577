"""A push writes the app item and only the person items that changed: an unchanged person item
is not written at all, keeps its version, and the app item's list of people names each person
at its own version — which a second machine's pull and the people-list rule both follow."""

from __future__ import annotations

from desktop_app.remote.tables import APP, APPLICANT
from desktop_app.services.autosave import AutosaveService
from desktop_app.sync import outcome as oc
from desktop_app.sync.keys import appid_for
from desktop_app.sync.people_list import listed_people, people_list_problems
from tests.fixtures.sync_setup import (
    IDENTITY,
    TABLES,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    local_docs,
    new_store,
    remote_applications,
    synthetic_application,
)


def _recording(remote):
    sent: list[dict] = []
    build = remote.transaction_request

    def record(tx):
        request = build(tx)
        sent.append(request)
        return request

    remote.transaction_request = record
    return remote, sent


def _versions(moto, appid):
    items = remote_applications(moto)[appid]
    return {t: int(i["version"]) for t, i in items}, items


def _listed(items):
    app_item = next(i for t, i in items if t == "app")
    return {t: v for t, _key, v in listed_people(app_item)}


def _problems(items):
    app_item = next(i for t, i in items if t == "app")
    people = {(t, i["userId"]): i for t, i in items if t != "app"}
    return people_list_problems(app_item, people)


def test_an_unchanged_person_item_is_not_written_and_keeps_its_version(moto, tmp_path):
    create_tables(moto)
    store = new_store(tmp_path / "a")
    remote, sent = _recording(boto_remote(moto.url))
    eng = engine(store, remote)
    app = synthetic_application(co_applicants=1, guarantors=1)
    add_apps(store, [app])
    assert [o.result for o in eng.run_once().outcomes] == [oc.SYNCED]
    appid = appid_for(IDENTITY, app.id)
    sent.clear()

    AutosaveService(store).save_field(app.id, "primary_applicant.first_name", "Robin")
    assert [o.result for o in eng.run_once().outcomes] == [oc.SYNCED]

    (request,) = sent
    tables = sorted(a["Update"]["TableName"] for a in request["TransactItems"])
    assert tables == sorted([TABLES.for_spec(APP), TABLES.for_spec(APPLICANT)])
    versions, items = _versions(moto, appid)
    assert versions == {"app": 2, "applicant": 2, "coapplicant": 1, "guarantor": 1}
    assert _listed(items) == {"applicant": 2, "coapplicant": 1, "guarantor": 1}
    assert _problems(items) == []

    # Next, the co-applicant alone: the applicant now keeps version 2.
    sent.clear()
    AutosaveService(store).save_field(app.id, "co_applicants[0].first_name", "Morgan")
    assert [o.result for o in eng.run_once().outcomes] == [oc.SYNCED]
    (request,) = sent
    assert len(request["TransactItems"]) == 2
    versions, items = _versions(moto, appid)
    assert versions == {"app": 3, "applicant": 2, "coapplicant": 3, "guarantor": 1}
    assert _listed(items) == {"applicant": 2, "coapplicant": 3, "guarantor": 1}
    assert _problems(items) == []

    # A second machine pulls the application whole, people at their different versions.
    other = new_store(tmp_path / "b")
    report = engine(other, boto_remote(moto.url)).run_once()
    assert report.pulled == 1
    assert local_docs(other) == local_docs(store)

    # And nothing is left to push or pull on either side.
    sent.clear()
    again = eng.run_once()
    assert sent == [] and again.pulled == 0 and again.merged_on_pull == 0


def test_a_kept_person_removed_later_is_deleted_at_its_own_version(moto, tmp_path):
    create_tables(moto)
    store = new_store(tmp_path / "a")
    eng = engine(store, boto_remote(moto.url))
    app = synthetic_application(co_applicants=1, guarantors=1)
    add_apps(store, [app])
    eng.run_once()
    AutosaveService(store).save_field(app.id, "primary_applicant.first_name", "Robin")
    eng.run_once()  # the guarantor stays at version 1, the application moves to 2

    with store.uow() as uow:
        current, revision = uow.applications.get(app.id)
        current.guarantors = []
        uow.applications.save(current, expected_revision=revision)
        uow.commit()
    assert [o.result for o in eng.run_once().outcomes] == [oc.SYNCED]
    versions, items = _versions(moto, appid_for(IDENTITY, app.id))
    assert versions == {"app": 3, "applicant": 2, "coapplicant": 1}
    assert _listed(items) == {"applicant": 2, "coapplicant": 1}
    assert _problems(items) == []


def test_the_people_list_rule_names_what_breaks_it():
    app_item = {
        "appid": "z#a",
        "version": 4,
        "people": [
            {"table": "applicant", "key": "z#p1", "version": 4},
            {"table": "coapplicant", "key": "z#p2", "version": 2},
            {"table": "guarantor", "key": "z#p3", "version": 5},
        ],
    }
    people = {
        ("applicant", "z#p1"): {"appid": "z#a", "version": 4},
        ("coapplicant", "z#p2"): {"appid": "z#a", "version": 3},  # written without the list
    }
    assert people_list_problems(app_item, people) == [
        "a coapplicant item listed at version 2 is at version 3",
        "a guarantor item is listed at version 5, above the application's 4",
        "a guarantor item listed at version 5 is not there",
    ]
    people[("coapplicant", "z#p2")] = {"appid": "z#other", "version": 2}
    assert "another application's" in people_list_problems(app_item, people)[0]
    assert people_list_problems({"appid": "z#a", "version": 1}, {}) == []
    assert people_list_problems({**app_item, "people": "?"}, people) == [
        "the app item's list of people is not one LeaseDesk wrote"
    ]
