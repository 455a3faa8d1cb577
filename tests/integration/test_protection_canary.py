"""The canary test: an agent signs in (moto's Cognito over HTTP, the real Secret
Service), enters an application with a canary SSN, date of birth, income and two documents —
one small (inline in the app item), one that would push the item past 400 KB (S3) — and syncs
with KMS and S3. Then every file under the data, config and log directories, every item of the
four tables and every S3 object is searched for each canary, in clear and in base64: none is
found. A second machine of the same agent (a second data dir, the same identity id) pulls,
sees the same SSN and opens both documents; key rotation re-encrypts and everything opens.

Failures name the place and the canary's label, never its value."""

from __future__ import annotations

import hashlib
import logging
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.auth.account_service import AccountService
from desktop_app.config import load_config
from desktop_app.domain.models import Document, DocumentKind, StorageMode
from desktop_app.logs import _AppFileHandler, setup_logging
from desktop_app.remote.tables import ALL_TABLES, TableNames
from desktop_app.sandbox.provision import DEMO_PASSWORD, DEMO_USERNAME, provision
from desktop_app.services.autosave import AutosaveService
from desktop_app.services.local_store import open_account_store, rotate_key
from desktop_app.services.remote_protection import open_document
from desktop_app.services.sync_service import SyncService, build_engine
from desktop_app.storage.sync_repository import sync_uow
from desktop_app.sync import outcome as oc
from desktop_app.sync.field_crypto import REMOTE_PII_FIELDS
from desktop_app.sync.keys import appid_for
from tests.fixtures.canary import leaks

SSN = "912-77-4321"
DOB = "1961-03-17"
INCOME = "987654.32"
INLINE_MARK = b"canary-inline-document-5531"
S3_MARK = b"canary-s3-document-7719"
BIG = 420 * 1024  # inline, it would push the app item past DynamoDB's 400 KB

#: label -> bytes. Incomes stay readable on the remote (docs/architecture.md, "Remote schema and key rules" lists ssn, date_of_birth,
#: bank_accounts and documents); they are sealed at rest locally like every PII field.
LOCAL_CANARIES = {
    "ssn": SSN.encode(),
    "ssn digits": SSN.replace("-", "").encode(),
    "date of birth": DOB.encode(),
    "income": INCOME.encode(),
    "inline document": INLINE_MARK,
    "s3 document": S3_MARK,
}
REMOTE_CANARIES = {
    k: v for k, v in LOCAL_CANARIES.items() if k != "income" or "annual_income" in REMOTE_PII_FIELDS
}


def scan_files(root: Path, canaries: dict[str, bytes]) -> list[str]:
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        found += [
            f"{path.relative_to(root)}: {label}" for label in leaks(path.read_bytes(), canaries)
        ]
    return found


def scan_remote(moto, bucket: str) -> tuple[list[str], int]:
    found = []
    dynamo = moto.client("dynamodb")
    tables = TableNames.with_affixes("", "")
    items = 0
    for spec in ALL_TABLES:
        for page in dynamo.get_paginator("scan").paginate(TableName=tables.for_spec(spec)):
            for raw in page["Items"]:
                items += 1
                found += [
                    f"{spec.base_name}: {x}" for x in leaks(repr(raw).encode(), REMOTE_CANARIES)
                ]
    s3 = moto.client("s3")
    for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
        body = s3.get_object(Bucket=bucket, Key=obj["Key"])["Body"].read()
        found += [f"s3 object: {x}" for x in leaks(body, REMOTE_CANARIES)]
    return found, items


def pdf(mark: bytes, size: int) -> bytes:
    head = b"%PDF-1.4\n% " + mark + b"\n"
    tail = b"\nstartxref\n0\n%%EOF\n"
    return head + os.urandom(max(0, size - len(head) - len(tail))) + tail


def attach(autosave: AutosaveService, app_id: str, person_id: str, name: str, content: bytes):
    doc = Document(
        kind=DocumentKind.PAY_STUB,
        person_id=person_id,
        file_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )
    autosave.attach_document(app_id, doc, content)
    return doc


@pytest.fixture
def app_log(tmp_path):
    yield setup_logging
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _AppFileHandler):
            root.removeHandler(handler)
            handler.close()


