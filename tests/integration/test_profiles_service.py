"""Building profiles through the profiles service, on a real SQLite file: what one service
writes, a service on a second connection to the same file reads back."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.domain.nyc_rules import BuildingProfile
from desktop_app.services.errors import ProfilesFileError
from desktop_app.services.profiles import ProfilesService
from desktop_app.storage.store import open_store


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def reread(store) -> list[BuildingProfile]:
    """The profiles as another process would see them (a second store on the same file)."""
    with open_store(store.path) as other:
        return ProfilesService(other).list()


def profile(address: str, name: str = "", applicant: str = "40", guarantor: str = "80"):
    return BuildingProfile(
        name=name,
        address=address,
        applicant_multiple=Decimal(applicant),
        guarantor_multiple=Decimal(guarantor),
    )


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "profiles.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_upsert_list_get_and_remove(store) -> None:
    service = ProfilesService(store)
    service.upsert(profile("1 Test Row", "Tower", "45"))
    service.upsert(profile("2 Test Row", "Annex"))
    assert [p.address for p in reread(store)] == ["2 Test Row", "1 Test Row"]  # by name
    service.upsert(profile("1 Test Row", "Tower", "50"))  # the same address: changed, not added
    assert len(reread(store)) == 2
    found = service.get("  1 test ROW ")
    assert found is not None and found.applicant_multiple == Decimal("50")
    assert service.get("3 Test Row") is None
    assert service.get("   ") is None
    service.remove("2 Test Row")
    assert [p.address for p in reread(store)] == ["1 Test Row"]


def test_an_edit_that_changes_the_address_replaces_the_old_entry(store) -> None:
    service = ProfilesService(store)
    service.upsert(profile("1 Test Row"))
    service.upsert(profile("1 Test Row, Unit Block A"), replacing="1 Test Row")
    assert [p.address for p in reread(store)] == ["1 Test Row, Unit Block A"]


def test_import_saves_every_profile_and_updates_known_addresses(store, tmp_path) -> None:
    service = ProfilesService(store)
    service.upsert(profile("1 Test Row", "Old name"))
    path = write(tmp_path, [
        {"name": "New name", "address": "1 Test Row", "applicant_multiple": 42,
         "guarantor_multiple": 85.5},
        {"name": "Annex", "address": "2 Test Row", "applicant_multiple": "40",
         "guarantor_multiple": "80"},
    ])
    assert service.import_file(path) == 2
    stored = {p.address: p for p in reread(store)}
    assert set(stored) == {"1 Test Row", "2 Test Row"}
    assert stored["1 Test Row"].name == "New name"
    assert stored["1 Test Row"].guarantor_multiple == Decimal("85.5")


def test_one_bad_entry_refuses_the_whole_file_and_names_entry_and_field(store, tmp_path) -> None:
    service = ProfilesService(store)
    service.upsert(profile("1 Test Row", "Kept"))
    secret = "SYNTHETIC-VALUE-7731"
    path = write(tmp_path, [
        {"name": "Changed", "address": "1 Test Row", "applicant_multiple": 41,
         "guarantor_multiple": 81},
        {"name": "Bad", "address": "2 Test Row", "applicant_multiple": secret,
         "guarantor_multiple": 80},
        {"address": "1 test row"},
    ])
    with pytest.raises(ProfilesFileError) as refused:
        service.import_file(path)
    problems = refused.value.problems
    assert any(p.startswith("Entry 2, applicant_multiple:") for p in problems)
    assert any(p.startswith("Entry 3, address:") for p in problems)  # same address as entry 1
    assert all(secret not in p for p in problems) and secret not in str(refused.value)
    assert [(p.address, p.name) for p in reread(store)] == [("1 Test Row", "Kept")]


@pytest.mark.parametrize(
    "content",
    [
        b"\xff\xfe not UTF-8",
        b"{not json",
        b'{"address": "1 Test Row"}',
        b"[" * 100_000 + b"]" * 100_000,  # nested past the parser's recursion limit
        b"[]" + b" " * 5,
    ],
    ids=["not-utf8", "not-json", "not-a-list", "nested-too-deep", "empty-list"],
)
def test_a_file_that_is_not_a_list_of_profiles_saves_nothing(store, tmp_path, content) -> None:
    service = ProfilesService(store)
    service.upsert(profile("1 Test Row"))
    path = tmp_path / "profiles.json"
    path.write_bytes(content)
    if content.strip() == b"[]":
        assert service.import_file(path) == 0
    else:
        with pytest.raises(ProfilesFileError) as refused:
            service.import_file(path)
        assert refused.value.problems
    assert [p.address for p in reread(store)] == ["1 Test Row"]


def test_a_missing_file_is_refused_with_a_message(store, tmp_path) -> None:
    with pytest.raises(ProfilesFileError) as refused:
        ProfilesService(store).import_file(tmp_path / "absent.json")
    assert refused.value.problems[0].startswith("The file could not be read")
