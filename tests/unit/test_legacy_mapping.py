"""The legacy mapping (docs/admin.md, "The legacy format") as a pure function: sample.json
(a copy beside this file) and small hand-made items."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.admin.legacy_mapping import map_legacy
from desktop_app.domain.canonical import item_content_hash

SAMPLE = Path(__file__).with_name("test_legacy_sample.json")
FALLBACK = "2026-01-01T00:00:00Z"
Z = "us-east-1:00000000-0000-4000-8000-000000000001"


def load_sample() -> list[dict]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"), parse_float=Decimal)


def by_key(result):
    return {(t.key.table, t.key.pk): t.item for t in result.targets}


def outcome_of(result, zoneinfo, sk):
    return next(s for s in result.sources if (s.zoneinfo, s.sk) == (zoneinfo, sk))


def test_every_sample_item_is_accounted_for_exactly_once():
    items = load_sample()
    result = map_legacy(items, fallback_time=FALLBACK)
    assert sorted((s.zoneinfo, s.sk) for s in result.sources) == sorted(
        (i["zoneinfo"], i["sk"]) for i in items
    )
    assert Counter(s.outcome for s in result.sources) == {
        "migrated": 36,
        "merged": 1,
        "rejected": 8,
    }
    assert all(s.reason for s in result.sources if s.outcome != "migrated")
    assert all(s.targets for s in result.sources if s.outcome != "rejected")
    assert Counter(t.key.table for t in result.targets) == {
        "app": 13,
        "applicant": 13,
        "coapplicant": 9,
        "guarantor": 5,
    }


def test_unknown_status_rejects_the_application_with_the_reason():
    result = map_legacy(load_sample(), fallback_time=FALLBACK)
    rejected = outcome_of(result, "us-east-1:70650600-519e-174f-5565-932ad7970059", "APPLICATION")
    assert rejected.outcome == "rejected"
    assert "unknown status 'archived?'" in rejected.reason
    assert not any("70650600" in t.key.pk for t in result.targets)


def test_person_without_its_app_item_is_rejected_as_orphan():
    result = map_legacy(load_sample(), fallback_time=FALLBACK)
    orphan = outcome_of(
        result, "us-east-1:7f09ccaa-a345-9648-83af-759a993c5042", "APPLICANT#app-d1d2e9ec9667"
    )
    assert orphan.outcome == "rejected"
    assert "APP#app-d1d2e9ec9667 is missing" in orphan.reason


def test_duplicated_coapplicant_is_merged_into_the_first():
    result = map_legacy(load_sample(), fallback_time=FALLBACK)
    zone = "us-east-1:bc3e1c90-7d12-9abc-b0d3-7afc978d49c0"
    merged = outcome_of(result, zone, "COAPP#app-3a20c6322f0d#2")
    assert merged.outcome == "merged"
    assert [t.pk for t in merged.targets] == [f"{zone}#app-3a20c6322f0d#co1"]
    coapps = [t for t in result.targets if t.key.table == "coapplicant" and zone in t.key.pk]
    assert sorted(t.key.pk for t in coapps) == [
        f"{zone}#app-3a20c6322f0d#co0",
        f"{zone}#app-3a20c6322f0d#co1",
    ]


def test_statuses_map_to_draft_or_submitted():
    result = map_legacy(load_sample(), fallback_time=FALLBACK)
    apps = by_key(result)
    assert (
        apps[("app", "us-east-1:576f6130-7093-2e5d-42e2-1d4f288d298c#app-74d4dae0fac6")]["status"]
        == "draft"
    )  # in_progress
    assert (
        apps[("app", "us-east-1:33348a7a-de80-6bad-1740-2604e5dfc536#app-45cda5a54752")]["status"]
        == "draft"
    )  # ""
    assert (
        apps[("app", "us-east-1:44b80a3f-16a2-2961-2277-ea64907429f7#app-a76c6782147d")]["status"]
        == "submitted"
    )  # completed
    assert (
        apps[("app", "us-east-1:eeee3183-69ca-47e7-5826-00e9111f4efd#v1")]["status"] == "submitted"
    )
    assert {t.item["status"] for t in result.targets} == {"draft", "submitted"}


def test_keys_sit_under_the_owning_account():
    result = map_legacy(load_sample(), fallback_time=FALLBACK)
    for target in result.targets:
        zone = target.item["zoneinfo"]
        assert target.key.pk == zone or target.key.pk.startswith(zone + "#"), target.key
        assert target.item["appid"].startswith(zone + "#")
    items = by_key(result)
    zone = "us-east-1:44b80a3f-16a2-2961-2277-ea64907429f7"
    app = items[("app", f"{zone}#app-a76c6782147d")]
    assert app["legacy_appid"] == "app-a76c6782147d"
    # The account's most recently updated application (2026-01-07) owns userId = zoneinfo.
    assert items[("applicant", zone)]["appid"] == f"{zone}#app-a76c6782147d"
    assert items[("applicant", f"{zone}#v1#applicant")]["appid"] == f"{zone}#v1"
    assert items[("applicant", f"{zone}#app-ae9238e3f3fc#applicant")]
    assert (
        items[("guarantor", f"{zone}#app-ae9238e3f3fc#g0")]["guarantor_info"]["first_name"]
        == "Chen"
    )


def test_own_legacy_user_id_is_kept_aside():
    result = map_legacy(load_sample(), fallback_time=FALLBACK)
    zone = "us-east-1:b90501b3-ea23-5e76-f160-2b05f31bb032"
    coapp = by_key(result)[("coapplicant", f"{zone}#app-3cc3eb2737a7#co0")]
    assert coapp["legacy_user_id"] == "us-east-1:0a658a6b6d953389"
    assert coapp["userId"] == f"{zone}#app-3cc3eb2737a7#co0"


def test_v1_item_is_split_snake_cased_and_numbers_made_numbers():
    result = map_legacy(load_sample(), fallback_time=FALLBACK)
    zone = "us-east-1:d40971be-334d-e0f3-a927-0f09ac133bf4"
    items = by_key(result)
    app = items[("app", f"{zone}#v1")]
    assert app["application_info"] == {
        "building_address": "845 Atlantic Ave",
        "unit": "25C",
        "monthly_rent": Decimal(2900),
    }
    assert app["current_step"] == Decimal(1)
    assert (app["created_at"], app["last_updated"]) == (
        "2025-03-01T20:14:00Z",
        "2026-07-21T14:07:00Z",
    )
    coapp = items[("coapplicant", f"{zone}#v1#co0")]
    assert coapp["coapplicant_info"]["last_name"] == "Müller"
    assert coapp["coapplicant_info"]["annual_income"] == Decimal(200000)
    applicant = items[("applicant", zone)]  # v1 updated 2026-07-21, after app-166671e1019a
    assert applicant["signature"].startswith("data:image/png")
    assert "applicantInfo" not in applicant and "first_name" in applicant["applicant_info"]


def test_every_target_item_has_version_times_and_its_content_hash():
    for target in map_legacy(load_sample(), fallback_time=FALLBACK).targets:
        item = target.item
        assert item["version"] == 1
        assert item["created_at"].endswith("Z") and item["last_updated"].endswith("Z")
        # over the attributes LeaseDesk writes, as the sync engine hashes
        assert item["content_hash"] == item_content_hash(target.key.table, item)


def test_snake_case_wins_and_the_disagreement_is_noted_without_values():
    item = {
        "zoneinfo": Z,
        "sk": "APPLICATION",
        "status": "draft",
        "applicationInfo": {"unit": "1A", "monthlyRent": "1000"},
        "application_info": {"unit": "2B"},
        "updatedAt": "2025-01-01T00:00:00Z",
        "createdAt": "2024-12-31T00:00:00+00:00",
    }
    result = map_legacy([item], fallback_time=FALLBACK)
    app = result.targets[0].item
    assert app["application_info"] == {"unit": "2B", "monthly_rent": Decimal(1000)}
    assert app["created_at"] == "2024-12-31T00:00:00Z"
    assert [(n.field, n.sk) for n in result.notes] == [("application_info.unit", "APPLICATION")]
    assert "2B" not in result.notes[0].message and "1A" not in result.notes[0].message


def test_number_that_is_not_a_number_is_kept_as_text_with_a_note():
    items = [
        {
            "zoneinfo": Z,
            "sk": "APP#a1",
            "status": "draft",
            "application_info": {"monthly_rent": "call me"},
            "current_step": "3",
            "last_updated": "2025-01-01T00:00:00Z",
        },
    ]
    result = map_legacy(items, fallback_time=FALLBACK)
    app = result.targets[0].item
    assert app["application_info"]["monthly_rent"] == "call me"
    assert app["current_step"] == Decimal(3)
    assert [n.field for n in result.notes] == ["application_info.monthly_rent"]


def test_unrecognised_sort_key_is_rejected_not_dropped():
    result = map_legacy([{"zoneinfo": Z, "sk": "SETTINGS"}], fallback_time=FALLBACK)
    assert [(s.outcome, s.reason) for s in result.sources] == [
        ("rejected", "unrecognised sort key 'SETTINGS'")
    ]
    assert result.targets == []


def test_application_without_times_takes_the_fallback():
    result = map_legacy(
        [{"zoneinfo": Z, "sk": "APP#a1", "status": "started"}], fallback_time=FALLBACK
    )
    assert result.targets[0].item["created_at"] == FALLBACK


@pytest.mark.parametrize("order", [1, -1])
def test_same_snapshot_maps_the_same_whatever_the_scan_order(order):
    items = load_sample()
    first = map_legacy(items, fallback_time=FALLBACK)
    again = map_legacy(items[::order][::-1], fallback_time=FALLBACK)
    assert [(t.key, t.item) for t in first.targets] == [(t.key, t.item) for t in again.targets]
    assert [s.as_dict() for s in first.sources] == [s.as_dict() for s in again.sources]
