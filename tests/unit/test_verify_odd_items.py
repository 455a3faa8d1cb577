"""``admin verify``'s item checks take items other systems wrote without breaking: wrong
types, missing keys, binary values, a people list that is no list."""

from __future__ import annotations

from decimal import Decimal

from desktop_app.admin.verify import VerifyReport, check_items

IDENT = "us-east-1:11111111-2222-4333-8444-555555555555"


def test_odd_items_are_findings_not_crashes():
    tables = {
        "app": [
            {"appid": f"{IDENT}#A", "zoneinfo": IDENT, "people": "not a list", "content_hash": "x"},
            {"appid": 7, "zoneinfo": None, "blob": b"\x00\xff", "tags": {b"a", b"b"}},
            {},
        ],
        "applicant": [
            {"userId": f"{IDENT}#P", "zoneinfo": IDENT, "appid": f"{IDENT}#A",
             "applicant_info": "text, not a map", "occupants": [{"ssn_enc": {"v": 1}}, "x"]},
            {"userId": None, "appid": None, "version": Decimal("1.5")},
        ],
        "coapplicant": [],
        "guarantor": [
            {"userId": f"{IDENT}#G", "zoneinfo": IDENT, "appid": f"{IDENT}#A",
             "guarantor_info": {"date_of_birth": "1990-01-01"}},
        ],
    }  # fmt: skip
    report = VerifyReport()
    check_items(tables, report)
    counts = {k: f.count for k, f in report.findings.items()}
    assert counts["people_list"] == 1  # the list is not one LeaseDesk wrote
    assert counts["changed_outside"] == 1
    assert counts["clear_pii"] == 1  # the guarantor's date of birth
    assert counts["foreign_key"] == 3  # appid 7, the empty item, the person without keys
    assert counts["orphaned_person"] == 1  # the person with no appid
    assert "missing_primary_applicant" not in counts  # items without an appid are no application
    assert "1990-01-01" not in repr(report.to_json())
