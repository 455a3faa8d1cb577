"""In Spanish, what the records say of an application — the audit trail's lines, the webhook
outcomes, the consent's heading in the PDF, the needs-attention reasons and steps — is in
Spanish, while the trail's stored codes and hashes stay the same (the chain verifies in either
language). English sessions still read English. Real SQLite files, the shipped catalogs."""

from __future__ import annotations

import random
import sqlite3
from datetime import date

import pytest

from desktop_app import i18n
from desktop_app.domain.signing import sign
from desktop_app.sampledata import synthetic_application
from desktop_app.services.audit import AuditTrail
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.records import attention_items, deliveries, signed_consent
from desktop_app.services.webhooks.review import review_of
from desktop_app.storage.store import open_store
from desktop_app.storage.sync_repository import sync_uow
from tests.fixtures.webhook_delivery import failed_delivery
from tests.fixtures.i18n import core_catalogs, compiled_i18n  # noqa: F401 — fixtures

TODAY = date(2026, 11, 26)
#: A reason the sync stored while the agent worked in English (a message of the catalog).
STORED_REASON = "an encrypted field on the server does not open (altered?)"


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "db.sqlite3")
    yield s
    s.close()


@pytest.fixture
def app_id(store) -> str:
    svc = AutosaveService(store, today=lambda: TODAY)
    app = svc.create_draft(synthetic_application(random.Random(5), today=TODAY))
    svc.save_field(app.id, "primary_applicant.email", "someone@example.test")
    AuditTrail(store).record_created([app.id], "pull")
    AuditTrail(store).record(app.id, "amended", version=3)
    return str(app.id)


@pytest.mark.usefixtures("core_catalogs")
def test_the_audit_lines_speak_the_session_language_and_the_chain_verifies_in_both(
    store, app_id
) -> None:
    trail = AuditTrail(store)
    i18n.set_language("es")
    spanish = [e.describe() for e in trail.entries(app_id)]
    assert "campo editado: primary_applicant.email" in spanish
    assert "creada: traída del servidor" in spanish
    assert "modificada: versión 3" in spanish
    assert not any(word in " ".join(spanish) for word in ("created", "edited", "version"))
    assert trail.verify(app_id).ok
    i18n.set_language("en")
    english = [e.describe() for e in trail.entries(app_id)]
    assert "field edited: primary_applicant.email" in english
    assert "created: pulled from the server" in english
    assert "amended: version 3" in english
    assert trail.verify(app_id).ok
    stored = {a for (a,) in sqlite3.connect(store.path).execute("SELECT action FROM audit_entries")}
    assert stored == {"created", "field_edited", "amended"}  # codes, never words


@pytest.mark.usefixtures("core_catalogs")
def test_webhook_outcomes_speak_the_session_language(store, app_id) -> None:
    failed_delivery(store, app_id)
    app = AutosaveService(store).load(app_id)
    i18n.set_language("es")
    row = review_of(store, app).deliveries[0]
    assert row.outcome == "requiere atención"
    assert "2 intentos" in row.detail
    [line] = deliveries(store, app_id)
    assert "(revisión 1): requiere atención, 2 intentos, HTTP 422" in line
    i18n.set_language("en")
    assert review_of(store, app).deliveries[0].outcome == "needs attention"
    assert "2 attempts" in review_of(store, app).deliveries[0].detail
    assert "(revision 1): needs attention, 2 attempts, HTTP 422" in deliveries(store, app_id)[0]


@pytest.mark.usefixtures("core_catalogs")
def test_the_consent_heading_speaks_the_session_language(store, app_id) -> None:
    app = AutosaveService(store).load(app_id)
    app.signatures = [sign(app, app.primary_applicant.id, b"png")]
    i18n.set_language("es")
    assert signed_consent(app)[app.primary_applicant.id].startswith(
        "Consentimiento, versión 1 (en):\n")
    i18n.set_language("en")
    assert signed_consent(app)[app.primary_applicant.id].startswith("Consent version 1 (en):\n")


@pytest.mark.usefixtures("core_catalogs")
def test_a_reason_and_step_stored_in_english_are_shown_in_spanish(store, app_id) -> None:
    other = AutosaveService(store, today=lambda: TODAY).create_draft(
        synthetic_application(random.Random(6), today=TODAY))
    with sync_uow(store) as uow:
        uow.sync.set_attention(app_id, 1, STORED_REASON, "2 Primary applicant",
                               "primary_applicant.email")
        uow.sync.set_attention(other.id, 1, "DynamoDB refused the application: synthetic", "", "")
        uow.commit()
    i18n.set_language("es")
    items = {i.application_id: i for i in attention_items(store)}
    assert items[app_id].step == "2 Solicitante principal"
    assert items[app_id].reason != STORED_REASON and "cifrado" in items[app_id].reason
    # A reason the server wrote is not in the catalog: shown as it came, never blank.
    assert items[other.id].reason == "DynamoDB refused the application: synthetic"
    i18n.set_language("en")
    items = {i.application_id: i for i in attention_items(store)}
    assert (items[app_id].step, items[app_id].reason) == ("2 Primary applicant", STORED_REASON)



@pytest.mark.usefixtures("core_catalogs")
def test_a_broken_chain_is_reported_in_the_session_language(store, app_id) -> None:
    conn = sqlite3.connect(store.path)
    conn.execute("UPDATE audit_entries SET at = '2020-01-01T00:00:00+00:00' WHERE seq = 2")
    conn.commit()
    conn.close()
    trail = AuditTrail(store)
    i18n.set_language("es")
    assert trail.verify(app_id).problems == ["entrada 2: alterada (su hash ya no coincide)"]
    i18n.set_language("en")
    assert trail.verify(app_id).problems == ["entry 2: altered (its hash no longer matches)"]
