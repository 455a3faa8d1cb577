"""The content hash covers only the attributes LeaseDesk writes: what other systems add to the
same items never changes it, and every attribute the engine writes is covered."""

from __future__ import annotations

from desktop_app.domain.canonical import LEASEDESK_ATTRIBUTES, item_content_hash
from desktop_app.sync.mapping import application_items
from tests.fixtures.sync_setup import IDENTITY, synthetic_application


def test_attributes_other_systems_add_leave_the_hash_as_it_was():
    (item, *_people) = application_items(synthetic_application(), IDENTITY)
    before = item_content_hash("app", item.attributes)
    extra = {**item.attributes, "webhookSummary": {"events": 3}, "backOfficeNote": "x"}
    assert item_content_hash("app", extra) == before == item.content_hash
    bookkeeping = {**item.attributes, "version": 7, "last_updated": "2026-01-01T00:00:00Z"}
    assert item_content_hash("app", bookkeeping) == before
    changed = {**item.attributes, "status": "submitted"}
    assert item_content_hash("app", changed) != before


def test_every_attribute_the_engine_writes_is_covered():
    app = synthetic_application(co_applicants=1, guarantors=1)
    for item in application_items(app, IDENTITY):
        assert set(item.attributes) <= LEASEDESK_ATTRIBUTES[item.table], item.table