def test_no_canary_anywhere_outside_the_encrypted_fields(moto, secret_service, tmp_path, app_log):
    backend = provision(moto.url)
    config_dir, data_dir, data_b = tmp_path / "config", tmp_path / "data", tmp_path / "data-b"
    config_dir.mkdir()
    config_file = config_dir / "config.toml"
    config_file.write_text(
        "".join(
            f'{k.removeprefix("DESKTOP_APP_").lower()} = "{v}"\n'
            for k, v in backend.settings().items()
        )
    )
    config = load_config(config_file, env={}, read_default_file=False)
    app_log(data_dir)
    accounts = AccountService(config, data_dir)
    accounts.sign_in(DEMO_USERNAME, DEMO_PASSWORD)
    factory = accounts.aws_session_factory()
    identity = factory.identity_id

    store = open_account_store(data_dir)
    autosave = AutosaveService(store)
    app = autosave.create_draft()
    applicant = app.primary_applicant.id
    autosave.save_field(app.id, "primary_applicant.first_name", "Canary")
    autosave.save_field(app.id, "primary_applicant.ssn", SSN)
    autosave.save_field(app.id, "primary_applicant.date_of_birth", date.fromisoformat(DOB))
    autosave.save_field(app.id, "primary_applicant.annual_income", Decimal(INCOME))
    small, big = pdf(INLINE_MARK, 3000), pdf(S3_MARK, BIG)
    doc_small = attach(autosave, app.id, applicant, "stub.pdf", small)
    doc_big = attach(autosave, app.id, applicant, "statement.pdf", big)

    report = SyncService(
        store, lambda: build_engine(store, factory, config, concurrency=1)
    ).sync_once()
    assert [o.result for o in report.outcomes] == [oc.SYNCED], report.summary()
    logging.getLogger("desktop_app.test").info("canary sync done for %s", app.id)

    # The app item stays small: the big document went to S3, the small one inline.
    appid = appid_for(identity, app.id)
    raw_app = moto.client("dynamodb").get_item(
        TableName="app_nyc", Key={"appid": {"S": appid}, "zoneinfo": {"S": identity}}
    )["Item"]
    assert len(repr(raw_app)) < 40_000
    assert set(raw_app["encrypted_documents"]["M"]) == {doc_small.id}
    assert [r["S"] for r in raw_app["s3_references"]["L"]] == [f"{identity}/{appid}/{doc_big.id}"]

    # Second machine of the same agent: pull, the same SSN, both documents open.
    store_b = open_account_store(data_b, "second-machine")
    SyncService(store_b, lambda: build_engine(store_b, factory, config, concurrency=1)).sync_once()
    pulled = AutosaveService(store_b).load(app.id)
    assert pulled.primary_applicant.ssn == SSN, "the SSN did not come back on the other machine"
    assert pulled.primary_applicant.date_of_birth == date.fromisoformat(DOB)
    docs_b = {d.id: d for d in pulled.documents}
    assert docs_b[doc_big.id].storage_mode is StorageMode.S3
    for doc, content in ((doc_small, small), (doc_big, big)):
        got = open_document(store_b, factory, config, app.id, docs_b[doc.id])
        assert got == content, "a document did not open on the other machine"
    store_b.close()

    # Rotation re-encrypts; everything still opens, the sync snapshot too.
    store.close()
    rotate_key(data_dir)
    store = open_account_store(data_dir)
    loaded = AutosaveService(store).load(app.id)
    assert loaded.primary_applicant.ssn == SSN
    assert AutosaveService(store).document_bytes(app.id, doc_big.id) == big
    with sync_uow(store) as uow:
        snapshot = uow.sync.state(app.id).snapshot
    assert SSN in snapshot, "the sync snapshot did not open after rotation"
    store.close()

    for handler in logging.getLogger().handlers:
        handler.flush()
    assert (data_dir / "logs" / "desktop_app.log").exists()
    found = []
    for root in (data_dir, data_b, config_dir):
        found += scan_files(root, LOCAL_CANARIES)
    remote_found, items = scan_remote(moto, backend.s3_bucket)
    assert items == 2  # the app item and the applicant
    assert not found, f"canaries in local files: {found}"
    assert not remote_found, f"canaries on the remote: {remote_found}"
