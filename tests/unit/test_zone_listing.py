"""Which listed applications a full reconciliation reads by key (``sync/zone_listing.py``)."""

from __future__ import annotations

from desktop_app.sync.zone_listing import is_whole, needs_read

APP = {"appid": "acct#A", "zoneinfo": "acct", "version": 3, "content_hash": "h-app"}
ALEX = {
    "userId": "acct#P",
    "zoneinfo": "acct",
    "appid": "acct#A",
    "version": 2,
    "content_hash": "h-p",
}
CONFIRMED = {("app", "acct#A"): "h-app", ("applicant", "acct#P"): "h-p"}


def test_an_application_listed_as_confirmed_is_not_read():
    assert not needs_read(APP, [("applicant", ALEX)], 3, CONFIRMED)


def test_new_here_or_without_receipts_is_read():
    assert needs_read(APP, [("applicant", ALEX)], None, CONFIRMED)
    assert needs_read(APP, [("applicant", ALEX)], 3, {})


def test_another_version_is_read_unless_ours_is_newer():
    assert needs_read({**APP, "version": 4}, [("applicant", ALEX)], 3, CONFIRMED)
    assert not needs_read({**APP, "version": 2}, [("applicant", ALEX)], 3, CONFIRMED)


def test_a_changed_hash_a_missing_one_or_another_set_of_items_is_read():
    assert needs_read(APP, [("applicant", {**ALEX, "content_hash": "other"})], 3, CONFIRMED)
    assert needs_read({k: v for k, v in APP.items() if k != "content_hash"}, [], 3, CONFIRMED)
    assert needs_read(APP, [], 3, CONFIRMED)  # a person gone
    extra = {**ALEX, "userId": "acct#Q"}
    assert needs_read(APP, [("applicant", ALEX), ("coapplicant", extra)], 3, CONFIRMED)


def test_an_unreadable_version_is_read():
    assert needs_read({**APP, "version": "x"}, [("applicant", ALEX)], 3, CONFIRMED)


def test_an_entry_is_whole_when_it_holds_more_than_keys_and_projection():
    assert not is_whole("app", {**APP, "last_updated": "2026-01-01T00:00:00+00:00"})
    assert not is_whole("applicant", ALEX)
    assert is_whole("app", {**APP, "status": "draft"})
    assert is_whole("applicant", {**ALEX, "applicant_info": {}})
