"""Field-level encryption on the remote (docs/architecture.md, "Remote schema and key rules") against moto's KMS, S3 and DynamoDB over
HTTP: protected fields travel as ``<field>_enc`` envelopes, pull decrypts them, a retry sends
the identical payload, documents go inline or to S3, and without a KMS key nothing protected
is sent. Assertions never print PII: they compare with ``in`` and fail with generic text."""

from __future__ import annotations

import hashlib
import os
from datetime import date

from desktop_app.domain.models import Document, StorageMode
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.remote_protection import fetch_document
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync import outcome as oc
from desktop_app.sync.keys import appid_for
from tests.fixtures.remote_crypto import BUCKET, crypto_engine, field_crypto, kms_key, sealed_store
from tests.fixtures.sync_setup import (
    IDENTITY,
    add_apps,
    boto_remote,
    create_tables,
    engine,
    remote_applications,
    synthetic_application,
)

SSN = "123-45-6789"
DOB = date(1987, 6, 5)


def _app():
    app = synthetic_application(co_applicants=1)
    app.primary_applicant.ssn = SSN
    app.primary_applicant.date_of_birth = DOB
    app.co_applicants[0].ssn = "987-65-4321"
    return app


def _attach(store, app, content: bytes, name: str) -> Document:
    doc = Document(
        file_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    with store.uow() as uow:
        current, revision = uow.applications.get(app.id)
        current.documents.append(doc)
        uow.applications.save(current, expected_revision=revision)
        uow.blobs.put(app.id, doc.id, content)
        uow.commit()
    return doc


def test_protected_fields_travel_encrypted_and_pull_decrypts(moto, tmp_path):
    create_tables(moto)
    key_id = kms_key(moto)
    store, eng, _ = crypto_engine(moto, tmp_path, key_id=key_id)
    app = _app()
    add_apps(store, [app])
    report = eng.run_once()
    assert [o.result for o in report.outcomes] == [oc.SYNCED]

    items = remote_applications(moto)[appid_for(IDENTITY, app.id)]
    raw = repr(items).encode()
    for secret in (SSN.encode(), b"123456789", DOB.isoformat().encode(), b"Example Bank"):
        assert secret not in raw, "a protected value reached the remote in clear"
    applicant = next(i for t, i in items if t == "applicant")["applicant_info"]
    assert set(applicant) >= {"ssn_enc", "date_of_birth_enc", "bank_accounts_enc", "ssn_last4"}
    assert applicant["ssn_last4"] == "6789"
    assert set(applicant["ssn_enc"]) == {"v", "edk", "iv", "ct"}
    edks = {
        i[info]["ssn_enc"]["edk"]
        for t, i in items
        if (info := {"applicant": "applicant_info", "coapplicant": "coapplicant_info"}.get(t))
    }
    assert len(edks) == 1, "one data key per application push"

    # Pushing again without a change sends nothing; a new engine (cache empty) agrees after pull.
    assert [o.result for o in eng.run_once().outcomes] == []
    store_b, eng_b, _ = crypto_engine(moto, tmp_path, "b", key_id=key_id)
    assert eng_b.run_once().pulled == 1
    with store_b.uow() as uow:
        pulled, _rev = uow.applications.get(app.id)
    assert pulled.primary_applicant.ssn == SSN, "pull did not decrypt the SSN"
    assert pulled.primary_applicant.date_of_birth == DOB
    assert pulled.primary_applicant.bank_accounts == app.primary_applicant.bank_accounts


def test_a_retry_sends_the_identical_payload(moto, tmp_path):
    create_tables(moto)
    _store, _eng, crypto = crypto_engine(moto, tmp_path, key_id=kms_key(moto))
    app = _app()
    from desktop_app.sync.mapping import application_items

    first = application_items(app, IDENTITY, crypto)
    again = application_items(app, IDENTITY, crypto)
    assert [i.content_hash for i in first] == [i.content_hash for i in again]
    app.primary_applicant.ssn = "123-45-0000"
    changed = application_items(app, IDENTITY, crypto)
    assert changed[1].content_hash != first[1].content_hash
    assert changed[0].content_hash == first[0].content_hash  # the app item did not change


def test_without_a_kms_key_protected_values_are_not_sent(moto, tmp_path):
    create_tables(moto)
    store, eng, _ = crypto_engine(moto, tmp_path, key_id=None)
    app = _app()
    plain = synthetic_application()
    plain.primary_applicant.bank_accounts = []
    add_apps(store, [app, plain])
    outcomes = {o.application_id: o for o in eng.run_once().outcomes}
    assert outcomes[app.id].result == oc.NEEDS_ATTENTION
    assert "KMS_KEY_ID" in outcomes[app.id].message
    assert outcomes[plain.id].result == oc.SYNCED  # nothing protected in it
    assert appid_for(IDENTITY, app.id) not in remote_applications(moto)
    with sync_uow(store) as uow:
        assert [a.application_id for a in uow.sync.attention()] == [app.id]


def test_documents_go_inline_or_to_s3_and_open_on_another_machine(moto, tmp_path):
    create_tables(moto)
    moto.client("s3").create_bucket(Bucket=BUCKET)
    key_id = kms_key(moto)
    store, eng, _ = crypto_engine(moto, tmp_path, key_id=key_id, threshold=5 * 1024 * 1024)
    app = _app()
    add_apps(store, [app])
    small = b"%PDF-1.4 small synthetic\n%%EOF\n"
    large = os.urandom(6 * 1024 * 1024)  # multipart at a 5 MB threshold
    doc_small = _attach(store, app, small, "stub.pdf")
    doc_large = _attach(store, app, large, "statement.pdf")
    assert [o.result for o in eng.run_once().outcomes] == [oc.SYNCED]

    appid = appid_for(IDENTITY, app.id)
    app_item = next(i for t, i in remote_applications(moto)[appid] if t == "app")
    assert set(app_item["encrypted_documents"]) == {doc_small.id}
    assert small not in repr(app_item).encode()
    s3_key = f"{IDENTITY}/{appid}/{doc_large.id}"
    assert app_item["s3_references"] == [s3_key]
    assert app_item["storage_mode"] == "s3"
    body = moto.client("s3").get_object(Bucket=BUCKET, Key=s3_key)["Body"].read()
    assert large[:4096] not in body and len(body) > len(large)

    store_b, eng_b, crypto_b = crypto_engine(moto, tmp_path, "b", key_id=key_id)
    assert eng_b.run_once().pulled == 1
    with store_b.uow() as uow:
        pulled, _rev = uow.applications.get(app.id)
    by_id = {d.id: d for d in pulled.documents}
    assert by_id[doc_large.id].storage_mode is StorageMode.S3
    assert by_id[doc_small.id].storage_mode is StorageMode.DIRECT

    # B changes the app item before opening either document: the inline one is carried over
    # from the remote's entry, the S3 one is referenced as it is.
    AutosaveService(store_b).save_field(app.id, "application_info.unit", "9Z")
    assert [o.result for o in eng_b.run_once().outcomes] == [oc.SYNCED]
    app_item = next(i for t, i in remote_applications(moto)[appid] if t == "app")
    assert set(app_item["encrypted_documents"]) == {doc_small.id}
    assert int(app_item["version"]) == 2
    for doc, content in ((doc_small, small), (doc_large, large)):
        got = fetch_document(
            store_b, crypto_b.documents, eng_b.remote, IDENTITY, app.id, by_id[doc.id]
        )
        assert got == content, "a document did not open on the other machine"
    with store_b.uow() as uow:
        assert uow.blobs.get(app.id, doc_large.id) == large  # kept locally (sealed) once fetched


def test_a_write_committed_but_not_recorded_is_recognised_after_a_restart(moto, tmp_path):
    """The process dies after the remote committed and before the local record: the next
    process (its cache empty, so its ciphertexts differ) must not conflict or write again."""
    create_tables(moto)
    key_id = kms_key(moto)
    store, eng, _ = crypto_engine(moto, tmp_path, key_id=key_id)
    app = _app()
    add_apps(store, [app])
    eng.local.confirm = lambda confirmations: None  # the crash: nothing recorded locally
    assert [o.result for o in eng.run_once(pull=False).outcomes] == [oc.SYNCED]

    remote = boto_remote(moto.url)
    fresh = engine(store, remote, transform=field_crypto(moto, store, remote, key_id))
    outcomes = fresh.run_once().outcomes
    assert [o.result for o in outcomes] == [oc.UNCHANGED]
    items = remote_applications(moto)[appid_for(IDENTITY, app.id)]
    assert {int(i["version"]) for _t, i in items} == {1}
    assert [o.result for o in fresh.run_once().outcomes] == []


def test_an_item_written_in_clear_elsewhere_is_encrypted_when_pushed_again(moto, tmp_path):
    create_tables(moto)
    key_id = kms_key(moto)
    plain_store = sealed_store(tmp_path / "legacy")
    legacy = engine(plain_store, boto_remote(moto.url))  # no transform: written in clear
    app = _app()
    add_apps(plain_store, [app])
    assert [o.result for o in legacy.run_once().outcomes] == [oc.SYNCED]

    store, eng, _ = crypto_engine(moto, tmp_path, key_id=key_id)
    assert eng.run_once().pulled == 1
    AutosaveService(store).save_field(app.id, "application_info.unit", "7C")
    assert [o.result for o in eng.run_once().outcomes] == [oc.SYNCED]
    items = remote_applications(moto)[appid_for(IDENTITY, app.id)]
    assert SSN.encode() not in repr(items).encode(), "an SSN stayed in clear on the remote"
