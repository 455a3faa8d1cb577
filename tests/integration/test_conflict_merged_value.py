"""A conflict resolved with a value the agent typed reaches the remote (two machines on moto),
each machine's trail records the sync and the choice, and a refused value changes nothing."""

import random
from datetime import date
from decimal import Decimal

import pytest

from desktop_app.sampledata import synthetic_application
from desktop_app.services.audit import AuditTrail
from desktop_app.services.errors import InvalidValue
from desktop_app.services.sync_service import MERGED
from tests.fixtures.sync_setup import create_tables, device, remote_docs

RENT = "application_info.monthly_rent"


def conflicted(tmp_path, moto):
    create_tables(moto)
    a_store, a_save, a_sync = device(tmp_path / "a", moto.url)
    b_store, b_save, b_sync = device(tmp_path / "b", moto.url)
    app = a_save.create_draft(synthetic_application(random.Random(9), today=date(2026, 11, 26)))
    a_sync.sync_once()
    b_sync.sync_once()
    a_save.save_field(app.id, RENT, "3000.00")
    b_save.save_field(app.id, RENT, "3200.00")
    a_sync.sync_once()
    b_sync.sync_once()
    (conflict,) = b_sync.conflicts(app.id)
    assert conflict.path == RENT
    return app.id, (a_store, a_sync), (b_store, b_save, b_sync)


def test_a_typed_value_resolves_the_conflict_and_reaches_the_remote(tmp_path, moto):
    app_id, (a_store, a_sync), (b_store, b_save, b_sync) = conflicted(tmp_path, moto)
    assert b_sync.resolve(app_id, {RENT: MERGED}, {RENT: "3100.00"}) == 0
    report = b_sync.sync_once()
    assert report.count("synced") + report.count("merged") == 1
    assert remote_docs(moto)[app_id]["application_info"]["monthly_rent"] == "3100"
    a_sync.sync_once()
    assert b_save.load(app_id).application_info.monthly_rent == Decimal("3100.00")
    entries = AuditTrail(b_store).entries(app_id)
    assert ("conflict_resolved", {RENT: "merged"}) in [(e.action, e.detail.get("sides")) for e in entries]
    assert [e.detail["version"] for e in entries if e.action == "synced"][-1] == 3
    assert "3100" not in str([e.detail for e in entries])  # sides, never values
    assert AuditTrail(b_store).verify(app_id).ok and AuditTrail(a_store).verify(app_id).ok


def test_a_typed_value_the_field_refuses_is_reported_at_the_field_and_nothing_changes(tmp_path, moto):
    app_id, _, (_, b_save, b_sync) = conflicted(tmp_path, moto)
    with pytest.raises(InvalidValue) as info:
        b_sync.resolve(app_id, {RENT: MERGED}, {RENT: "three thousand"})
    assert info.value.error.path == RENT
    assert [c.path for c in b_sync.conflicts(app_id)] == [RENT]
    assert b_save.load(app_id).application_info.monthly_rent == Decimal("3200.00")
