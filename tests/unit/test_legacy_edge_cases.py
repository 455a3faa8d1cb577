"""Legacy items the mapping cannot take as they are: each is reported per source item, and an
application is migrated whole or not at all."""

from __future__ import annotations

import json
from decimal import Decimal

from desktop_app.admin.legacy_mapping import map_legacy
from desktop_app.admin.source_backup import load_backup

FALLBACK = "2026-01-01T00:00:00Z"
Z = "us-east-1:00000000-0000-4000-8000-000000000001"
OTHER = "us-east-1:00000000-0000-4000-8000-000000000002"


def app(legacy_id: str, zoneinfo: str = Z, **extra) -> dict:
    return {"zoneinfo": zoneinfo, "sk": f"APP#{legacy_id}", "status": "draft", **extra}


def person(sk: str, zoneinfo: str = Z, **extra) -> dict:
    return {"zoneinfo": zoneinfo, "sk": sk, "applicantInfo": {"firstName": "Test"}, **extra}


def outcomes(result) -> dict[tuple[str, str], tuple[str, str]]:
    return {(s.zoneinfo, s.sk): (s.outcome, s.reason) for s in result.sources}


def test_sort_keys_with_equal_numbers_reject_the_application_instead_of_overwriting():
    for kind, a, b in (("COAPP", "1", "01"), ("GUARANTOR", "2", "002")):
        items = [
            app("a"),
            person("APPLICANT#a"),
            {"zoneinfo": Z, "sk": f"{kind}#a#{a}", "firstName": "One"},
            {"zoneinfo": Z, "sk": f"{kind}#a#{b}", "firstName": "Two"},
        ]
        result = map_legacy(items, fallback_time=FALLBACK)
        found = outcomes(result)
        assert len(found) == 4
        for item in items:
            outcome, reason = found[(Z, item["sk"])]
            assert outcome == "rejected", item["sk"]
            assert "same number once parsed" in reason
        assert result.targets == []


def test_a_v2_application_with_id_v1_is_rejected_whole_and_writes_no_applicant():
    items = [
        {"zoneinfo": Z, "sk": "APPLICATION", "status": "draft", "applicantInfo": {"a": 1}},
        app("v1", updatedAt="2030-01-01T00:00:00Z"),
        person("APPLICANT#v1"),
    ]
    result = map_legacy(items, fallback_time=FALLBACK)
    found = outcomes(result)
    assert found[(Z, "APPLICATION")][0] == "migrated"
    assert found[(Z, "APP#v1")][0] == "rejected" and "collides" in found[(Z, "APP#v1")][1]
    assert found[(Z, "APPLICANT#v1")][0] == "rejected"
    # The only applicant is the v1 item's, and it is the account's own.
    applicants = [t for t in result.targets if t.key.table == "applicant"]
    assert [(t.item["userId"], t.item["appid"]) for t in applicants] == [(Z, f"{Z}#v1")]


def test_a_person_with_an_unknown_status_rejects_its_whole_application():
    items = [
        app("a"),
        person("APPLICANT#a"),
        {"zoneinfo": Z, "sk": "COAPP#a#1", "status": "archived?", "firstName": "X"},
    ]
    result = map_legacy(items, fallback_time=FALLBACK)
    found = outcomes(result)
    assert {o for o, _ in found.values()} == {"rejected"}
    assert "unknown status 'archived?'" in found[(Z, "COAPP#a#1")][1]
    assert "COAPP#a#1" in found[(Z, "APP#a")][1]
    assert result.targets == []


def test_a_zoneinfo_that_is_not_an_identity_id_is_rejected():
    items = [app("a", zoneinfo="*"), app("b", zoneinfo=f"{OTHER}#x"), app("c")]
    result = map_legacy(items, fallback_time=FALLBACK)
    found = outcomes(result)
    assert found[("*", "APP#a")][0] == "rejected"
    assert found[(f"{OTHER}#x", "APP#b")][0] == "rejected"
    assert "not an identity id" in found[("*", "APP#a")][1]
    assert found[(Z, "APP#c")][0] == "migrated"
    assert all(t.item["zoneinfo"] == Z for t in result.targets)
    assert not any(t.key.pk.startswith(OTHER) for t in result.targets)


def test_wrong_types_are_kept_with_a_note_naming_the_field():
    items = [
        app("a", currentStep={"n": 1}, applicationFee=True),
        {"zoneinfo": Z, "sk": "APPLICANT#a", "applicantInfo": "see paper file"},
        {"zoneinfo": Z, "sk": "APPLICATION", "status": "draft", "applicantInfo": "n/a"},
    ]
    result = map_legacy(items, fallback_time=FALLBACK)
    notes = {(n.sk, n.field): n.message for n in result.notes}
    assert "a map" in notes[("APP#a", "current_step")]
    assert "a boolean" in notes[("APP#a", "application_fee")]
    assert "text" in notes[("APPLICANT#a", "applicant_info")]
    assert "text" in notes[("APPLICATION", "applicant_info")]
    assert all("see paper" not in m and "n/a" not in m for m in notes.values())
    apps = {t.item["appid"]: t.item for t in result.targets if t.key.table == "app"}
    assert apps[f"{Z}#a"]["current_step"] == {"n": 1}
    assert apps[f"{Z}#v1"]["applicant_info"] == "n/a"  # kept, not dropped


def test_names_b_and_bs_and_binary_sets_load_from_the_backup_and_hash(tmp_path):
    typed = {
        "zoneinfo": {"S": Z},
        "sk": {"S": "APP#a"},
        "status": {"S": "draft"},
        "B": {"S": "a text attribute named B"},
        "meta": {"M": {"BS": {"N": "3"}, "B": {"M": {"B": {"B": "AAE="}}}}},
        "blobs": {"BS": ["AAE=", "AgM="]},
    }
    path = tmp_path / "backup.jsonl"
    path.write_text(json.dumps(typed) + "\n", encoding="utf-8")
    [item] = load_backup(path)
    assert item["B"] == "a text attribute named B"
    assert item["meta"] == {"BS": Decimal(3), "B": {"B": b"\x00\x01"}}
    assert item["blobs"] == {b"\x00\x01", b"\x02\x03"}
    result = map_legacy([item], fallback_time=FALLBACK)
    [target] = result.targets
    assert target.item["blobs"] == {b"\x00\x01", b"\x02\x03"}
    assert target.item["content_hash"]
