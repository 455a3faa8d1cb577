"""The audit trail on a real SQLite file: every action recorded (paths, never values), and the
hash chain catching an altered entry, a removed one and an end cut off."""

import random
import sqlite3
from datetime import date

import pytest

from desktop_app.domain.models import Document, DocumentKind
from desktop_app.sampledata import synthetic_application
from desktop_app.services.audit import AuditTrail, Head
from desktop_app.services.autosave import AutosaveService
from desktop_app.storage.store import open_store

PDF = b"%PDF-1.4\nsynthetic\nstartxref\n0\n%%EOF\n"


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def trail_with_actions(store):
    svc = AutosaveService(store, today=lambda: date(2026, 11, 26))
    app = svc.create_draft(synthetic_application(random.Random(3), today=date(2026, 11, 26)))
    svc.save_field(app.id, "primary_applicant.email", "secret.value@example.test")
    copy = svc.load(app.id)
    copy.co_applicants = []
    svc.save(copy)
    doc = Document(kind=DocumentKind.PAY_STUB, file_name="stub.pdf", content_type="application/pdf")
    svc.attach_document(app.id, doc, PDF)
    svc.remove_document(app.id, doc.id)
    return app.id, AuditTrail(store)


def test_actions_are_recorded_with_paths_never_values(store):
    app_id, trail = trail_with_actions(store)
    entries = trail.entries(app_id)
    actions = [e.action for e in entries]
    assert actions[0] == "created"
    assert ("field_edited", "primary_applicant.email") in [
        (e.action, e.detail.get("path")) for e in entries
    ]
    assert "document_attached" in actions and "document_removed" in actions
    assert all(e.machine and e.account and e.at for e in entries)
    raw = sqlite3.connect(store.path).execute("SELECT detail FROM audit_entries").fetchall()
    assert not any("secret.value" in d for (d,) in raw)
    assert trail.verify(app_id).ok


def _tamper(store, sql, *params):
    conn = sqlite3.connect(store.path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_an_altered_entry_is_detected(store):
    app_id, trail = trail_with_actions(store)
    _tamper(store, "UPDATE audit_entries SET account='someone-else' WHERE seq=2")
    result = trail.verify(app_id)
    assert not result.ok and "entry 2: altered" in result.problems[0]


def test_a_removed_entry_is_detected(store):
    app_id, trail = trail_with_actions(store)
    _tamper(store, "DELETE FROM audit_entries WHERE seq=2")
    result = trail.verify(app_id)
    assert not result.ok and "entry 2" in result.problems[0]


def test_an_end_cut_off_is_detected_against_the_recorded_head(store):
    app_id, trail = trail_with_actions(store)
    head = trail.head(app_id)
    assert head.length >= 4
    _tamper(store, "DELETE FROM audit_entries WHERE seq=?", head.length)
    assert trail.verify(app_id).ok  # the chain alone cannot tell
    result = trail.verify(app_id, Head(head.length, head.hash))
    assert not result.ok and "cut off" in result.problems[0]


def test_a_replaced_end_is_detected_against_the_recorded_head(store):
    app_id, trail = trail_with_actions(store)
    head = trail.head(app_id)
    _tamper(store, "DELETE FROM audit_entries WHERE seq=?", head.length)
    trail.append(app_id, "exported", to="pdf")  # a new, valid last entry
    result = trail.verify(app_id, head)
    assert not result.ok and "differs" in result.problems[0]


def test_keystrokes_in_one_field_are_one_entry_until_another_action(store):
    svc = AutosaveService(store)
    app = svc.create_draft(synthetic_application(random.Random(4), today=date(2026, 11, 26)))
    for text in ("a", "ab", "abc"):
        svc.save_field(app.id, "primary_applicant.phone", text)
    svc.save_field(app.id, "primary_applicant.email", "x@example.test")
    svc.save_field(app.id, "primary_applicant.phone", "abcd")
    paths = [e.detail.get("path") for e in AuditTrail(store).entries(app.id)][1:]
    assert paths == ["primary_applicant.phone", "primary_applicant.email", "primary_applicant.phone"]
